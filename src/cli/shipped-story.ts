/**
 * The shipped story, embedded in dist/cli.js at build time. This is the only
 * module that imports `virtual:story`, which exists only in the bundle; code
 * that runs under tests takes `SourceFile[]` from the caller instead.
 */

import files from 'virtual:story';
import type { SourceFile } from '../story/load.js';

/** The shipped story's files, `story/…` paths relative to the repo, sorted. */
export function shippedStoryFiles(): readonly SourceFile[] {
  return files;
}
