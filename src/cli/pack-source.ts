/**
 * A story with the packs given on the command line (`--pack DIR`): what
 * `check`, `graph`, `randomtest`, `--watch` and a game with `--pack` load.
 * Imported only when a pack is given, so a plain start never loads pack
 * code. A pack with errors leaves no story to play or draw, as a story with
 * errors does: the tools report its problems, at its own files.
 */
import { stat } from 'node:fs/promises';
import type { Story } from '../engine/story-types.js';
import type { LoadResult, StoryStats } from '../story/load.js';
import { folderLabel, loadPack } from '../story/pack-load.js';
import { addPacks, type CompiledPack } from '../story/packs.js';
import { sortProblems, type Problem } from '../story/problem.js';
import { UsageError } from './args.js';

/** The story in `loaded` with the packs in `dirs` added; no story when a pack has errors. */
export async function withPackFolders(loaded: LoadResult, dirs: readonly string[]): Promise<LoadResult> {
  for (const dir of dirs) await assertPackFolder(dir);
  const story = loaded.story;
  if (story === undefined) return loaded;
  const packs: CompiledPack[] = [];
  for (const dir of dirs) packs.push(await loadPack(story, dir));
  return combined(story, loaded, packs);
}

/** The load result of a story and its compiled packs: every problem of each, and the story with all of them when all are sound. */
export function combined(story: Story, loaded: LoadResult, packs: readonly CompiledPack[]): LoadResult {
  const packed = addPacks(story, packs);
  const problems: Problem[] = [...loaded.problems];
  for (const pack of packs) problems.push(...pack.problems, ...(packed.refused.get(pack) ?? []));
  const all = sortProblems(problems);
  const stats = packs.reduce<StoryStats>(
    (sum, p) => ({
      scenes: sum.scenes + p.stats.scenes,
      choices: sum.choices + p.stats.choices,
      endings: sum.endings + p.stats.endings,
      words: sum.words + p.stats.words,
    }),
    loaded.stats,
  );
  const whole = packed.added.length === packs.length && !all.some((p) => p.severity === 'error');
  return whole ? { story: packed.story, problems: all, stats } : { problems: all, stats };
}

/** `story/ + packs/library-stacks/`: how messages name a story with its packs. */
export function labelWithPacks(label: string, dirs: readonly string[]): string {
  return [label, ...dirs.map(folderLabel)].join(' + ');
}

/** Throws a `UsageError` unless `dir` is a folder: a typo on the command line, not a pack's problem. */
async function assertPackFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new UsageError(`no pack folder at '${dir}'`);
  if (!info.isDirectory()) throw new UsageError(`'${dir}' is a file; give the pack's folder (the one holding pack.yaml)`);
}
