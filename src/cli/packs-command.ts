/**
 * `hyosan packs [--json] [--save-dir DIR]`: the packs installed in the data
 * folder's `packs/`, each with its state (on, off, or broken with its first
 * problem); `hyosan packs on ID` and `hyosan packs off ID` switch one (kept
 * in the player's profile; the next game starts with or without it).
 */
import { terminalJson } from '../engine/control-chars.js';
import type { Story } from '../engine/story-types.js';
import { chooseSaveDir } from '../saves/slots.js';
import { formatProblem } from '../story/problem.js';
import { UsageError } from './args.js';
import type { CliContext } from './context.js';
import { packsDir } from './installed-packs.js';
import { installedPacks, packLines, switchId, switchInstalledPack, type InstalledPack } from './play-packs.js';
import { BUILT_IN_LABEL } from './story-source.js';
import { parseToolArgs } from './tool-args.js';

/** Runs `packs` with the arguments after its name; resolves to the exit code. */
export async function packsCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseToolArgs(argv, { command: 'packs', flags: ['--json'], values: ['--save-dir'], maxPositionals: 2 });
  const [action, id] = args.positionals;
  if (action !== undefined && action !== 'on' && action !== 'off') {
    throw new UsageError(`packs: '${action}' is not something packs does: 'hyosan packs' lists them, 'hyosan packs on ID' and 'hyosan packs off ID' switch one`);
  }
  if (action !== undefined && id === undefined) throw new UsageError(`packs ${action}: say which pack, e.g. 'hyosan packs ${action} stacks'`);
  const saveDir = chooseSaveDir(args.values.get('--save-dir'), ctx.env.HYOSAN_SAVE_DIR);
  const loaded = await ctx.shippedStory();
  if (loaded.story === undefined) {
    ctx.stderr.write(`hyosan: ${BUILT_IN_LABEL} does not load, so no pack can be checked against it.\n`);
    return 1;
  }
  const packs = await installedPacks(loaded.story, saveDir);
  if (action !== undefined) {
    const switched = await switchInstalledPack(packs, id!, action === 'on', saveDir);
    (switched.ok ? ctx.stdout : ctx.stderr).write(`${switched.ok ? '' : 'hyosan: '}${switched.message}\n`);
    return switched.ok ? 0 : 1;
  }
  const text = args.flags.has('--json') ? terminalJson(packsJson(loaded.story, saveDir, packs), 2) : packLines(saveDir, packs).join('\n');
  ctx.stdout.write(`${text}\n`);
  return 0;
}

/** The list as JSON: `{ folder, packs: [{ id, title, version, author, story, folder, state, problem?, problems }] }`. */
function packsJson(story: Story, saveDir: string, packs: readonly InstalledPack[]) {
  return {
    folder: packsDir(saveDir),
    story: { id: story.id, version: story.version },
    packs: packs.map((p) => ({
      id: switchId(p),
      ...(p.manifest === undefined
        ? {}
        : {
            title: p.manifest.title,
            version: p.manifest.version,
            author: p.manifest.author,
            ...(p.manifest.description === undefined ? {} : { description: p.manifest.description }),
            story: p.manifest.story,
          }),
      folder: p.folder,
      state: p.state,
      ...(p.problem === undefined ? {} : { problem: formatProblem(p.problem) }),
      problems: p.problems,
    })),
  };
}
