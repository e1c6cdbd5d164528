/**
 * `hyosan saves [--json] [--save-dir DIR] [--story DIR]`: parses the
 * options, loads the story (to tell its saves from other stories'), and
 * lists the save folder with `savesCommand`.
 */

import { chooseSaveDir } from '../saves/slots.js';
import { formatProblem } from '../story/problem.js';
import type { CliContext } from './context.js';
import { savesCommand } from './saves-command.js';
import { loadStory } from './story-source.js';
import { parseToolArgs } from './tool-args.js';

/** Runs `saves` with the arguments after its name; resolves to the exit code. */
export async function listSaves(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseToolArgs(argv, {
    command: 'saves',
    flags: ['--json'],
    values: ['--save-dir', '--story'],
    maxPositionals: 0,
  });
  const { result, label } = await loadStory(args.values.get('--story'), ctx.shippedStory);
  if (result.story === undefined) {
    for (const problem of result.problems.filter((p) => p.severity === 'error')) {
      ctx.stderr.write(`${formatProblem(problem)}\n`);
    }
    ctx.stderr.write(`hyosan: ${label} does not load, so its saves cannot be told apart from others.\n`);
    return 1;
  }
  const saveDir = chooseSaveDir(args.values.get('--save-dir'), ctx.env.HYOSAN_SAVE_DIR);
  return savesCommand({ saveDir, json: args.flags.has('--json'), story: result.story }, ctx.stdout);
}
