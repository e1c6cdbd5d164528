/**
 * The shipped story, precompiled and packed at build time into a file beside
 * the bundle (dist/story.br): what play, `check` and the other tools start
 * from (no YAML to parse, nothing to validate, each scene rebuilt when
 * reached). The image carries the loader's warnings, the story's size and
 * where every scene and choice was written, so `check` reports on it exactly
 * as on the YAML. Only a build made with story errors
 * (HYOSAN_ALLOW_STORY_ERRORS=1) has no image; it embeds the YAML files
 * instead, and loading them reports the errors. This is the only module that
 * imports `virtual:story-yaml`, which exists only in the bundle; code that
 * runs under tests takes the story from the caller.
 */

import embeddedYaml from 'virtual:story-yaml';
import type { LoadResult, SourceFile } from '../story/load.js';

let loaded: Promise<LoadResult> | undefined;

/** The shipped story, loaded once, when first asked for; `image` is dist/story.br. */
export function shippedStory(image: URL): Promise<LoadResult> {
  loaded ??= embeddedYaml === null ? fromImage(image) : fromYaml(embeddedYaml);
  return loaded;
}

async function fromImage(image: URL): Promise<LoadResult> {
  // Imported here, so a start that needs no story (--help) evaluates neither.
  const [{ readFileSync }, { decompressPacked, storyFromPacked }] = await Promise.all([
    import('node:fs'),
    import('../story/packed-story.js'),
  ]);
  return storyFromPacked(decompressPacked(readFileSync(image)));
}

async function fromYaml(deflated: string): Promise<LoadResult> {
  const [{ inflateRawSync }, { loadStoryFiles }] = await Promise.all([import('node:zlib'), import('../story/load.js')]);
  return loadStoryFiles(JSON.parse(inflateRawSync(Buffer.from(deflated, 'base64')).toString('utf8')) as SourceFile[]);
}
