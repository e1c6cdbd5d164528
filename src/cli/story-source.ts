/**
 * Where a command gets its story: a folder given on the command line, or the
 * shipped story embedded in the bundle (passed in by the caller, because only
 * the bundle has it).
 */

import { stat } from 'node:fs/promises';
import type { LoadResult } from '../story/load.js';
import { UsageError } from './args.js';

/** A loaded story and the name to call it by in messages (`story/`, `my-story/`). */
export interface LoadedStory {
  readonly label: string;
  readonly result: LoadResult;
}

/**
 * Loads the story in `dir`, or the shipped one when `dir` is undefined
 * (`shippedStory`: in the bundle, the precompiled one).
 */
export async function loadStory(dir: string | undefined, shippedStory: () => Promise<LoadResult>): Promise<LoadedStory> {
  if (dir === undefined) return { label: 'story/', result: await shippedStory() };
  await assertStoryFolder(dir);
  // The loader (the YAML parser, the schemas) is imported only when YAML is read.
  const { loadStoryDir } = await import('../story/load.js');
  return { label: dir.endsWith('/') ? dir : `${dir}/`, result: await loadStoryDir(dir) };
}

/** Throws a `UsageError` unless `dir` is a folder: a typo on the command line, not a story problem. */
async function assertStoryFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new UsageError(`no story folder at '${dir}'`);
  if (!info.isDirectory()) throw new UsageError(`'${dir}' is a file; give the story's folder`);
}
