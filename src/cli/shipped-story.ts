/**
 * The shipped story, embedded in the bundle at build time twice over: its
 * YAML files, deflated (what `check` reports on, with lines and columns),
 * and the story precompiled from them and packed (what play starts from: no
 * YAML to parse, nothing to validate, each scene rebuilt when reached).
 * Both come from the same files in the same build, and each is a chunk of
 * its own, read only when asked for. This is the only module that imports
 * the `virtual:` modules, which exist only in the bundle; code that runs
 * under tests takes the story from the caller.
 */

import type { LoadResult, SourceFile } from '../story/load.js';

let files: Promise<readonly SourceFile[]> | undefined;

/** The shipped story's files, `story/…` paths relative to the repo, sorted (read from the bundle on first use). */
export function shippedStoryFiles(): Promise<readonly SourceFile[]> {
  files ??= inflatedFiles();
  return files;
}

async function inflatedFiles(): Promise<readonly SourceFile[]> {
  // A chunk of its own: only `check` and the other author tools read it.
  const { default: deflated } = await import('virtual:story');
  const { inflateRawSync } = await import('node:zlib');
  return JSON.parse(inflateRawSync(Buffer.from(deflated, 'base64')).toString('utf8')) as SourceFile[];
}

let loaded: Promise<LoadResult> | undefined;

/**
 * The shipped story, compiled: rebuilt from the precompiled, packed story
 * in a few milliseconds. A build made with story errors
 * (HYOSAN_ALLOW_STORY_ERRORS=1) has none; then the YAML is loaded, and the
 * result carries the errors.
 */
export function shippedStory(): Promise<LoadResult> {
  loaded ??= packedOrFiles();
  return loaded;
}

async function packedOrFiles(): Promise<LoadResult> {
  // Both imported here, so a start that needs no story (--help) evaluates neither.
  const { default: packed } = await import('virtual:story-image');
  if (packed === null) {
    const { loadStoryFiles } = await import('../story/load.js');
    return loadStoryFiles(await shippedStoryFiles());
  }
  const { storyFromPacked } = await import('../story/packed-story.js');
  return storyFromPacked(packed);
}
