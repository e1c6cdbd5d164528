/**
 * `hyosan new pack ID [--dir DIR]`: writes a starter story pack into the
 * folder DIR/ID: a pack.yaml for the built-in story's current versions, one
 * scene of its own, the extend that leads into it from a Season 1 scene
 * (a sub-scene `call`, so the player comes back where they were), and a
 * README on playing, checking and sharing it. It passes `hyosan check
 * --pack DIR/ID` as written. Nothing is ever overwritten.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { oneLine } from '../engine/control-chars.js';
import type { LoadResult } from '../story/load.js';
import { PACK_ID, PACK_ID_RULE } from '../story/pack-schema.js';
import { parseVersion } from '../story/version-range.js';
import { UsageError } from './args.js';
import { shellQuote } from './tool-args.js';

/** The story scene the starter pack's way in is added to. */
export const STARTER_SCENE = 's1.homeroom';

/** The files of a starter pack `id` for a story `storyId` at `version`, by path inside its folder. */
export function starterPack(id: string, storyId: string, version: string, schemaDir: string): Record<string, string> {
  const v = parseVersion(version) ?? { major: 0, minor: 1, patch: 0 };
  const next = v.major === 0 ? `0.${v.minor + 1}.0` : `${v.major + 1}.0.0`;
  const range = `>=${v.major}.${v.minor}.0 <${next}`;
  const title = id
    .split('_')
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  const schema = (file: string, depth: number) => `${'../'.repeat(depth)}${schemaDir}/${file}`;
  return {
    'pack.yaml': `# yaml-language-server: $schema=${schema('pack.schema.json', 0)}
# A story pack: scenes added to ${storyId} without changing it.
# docs/AUTHORING.md, "Writing a pack", describes every field.
id: ${id}                  # every scene, flag, item... this pack adds starts with "${id}."
title: ${title}
version: 0.1.0
author: Your Name
description: One line on what this pack adds to the story.
story: { id: ${storyId}, versions: "${range}" }
`,
    'scenes/way-in.yaml': `# yaml-language-server: $schema=${schema('pack-scene.schema.json', 1)}
# Where the pack joins the story: a choice added to one of the story's own
# scenes, after its own choices. \`call\` plays the pack's scene and comes back
# here (a \`goto: "@back"\` there), so the story goes on as it was.
extend:
  scene: ${STARTER_SCENE}
  choices:
    - id: look-around       # kept as ${id}.look-around: a pack's choices live in its namespace
      text: Look around the classroom once more
      once: true
      call: ${id}.first-look
`,
    'scenes/first-look.yaml': `# yaml-language-server: $schema=${schema('pack-scene.schema.json', 1)}
id: ${id}.first-look
title: ${title}
text: |
  Write what the player sees, hears and feels here: second person, present
  tense. A blank line starts a new paragraph.

  Every scene needs a moment, a decision or a revelation.
choices:
  - id: back
    text: Go back to your desk
    goto: "@back"
`,
    'README.md': `# ${title}

A story pack for ${storyId} (written for versions ${range}).

## Play it

    hyosan --pack ${id}

or install it: copy this folder into the \`packs/\` folder of your hyosan data
folder (beside your saves: \`~/.local/share/hyosan/packs/\` on Linux,
\`~/Library/Application Support/hyosan/packs/\` on macOS,
\`%LOCALAPPDATA%\\hyosan\\Data\\packs\\\` on Windows), then run \`hyosan\`.
\`hyosan packs\` lists the packs installed and whether each is on.

## Work on it

    hyosan check --pack ${id}             every problem as file:line:col
    hyosan randomtest --pack ${id} -n 2000
    hyosan graph --pack ${id} --format dot | dot -Tsvg > pack.svg
    hyosan --pack ${id} --watch           play your edits as you save them

## Share it

Send the folder, or a tarball of it: \`tar czf ${id}.tar.gz ${id}\`.
`,
  };
}

/** Writes `new pack ID` under `dir`; resolves to the exit code. */
export async function newPack(
  id: string,
  dir: string,
  io: { readonly stdout: Writable; readonly stderr: Writable; readonly shippedStory?: () => Promise<LoadResult> },
): Promise<number> {
  if (!PACK_ID.test(id)) {
    const shown = oneLine(id.length > 40 ? `${id.slice(0, 37)}...` : id);
    throw new UsageError(`new pack: '${shown}' is not a valid pack id: ${PACK_ID_RULE}`);
  }
  const story = (await io.shippedStory?.())?.story;
  const folder = join(dir, id);
  const schemaDir = await schemaDirFor(folder);
  const files = starterPack(id, story?.id ?? 'hyosan', story?.version ?? '0.1.0', schemaDir.path);
  try {
    await mkdir(dir, { recursive: true });
    // Fails if the folder exists: a pack is never written over another.
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.stderr.write(
      code === 'EEXIST'
        ? `hyosan: ${folder} already exists; not writing over it (pick another id, or work on that pack)\n`
        : `hyosan: cannot make ${folder} (${code}); nothing was created\n`,
    );
    return 1;
  }
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), text, { flag: 'wx' });
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    io.stderr.write(`hyosan: cannot write the pack into ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was created\n`);
    return 1;
  }
  io.stdout.write(
    `Created the pack ${folder}/ (pack.yaml, scenes/way-in.yaml, scenes/first-look.yaml, README.md)\n` +
      `Its way in is a choice added to ${STARTER_SCENE}. Next: write its scene, then run\n` +
      `'hyosan check --pack ${shellQuote(folder)}' and play it with 'hyosan --pack ${shellQuote(folder)}'.\n`,
  );
  if (!schemaDir.found) {
    io.stderr.write(`hyosan: note: no schema/pack.schema.json found in or above ${dir}; the schema lines assume a schema/ folder beside the pack's folder.\n`);
  }
  return 0;
}

/** The `schema/` folder relative to the pack's folder: the nearest at or above it, else beside it. */
async function schemaDirFor(folder: string): Promise<{ path: string; found: boolean }> {
  let dir = resolve(dirname(folder));
  for (;;) {
    const candidate = join(dir, 'schema');
    if ((await stat(join(candidate, 'pack.schema.json')).catch(() => undefined))?.isFile() === true) {
      return { path: relative(resolve(folder), candidate).split(sep).join('/'), found: true };
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { path: '../schema', found: false };
}
