/**
 * The build's story step: loads the shipped story from its YAML files exactly
 * as `hyosan check` does and returns it precompiled and packed (see
 * src/story/packed-story.ts), or the problems that stop it from being
 * played. scripts/build.mjs bundles and runs this before bundling the
 * command line, and compresses the packed story with `compressPacked`.
 */
import { loadStoryFiles, type SourceFile } from '../src/story/load.js';
import { packStoryImage, storyFromPacked, type PackedStory } from '../src/story/packed-story.js';
import { formatProblem } from '../src/story/problem.js';
import { conditionsOf } from '../src/story/story-facts.js';
import { storyImage } from '../src/story/story-image.js';

export { compressPacked } from '../src/story/packed-story.js';

/** The packed story, or the error lines that prevent one. */
export type Precompiled = { readonly packed: PackedStory } | { readonly errors: readonly string[] };

/** Loads `files` (paths as the bundle names them, `story/…`) and packs the story. */
export function precompileStory(files: readonly SourceFile[]): Precompiled {
  const result = loadStoryFiles(files);
  if (result.story === undefined) {
    return { errors: result.problems.filter((p) => p.severity === 'error').map(formatProblem) };
  }
  const packed = packStoryImage(storyImage(result.story, result.stats, result.problems));
  // The game rebuilds scenes and compiles conditions when first used; do it
  // all here, so a packed story that does not rebuild fails the build, never a game.
  const { story } = storyFromPacked(packed);
  for (const condition of conditionsOf(story)) void condition.ast;
  if (story.hash !== result.story.hash || story.scenes.size !== result.story.scenes.size) {
    throw new Error('bug: the precompiled story does not rebuild to the story it was made from');
  }
  return { packed };
}
