/**
 * A game as the save system keeps it: the seed and the moves that rebuild
 * it, beside the state they lead to. The play loop makes every choice through
 * `playChoice`, so the history a save needs is always at hand; `rewind` and
 * loading rebuild a game by replaying a prefix of it.
 */
import { forceRolls, replay, sceneOf, start, step } from '../engine/index.js';
import type { GameState, Move, Roll, Setup, Story } from '../engine/index.js';

/** A game in progress: enough to save it, load it and rewind it. */
export interface SavedGame {
  readonly seed: number;
  /** The scene the game began at (the story's start, or `--start-at`). */
  readonly start: string;
  /** How the game was set up to begin (`--start-at` with `--set`, `--give`…); absent for a plain start. */
  readonly setup?: Setup;
  /** Every choice made, in order. */
  readonly history: readonly Move[];
  readonly state: GameState;
  /**
   * Rolls forced (plain mode's `force`) since the last choice: already queued
   * in `state`, and recorded on the next move so that a replay queues them too.
   */
  readonly pendingForce?: readonly Roll[];
}

/** Why a replay stopped before the end of a history. */
export type StopReason =
  /** The move's scene no longer exists. */
  | 'scene-removed'
  /** An earlier choice now leads somewhere else. */
  | 'scene-changed'
  /** The scene no longer has the choice. */
  | 'choice-removed'
  /** The choice exists but is hidden or disabled in the replayed state. */
  | 'choice-unavailable'
  /** The story failed while making the move (a loop, a missing scene: an author's bug). */
  | 'story-error';

/** Where and why a replay stopped. */
export interface ReplayStop {
  readonly reason: StopReason;
  /** The move that could not be made (index `applied` of the history). */
  readonly move: Move;
  /** The engine's own words, for a story error. */
  readonly detail?: string;
}

/** What replaying a history gave: the game up to the last move that still fits. */
export interface ReplayOutcome {
  readonly game: SavedGame;
  /** How many moves replayed (the game's history is that prefix). */
  readonly applied: number;
  readonly stop?: ReplayStop;
}

/** The story, beginning at `scene` instead of its own start when they differ. */
export function startingAt(story: Story, scene: string): Story {
  return scene === story.start ? story : { ...story, start: scene };
}

/** A new game of `story` with `seed` (set up by `setup`), with an empty history. */
export function newGame(story: Story, seed: number, setup?: Setup): SavedGame {
  return {
    seed,
    start: story.start,
    ...(setup === undefined ? {} : { setup }),
    history: [],
    state: start(story, seed, setup),
  };
}

/**
 * Forces the outcomes of the next rolls not already forced (plain mode's
 * `force`); the next choice's move records them.
 */
export function forceNextRolls(game: SavedGame, rolls: readonly Roll[]): SavedGame {
  return { ...game, state: forceRolls(game.state, rolls), pendingForce: [...(game.pendingForce ?? []), ...rolls] };
}

/**
 * Makes a choice and records it. Throws the engine's `ChoiceError` for a
 * choice that is not available, exactly like `step`.
 */
export function playChoice(story: Story, game: SavedGame, choiceId: string, input?: string): SavedGame {
  const from = game.state;
  const state = step(startingAt(story, game.start), from, choiceId, input);
  const asks = sceneOf(story, from).choices.find((c) => c.id === choiceId)?.input;
  // Record the answer as the engine kept it (trimmed, cut to length), so the
  // move replays the same and always fits the save format's limits.
  const made: Move =
    asks === undefined
      ? { scene: from.scene, choice: choiceId }
      : { scene: from.scene, choice: choiceId, input: state.vars[asks.var] ?? '' };
  const { pendingForce, ...rest } = game;
  const move = pendingForce === undefined ? made : { ...made, force: pendingForce };
  return { ...rest, history: [...game.history, move], state };
}

/**
 * Replays `moves` from a new game. Never throws for a history that no longer
 * fits: it stops at the first move that does not, and says why. Returns
 * undefined only when the story cannot even start.
 */
export function replayMoves(
  story: Story,
  seed: number,
  startScene: string,
  moves: readonly Move[],
  setup?: Setup,
): ReplayOutcome | undefined {
  const playable = startingAt(story, startScene);
  const outcome = (state: GameState, applied: number, stop?: ReplayStop): ReplayOutcome => ({
    game: { seed, start: startScene, ...(setup === undefined ? {} : { setup }), history: moves.slice(0, applied), state },
    applied,
    ...(stop === undefined ? {} : { stop }),
  });
  const tryReplay = (prefix: readonly Move[]) => replayed(playable, seed, prefix, setup);
  const tried = tryReplay(moves);
  if (!(tried instanceof Error)) {
    const { state, applied } = tried;
    const move = moves[applied];
    return move === undefined ? outcome(state, applied) : outcome(state, applied, classify(story, state, move));
  }
  // The story itself failed on some move. Every longer prefix fails too, so
  // the longest prefix that replays can be found by bisection.
  let good = 0;
  let bad = moves.length;
  let goodRun = tryReplay([]);
  if (goodRun instanceof Error) return undefined;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    const run = tryReplay(moves.slice(0, mid));
    if (run instanceof Error) bad = mid;
    else {
      good = mid;
      goodRun = run;
    }
  }
  const stopMove = moves[goodRun.applied]!;
  const failure = tryReplay(moves.slice(0, goodRun.applied + 1));
  const detail = failure instanceof Error ? failure.message : tried.message;
  return outcome(goodRun.state, goodRun.applied, { reason: 'story-error', move: stopMove, detail });
}

/**
 * Replays all but the last `n` moves of a game: undo, any number of times.
 * Rolls forced since the last choice, and those forced before the moves
 * taken back, go with them.
 */
export function rewind(story: Story, game: SavedGame, n: number): SavedGame {
  const keep = Math.max(0, game.history.length - Math.max(0, Math.floor(n)));
  const outcome = replayMoves(story, game.seed, game.start, game.history.slice(0, keep), game.setup);
  // The prefix replayed before (it is how the game got here), so this holds
  // unless the story changed underneath; then the game is left as it was.
  return outcome?.game ?? game;
}

function replayed(
  story: Story,
  seed: number,
  moves: readonly Move[],
  setup: Setup | undefined,
): { state: GameState; applied: number } | Error {
  try {
    return replay(story, seed, moves, setup);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Why `move` cannot be made in `state`. */
function classify(story: Story, state: GameState, move: Move): ReplayStop {
  if (!story.scenes.has(move.scene)) return { reason: 'scene-removed', move };
  if (move.scene !== state.scene) return { reason: 'scene-changed', move };
  const exists = story.scenes.get(move.scene)!.choices.some((c) => c.id === move.choice);
  return { reason: exists ? 'choice-unavailable' : 'choice-removed', move };
}
