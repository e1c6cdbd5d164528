/**
 * Where a command gets its story: a folder given on the command line, or the
 * shipped story embedded in the bundle (passed in by the caller, because only
 * the bundle has it).
 */

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadResult } from '../story/load.js';
import { UsageError } from './args.js';

/** What messages call the story built into the game, so nobody takes it for their working `story/` folder. */
export const BUILT_IN_LABEL = 'the built-in story';

/** A loaded story and the name to call it by in messages (`story/`, `my-story/`, the built-in story). */
export interface LoadedStory {
  readonly label: string;
  readonly result: LoadResult;
}

/**
 * Loads the story in `dir`, or the shipped one when `dir` is undefined
 * (`shippedStory`: in the bundle, the precompiled one).
 */
export async function loadStory(dir: string | undefined, shippedStory: () => Promise<LoadResult>): Promise<LoadedStory> {
  if (dir === undefined) return { label: BUILT_IN_LABEL, result: await shippedStory() };
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

/**
 * Whether the `story/` folder under the working directory has a scene with
 * this id: an author who added a scene there and forgot `--story story`
 * gets told so.
 */
export async function workingStoryHas(scene: string, cwd = '.'): Promise<boolean> {
  if (!hasWorkingStory(cwd)) return false;
  const { sceneIdsIn } = await import('../tools/scene-index.js');
  return (await sceneIdsIn(join(cwd, 'story'))).has(scene);
}

/** Whether the working directory holds a story folder (`story/story.yaml`). */
export function hasWorkingStory(cwd = '.'): boolean {
  return existsSync(join(cwd, 'story', 'story.yaml'));
}
