/**
 * Loading is replaying: a save's history, with its seed, is replayed against
 * the current story, and the result is the game. When the story was edited
 * and the history no longer fits all the way, the game resumes at the last
 * point that does, and the player is told what changed.
 */
import type { Story } from '../engine/index.js';
import { SaveError, oneLine } from './errors.js';
import type { SaveDocument, SaveMeta, StoryRef } from './format.js';
import { forceNextRolls, replayMoves, type ReplayStop, type SavedGame } from './game.js';

/** A game loaded from a save, ready to play on. */
export interface LoadedGame extends SavedGame {
  /** One-line messages for the player (story changed, backup used); empty when all is well. */
  readonly notices: readonly string[];
  /** The file the game was loaded from. */
  readonly where: string;
  /** The save's display metadata, as written. */
  readonly meta: SaveMeta;
  /** The story the save was made with. */
  readonly savedWith: StoryRef;
  /** How many recorded choices could not be replayed (0 when the whole history fits). */
  readonly movesLost: number;
}

/** Rebuilds the game a (migrated, validated) save describes. */
export function resumeSave(story: Story, doc: SaveDocument, where: string): LoadedGame | SaveError {
  // A game begun with --start-at recorded its start; if that scene is gone,
  // the story's own start is the only place left to begin.
  const startScene = story.scenes.has(doc.start) ? doc.start : story.start;
  const outcome = replayMoves(story, doc.seed, startScene, doc.history, doc.setup);
  if (outcome === undefined) {
    return new SaveError('unplayable', where, `cannot be loaded because the story "${story.id}" fails at its start`);
  }
  const { applied, stop } = outcome;
  // Rolls forced after the last choice wait for the next one, as when the game was saved.
  const pending = stop === undefined ? doc.force : undefined;
  const game = pending === undefined || pending.length === 0 ? outcome.game : forceNextRolls(outcome.game, pending);
  const edited = doc.story.hash !== story.hash;
  const lost = doc.history.length - applied;
  const notices: string[] = [];
  const here = `"${titleOf(story, game.state.scene)}"`;
  if (stop !== undefined) {
    const opening = edited ? 'The story changed since this save' : 'This save no longer replays to the end';
    const back = `${lost} choice${lost === 1 ? '' : 's'} back`;
    notices.push(`${opening}: ${whatChanged(story, stop)} — resumed at ${here}, ${back}.`);
  } else if (edited && game.state.scene !== doc.state.scene) {
    notices.push(
      `The story changed since this save: your choices now lead to ${here} instead of "${doc.meta.sceneTitle}" — resumed at ${here}.`,
    );
  }
  return { ...game, notices: notices.map(oneLine), where, meta: doc.meta, savedWith: doc.story, movesLost: lost };
}

/** What no longer fits, in the player's words. */
function whatChanged(story: Story, stop: ReplayStop): string {
  const { move } = stop;
  switch (stop.reason) {
    case 'scene-removed':
      return `the scene '${move.scene}' is gone`;
    case 'scene-changed':
      return `an earlier choice no longer leads to "${titleOf(story, move.scene)}"`;
    case 'choice-removed':
      return `the choice '${move.choice}' is gone from "${titleOf(story, move.scene)}"`;
    case 'choice-unavailable':
      return `the choice '${move.choice}' in "${titleOf(story, move.scene)}" cannot be taken any more`;
    case 'story-error':
      return `the story fails after the choice '${move.choice}' (${stop.detail ?? 'unknown error'})`;
    default: {
      const _never: never = stop.reason;
      return _never;
    }
  }
}

function titleOf(story: Story, sceneId: string): string {
  return story.scenes.get(sceneId)?.title ?? sceneId;
}
