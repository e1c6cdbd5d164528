/** A fixture story loaded once per test file, and games played in it by choice ids. */
import { start, step } from '../../src/engine/index.js';
import type { GameState, Story } from '../../src/engine/index.js';
import { loadStoryDir } from '../../src/story/load.js';

/** Loads a story folder that must have no errors. */
export async function loadFixture(dir: string): Promise<Story> {
  const loaded = await loadStoryDir(dir);
  if (loaded.story === undefined) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.story;
}

/** The state after making `choices`, in order, from a new game with seed 1. */
export function played(story: Story, ...choices: string[]): GameState {
  let state = start(story, 1);
  for (const c of choices) state = step(story, state, c);
  return state;
}
