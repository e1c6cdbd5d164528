/**
 * Reading pack folders from disk, with the story's own reader: every
 * `*.yaml` under the folder, by handle, at most 1 MB each, a link that
 * leaves the folder refused and never followed (a pack is someone else's
 * files, and may read nothing but its own). Compiling is pure (packs.ts).
 */
import { readStoryFolder } from './load.js';
import { type CompiledPack, type PackSource, compilePack } from './pack-compile.js';
import type { Story } from '../engine/story-types.js';

/** The folder as messages name it: with a trailing `/`. */
export function folderLabel(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}

/** Reads the pack in `dir`. */
export async function readPackFolder(dir: string): Promise<PackSource> {
  const read = await readStoryFolder(dir, 'pack');
  return { folder: folderLabel(dir), files: read.sources, problems: read.problems };
}

/** Reads and compiles the pack in `dir` against `story`. */
export async function loadPack(story: Story, dir: string): Promise<CompiledPack> {
  return compilePack(story, await readPackFolder(dir));
}
