/**
 * Changing a stat: the one place a stat's value is written, so every change
 * keeps within the stat's bounds and a stat that leaves its minimum starts
 * its `at_min` count afresh.
 */
import type { Draft } from 'immer';
import { own } from './records.js';
import type { GameState } from './state-types.js';
import type { Story } from './story-types.js';

/** Sets a stat, kept within the bounds the story declares for it. */
export function setStat(story: Story, draft: Draft<GameState>, stat: string, value: number): void {
  const def = own(story.stats, stat);
  if (def === undefined) {
    draft.stats[stat] = value;
    return;
  }
  const kept = Math.min(def.max, Math.max(def.min, value));
  if (draft.stats[stat] !== kept) draft.stats[stat] = kept;
  // Time spent at the minimum counts only while the stat stays there.
  if (def.atMin !== undefined && kept > def.min && draft.atMin !== undefined && draft.atMin[stat] !== 0) {
    draft.atMin[stat] = 0;
  }
}
