/**
 * Keeping the player's place when the story is reloaded (`--watch`): the
 * game's history is replayed against the new story, as loading a save does.
 * Pure, and shared by the Ink screen and plain mode.
 */

import type { Story } from '../engine/index.js';
import { forceNextRolls, replayMoves, type SavedGame } from '../saves/game.js';
import { plural } from './labels.js';

/** The game rebuilt on the reloaded story, and what to tell the player. */
export interface Reloaded {
  readonly game: SavedGame;
  readonly notice: string;
}

/**
 * Replays `game` on `story`. When the history no longer fits all the way,
 * the game resumes at the last choice that does; when the story cannot even
 * start, the old game is kept and the notice says so.
 */
export function reloadGame(story: Story, game: SavedGame): Reloaded | { readonly failed: string } {
  const start = story.scenes.has(game.start) ? game.start : story.start;
  const outcome = replayMoves(story, game.seed, start, game.history, game.setup);
  if (outcome === undefined) return { failed: `the reloaded story fails at its start scene '${start}'` };
  const title = story.scenes.get(outcome.game.state.scene)?.title ?? outcome.game.state.scene;
  if (outcome.stop === undefined) {
    // Rolls forced since the last choice still wait for the next one.
    const pending = game.pendingForce;
    const kept = pending === undefined ? outcome.game : forceNextRolls(outcome.game, pending);
    return { game: kept, notice: `Story reloaded: you are at "${title}".` };
  }
  const lost = game.history.length - outcome.applied;
  const { move } = outcome.stop;
  return {
    game: outcome.game,
    notice: `Story reloaded: the choice '${move.choice}' in '${move.scene}' no longer fits (${outcome.stop.reason}), so you are back ${plural(lost, 'choice')}, at "${title}".`,
  };
}
