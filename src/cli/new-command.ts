/**
 * `hyosan new scene ID [--dir DIR]`: writes a new scene file from a template.
 *
 * The file's path comes from the id: each `.` starts a folder, and the last
 * part names the file, under the story folder (default `story`):
 * `s1.library-stacks` → `story/s1/library-stacks.yaml`. The file starts with
 * the `yaml-language-server` line pointing at `schema/scene.schema.json`
 * (found in the story folder or a folder above it), so an editor completes
 * and checks it at once. An existing file is never overwritten.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { oneLine } from '../engine/control-chars.js';
import { MAX_NAME_LENGTH, SCENE_ID, isReserved, isWindowsDeviceName } from '../story/names.js';
import { UsageError } from './args.js';
import { parseToolArgs, shellQuote } from './tool-args.js';

const SCHEMA = join('schema', 'scene.schema.json');

/** `new scene`'s options, parsed. */
export interface NewSceneOptions {
  readonly id: string;
  /** The story folder the file goes under. */
  readonly dir: string;
}

/** Parses the arguments after `new` (`scene ID [--dir DIR]`). */
export function parseNewArgs(argv: readonly string[]): NewSceneOptions {
  const args = parseToolArgs(argv, { command: 'new', flags: [], values: ['--dir'], maxPositionals: 2 });
  const [what, id] = args.positionals;
  if (what !== 'scene') {
    throw new UsageError(`new: say what to create: 'hyosan new scene ID' (got '${what ?? ''}')`);
  }
  if (id === undefined) throw new UsageError("new scene: give the new scene's id, e.g. 'hyosan new scene s1.library-stacks'");
  return { id, dir: args.values.get('--dir') ?? 'story' };
}

/** Why `id` cannot name a new scene file, or undefined when it can. */
export function sceneIdProblem(id: string): string | undefined {
  const shown = `'${oneLine(id.length > 40 ? `${id.slice(0, 37)}...` : id)}'`;
  if (id.length > MAX_NAME_LENGTH) {
    return `${shown} is ${id.length} characters long; a scene id has at most ${MAX_NAME_LENGTH}`;
  }
  if (!SCENE_ID.test(id) || isReserved(id)) {
    return `${shown} is not a valid scene id: use letters, digits, '.', '-' and '_', starting with a letter or digit`;
  }
  const parts = id.split('.');
  if (parts.some((part) => part === '')) {
    return `${shown} is not a valid scene id here: each '.' starts a folder, so it cannot end with '.' or have '..'`;
  }
  const device = parts.find(isWindowsDeviceName);
  if (device !== undefined) {
    return `${shown} cannot be a file name: Windows keeps '${device}' for a device; choose another name`;
  }
  return undefined;
}

/** Where the scene `id` goes under `dir`: `s1.library-stacks` → `dir/s1/library-stacks.yaml`. */
export function scenePath(dir: string, id: string): string {
  const parts = id.split('.');
  const file = parts.pop() ?? id;
  return join(dir, ...parts, `${file}.yaml`);
}

/** A new scene: valid as written, with one choice that loops back until the author points it somewhere. */
export function sceneTemplate(id: string, schemaPath: string): string {
  const last = id.split('.').pop() ?? id;
  const title = last
    .split(/[-_]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(' ');
  return `# yaml-language-server: $schema=${schemaPath}
id: ${id}
title: ${title === '' ? id : title}
text: |
  Write what the player sees, hears and feels here: second person, present
  tense. A blank line starts a new paragraph.

  Every scene needs a moment, a decision or a revelation.
choices:
  - id: go-on
    text: Go on
    # Where this choice leads: replace with another scene's id. (Until
    # then it comes back here, so the story still loads.)
    goto: ${id}
`;
}

/** The schema's path relative to `fileDir`: the nearest `schema/` at or above `storyDir`, else beside it. */
async function schemaPathFor(storyDir: string, fileDir: string): Promise<{ path: string; found: boolean }> {
  let dir = resolve(storyDir);
  for (;;) {
    const candidate = join(dir, SCHEMA);
    if ((await stat(candidate).catch(() => undefined))?.isFile() === true) {
      return { path: relative(fileDir, candidate).split(sep).join('/'), found: true };
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const beside = join(dirname(resolve(storyDir)), SCHEMA);
  return { path: relative(fileDir, beside).split(sep).join('/'), found: false };
}

/** The story folder `dir` is in: the nearest folder at or above it holding story.yaml, else `dir` itself. */
async function storyRootOf(dir: string): Promise<string> {
  for (let d = dir; ; d = dirname(d)) {
    if ((await stat(join(d, 'story.yaml')).catch(() => undefined))?.isFile() === true) return d;
    if (dirname(d) === d) return dir;
  }
}

/** Runs `new` with the arguments after the command's name; resolves to the exit code. */
export async function newCommand(
  argv: readonly string[],
  io: { readonly stdout: Writable; readonly stderr: Writable },
): Promise<number> {
  const opts = parseNewArgs(argv);
  const problem = sceneIdProblem(opts.id);
  // The id is a command-line argument: a bad one is a mistake on the command line.
  if (problem !== undefined) throw new UsageError(`new scene: ${problem}`);
  const root = await storyRootOf(opts.dir);
  const { sceneIdsIn } = await import('../tools/scene-index.js');
  const taken = (await sceneIdsIn(root)).get(opts.id);
  if (taken !== undefined) {
    io.stderr.write(`hyosan: ${taken} already has a scene with the id '${opts.id}'; pick another id (scene ids are unique in a story)\n`);
    return 1;
  }
  const path = scenePath(opts.dir, opts.id);
  const schema = await schemaPathFor(opts.dir, dirname(resolve(path)));
  // The first folder mkdir made, if any: what to take away again if the file cannot be written.
  let made: string | undefined;
  try {
    made = await mkdir(dirname(path), { recursive: true });
    // 'wx' fails if the file exists, with no window between a check and the write.
    await writeFile(path, sceneTemplate(opts.id, schema.path), { flag: 'wx' });
  } catch (error) {
    if (made !== undefined) await rm(made, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.stderr.write(
      code === 'EEXIST'
        ? `hyosan: ${path} already exists; not overwriting it (pick another id, or edit that file)\n`
        : `hyosan: cannot write ${path} (${code}); nothing was created\n`,
    );
    return 1;
  }
  io.stdout.write(
    `Created ${path}\n` +
      `Next: write its text, point its choice somewhere, lead a choice elsewhere to it with \`goto: ${opts.id}\`,\n` +
      `then run 'hyosan check ${shellQuote(root)}'.\n`,
  );
  if (!schema.found) {
    io.stderr.write(
      `hyosan: note: no ${SCHEMA} found in or above ${opts.dir}; the schema line assumes it sits beside the story folder.\n`,
    );
  }
  return 0;
}
