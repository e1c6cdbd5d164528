/**
 * Skills the player has met: the stats a `check` has been rolled on. Once
 * the player has felt a stat decide a roll, the choices that test it say so
 * (`Knock on the door (Speed check)`); before that, a check stays a plain
 * choice, as the story wrote it.
 */
import type { Draft } from 'immer';
import { own } from './records.js';
import { plain, sortedHas, withAdded } from './sorted.js';
import type { Effect } from './effect-types.js';
import type { GameState } from './state-types.js';
import type { Story } from './story-types.js';

/** The stat a choice tests, as a choice view carries it: its id and its label from story.yaml. */
export interface TestedStat {
  readonly stat: string;
  readonly label: string;
}

/** Records that a `check` was rolled on `stat` (forced or not). */
export function meetCheck(draft: Draft<GameState>, stat: string): void {
  const checked = plain(draft.checked ?? []);
  const next = withAdded(checked, stat);
  // Replaced whole, never spliced through the draft (see sorted.ts).
  if (next !== checked) draft.checked = next as string[];
}

/**
 * The stat `effects` test, named only once the player has met a check on
 * it and only for a stat the status panel shows (a hidden stat stays
 * hidden). The test is the first `check` walking the effects in order,
 * into the branch of an `if` that would run now, but not into the branches
 * of a `chance` or of another check: what happens after a roll is the
 * roll's business.
 */
export function testedStat(story: Story, state: GameState, effects: readonly Effect[]): TestedStat | undefined {
  const checked = state.checked;
  if (checked === undefined) return undefined;
  const stat = firstCheck(state, effects);
  if (stat === undefined || !sortedHas(checked, stat)) return undefined;
  const def = own(story.stats, stat);
  if (def === undefined || !def.visible || def.counter === true) return undefined;
  return { stat, label: def.label };
}

function firstCheck(state: GameState, effects: readonly Effect[]): string | undefined {
  for (const effect of effects) {
    if (effect.kind === 'check') return effect.stat;
    if (effect.kind === 'if') {
      const found = firstCheck(state, effect.cond.test(state) ? effect.then : effect.else);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
