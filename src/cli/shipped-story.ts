/**
 * The shipped story, embedded in the bundle at build time precompiled and
 * packed: what play, `check` and the other tools start from (no YAML to
 * parse, nothing to validate, each scene rebuilt when reached). The image
 * carries the loader's warnings, the story's size and where every scene and
 * choice was written, so `check` reports on it exactly as on the YAML. Only
 * a build made with story errors (HYOSAN_ALLOW_STORY_ERRORS=1) has no image;
 * it embeds the YAML files instead, and loading them reports the errors.
 * This is the only module that imports the `virtual:` modules, which exist
 * only in the bundle; code that runs under tests takes the story from the
 * caller.
 */

import type { LoadResult, SourceFile } from '../story/load.js';

let loaded: Promise<LoadResult> | undefined;

/** The shipped story, loaded once, when first asked for. */
export function shippedStory(): Promise<LoadResult> {
  loaded ??= packedOrFiles();
  return loaded;
}

async function packedOrFiles(): Promise<LoadResult> {
  // Imported here, so a start that needs no story (--help) evaluates neither chunk.
  const { default: packed } = await import('virtual:story-image');
  if (packed !== null) {
    const { storyFromPacked } = await import('../story/packed-story.js');
    return storyFromPacked(packed);
  }
  const { loadStoryFiles } = await import('../story/load.js');
  return loadStoryFiles(await embeddedFiles());
}

/** The shipped story's YAML files, `story/…` paths, sorted: embedded only in a build without an image. */
async function embeddedFiles(): Promise<readonly SourceFile[]> {
  const { default: deflated } = await import('virtual:story');
  if (deflated === null) throw new Error('bug: a build without a precompiled story must embed its YAML files');
  const { inflateRawSync } = await import('node:zlib');
  return JSON.parse(inflateRawSync(Buffer.from(deflated, 'base64')).toString('utf8')) as SourceFile[];
}
