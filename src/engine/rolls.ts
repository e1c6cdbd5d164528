/**
 * Forced rolls: outcomes queued in the game state (`--force pass,fail`,
 * plain mode's `force`) that the next `chance` and `check` effects take, in
 * the order they are rolled, before the dice decide again. The queue lives
 * in the state, so a replay of the same history gives the same game.
 *
 * A forced roll still draws its number from the PRNG and then ignores it:
 * the rolls after it are the ones the game would have made anyway, so
 * forcing one outcome changes nothing else.
 */
import { produce, type Draft } from 'immer';
import type { GameState, Roll } from './state-types.js';

/** The words that force a roll: `pass` or `then`, `fail` or `else` (any case). */
export function rollNamed(word: string): Roll | undefined {
  switch (word.toLowerCase()) {
    case 'pass':
    case 'then':
      return 'pass';
    case 'fail':
    case 'else':
      return 'fail';
    default:
      return undefined;
  }
}

/** Adds `rolls` to the end of the queue of forced outcomes. */
export function queueRolls(draft: Draft<GameState>, rolls: readonly Roll[]): void {
  if (rolls.length === 0) return;
  // Replaced whole, never spliced through the draft (see sorted.ts).
  draft.forced = [...(draft.forced ?? []), ...rolls];
}

/** `state` with `rolls` queued for the next `chance`/`check` effects. */
export function forceRolls(state: GameState, rolls: readonly Roll[]): GameState {
  return rolls.length === 0 ? state : produce(state, (draft) => queueRolls(draft, rolls));
}

/** Takes the first forced outcome off the queue; undefined when none waits (the dice decide). */
export function takeForcedRoll(draft: Draft<GameState>): Roll | undefined {
  const queue = draft.forced;
  if (queue === undefined) return undefined;
  const [first, ...rest] = queue;
  if (rest.length === 0) delete draft.forced;
  else draft.forced = rest;
  return first;
}
