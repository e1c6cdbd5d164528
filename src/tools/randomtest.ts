/**
 * `hyosan randomtest`'s runner: plays many complete games through the pure
 * engine with automatic choices and records where they went.
 *
 * Like ChoiceScript's randomtest, each move prefers the enabled choice picked
 * least often so far, so rare branches get explored; ties are broken by a
 * PRNG seeded from the game's own seed (never Math.random). Games are played
 * in fixed batches of `BATCH_SIZE`: the least-used counts are shared within
 * a batch and start afresh in the next, so batches are independent and any
 * number of worker threads, each playing whole batches, gives exactly the
 * same result for the same seed. A batch may also be steered by what
 * earlier batches found (`--until-covered`: see explore.ts).
 */
import { nextFloat } from '../engine/rng.js';
import { Explorer, type Steering } from './explore.js';
import {
  advance,
  clockAgrees,
  enabledChoiceIds,
  formatClock,
  isEnded,
  replay,
  sceneOf,
  startOwned,
} from '../engine/index.js';
import type { GameState, Move, OwnedState, Story } from '../engine/index.js';
import { mergeParts } from './randomtest-merge.js';
import type { RandomTestOptions, RandomTestPart } from './randomtest-result.js';
import { Accumulator } from './randomtest-tally.js';

/** Games per batch; part of what a seed means, so changing it changes every result. */
export const BATCH_SIZE = 100;
/** Moves after which a game counts as looping. */
export const DEFAULT_MAX_STEPS = 2000;
/** What a choice that asks for typed text is given. */
export const TYPED_ANSWER = 'Tester';
// How many of a looping game's last moves are shown to find the loop.
const LOOP_WINDOW = 40;

/** The story as the games play it: beginning at `startAt` when one is given. */
export function playedStory(story: Story, options: Pick<RandomTestOptions, 'startAt'>): Story {
  return options.startAt === undefined || options.startAt === story.start ? story : { ...story, start: options.startAt };
}

/** The engine seed of game `game` of a run seeded `seed` (a uint32, usable as `--seed`). */
export function gameSeed(seed: number, game: number): number {
  // murmur3's finaliser over the pair: nearby games get unrelated seeds.
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(game + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** How many batches a run of `runs` games has. */
export function batchCount(runs: number): number {
  return Math.ceil(runs / BATCH_SIZE);
}

/**
 * Plays the games of batch `batch` (games `batch * BATCH_SIZE` onwards);
 * with `steering`, some begin at the waypoints it holds (see explore.ts).
 */
export function playBatch(story: Story, options: RandomTestOptions, batch: number, steering?: Steering): RandomTestPart {
  const first = batch * BATCH_SIZE;
  const last = Math.min(options.runs, first + BATCH_SIZE);
  const explorer = steering === undefined ? undefined : new Explorer(steering);
  const acc = new Accumulator(options.routeTo, options.stats === true, explorer);
  const played = playedStory(story, options);
  for (let game = first; game < last; game++) {
    playGame(played, game, gameSeed(options.seed, game), options, acc);
  }
  return acc.part();
}

/** Plays a whole run in this thread; `onProgress` is told after each batch. */
export function runRandomTest(
  story: Story,
  options: RandomTestOptions,
  onProgress?: (gamesDone: number) => void,
): RandomTestPart {
  const parts: RandomTestPart[] = [];
  for (let b = 0; b < batchCount(options.runs); b++) {
    parts.push(playBatch(story, options, b));
    onProgress?.(Math.min(options.runs, (b + 1) * BATCH_SIZE));
  }
  return mergeParts(parts);
}

/** Plays game `game`, whose own seed is `ownSeed`: its engine seed, unless it begins at a waypoint (then the waypoint's). */
function playGame(
  story: Story,
  game: number,
  ownSeed: number,
  options: RandomTestOptions,
  acc: Accumulator,
): void {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const moves: Move[] = [];
  const waypoint = acc.explorer?.beginning(ownSeed);
  const seed = waypoint?.seed ?? ownSeed;
  const prefix = waypoint?.moves ?? options.prefix ?? [];
  let pick = ownSeed ^ 0x5bd1e995;
  // No state outlives its move here: each game owns one and changes it in place.
  let state: OwnedState | undefined;
  let applied = 0;
  // The game as it ended: the state, or after an error the last one a move completed.
  let last: GameState | undefined;
  // Scenes this game was already found at the wrong time of day (made when first needed).
  let mistimed: Set<string> | undefined;
  const checkClock = (shown: GameState): void => {
    if (clockAgrees(story, shown) || mistimed?.has(shown.scene)) return;
    (mistimed ??= new Set()).add(shown.scene);
    const stated = sceneOf(story, shown).timeOfDay?.src ?? '';
    acc.clock({ scene: shown.scene, stated, found: formatClock(story.clock, shown.time), game, seed, moves });
  };
  try {
    state = startOwned(story, seed, options.setup);
    acc.balance?.observe(story, state, game);
    checkClock(state);
    acc.explorer?.arrived(state, game, seed, moves);
    for (const move of prefix) {
      if (move.scene !== state.scene) {
        throw new Error(`prefix move '${move.choice}' expects scene '${move.scene}', the game is in '${state.scene}'`);
      }
      const scene = sceneOf(story, state);
      advance(story, state, move.choice, move.input);
      applied++;
      moves.push(move);
      // A prefix is not picked, so it does not count as a use: only as a hit.
      acc.tally(scene).hit(scene.choices.findIndex((c) => c.id === move.choice), game);
      acc.reached(story, state, game, seed, moves);
      checkClock(state);
      acc.explorer?.arrived(state, game, seed, moves);
    }
    for (;;) {
      if (isEnded(story, state)) {
        acc.ending(state.scene);
        break;
      }
      const ids = enabledChoiceIds(story, state);
      if (ids.length === 0) {
        acc.stuck({ reason: 'no-choice', scene: state.scene, game, seed, moves });
        break;
      }
      if (moves.length >= maxSteps) {
        const loop = [...new Set(moves.slice(-LOOP_WINDOW).map((m) => m.scene))];
        acc.stuck({ reason: 'step-limit', scene: state.scene, game, seed, moves, loop });
        break;
      }
      const scene = sceneOf(story, state);
      const tally = acc.tally(scene);
      const counts = tally.uses;
      let best: number[] = [];
      let fewest = Infinity;
      for (const id of ids) {
        const at = scene.choices.findIndex((c) => c.id === id);
        const n = counts[at]!;
        if (n < fewest) {
          fewest = n;
          best = [at];
        } else if (n === fewest) best.push(at);
      }
      const [r, next] = nextFloat(pick);
      pick = next;
      const at = best[Math.floor(r * best.length)]!;
      const id = scene.choices[at]!.id;
      tally.uses[at] = tally.uses[at]! + 1;
      tally.hit(at, game);
      const asks = scene.choices[at]!.input !== undefined;
      moves.push(asks ? { scene: state.scene, choice: id, input: TYPED_ANSWER } : { scene: state.scene, choice: id });
      advance(story, state, id, asks ? TYPED_ANSWER : undefined);
      applied++;
      acc.reached(story, state, game, seed, moves);
      checkClock(state);
      acc.explorer?.arrived(state, game, seed, moves);
    }
    last = state;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // A move that throws leaves the owned state half-changed: report on the state before it.
    if (state !== undefined) last = replay(story, seed, moves.slice(0, applied), options.setup).state;
    acc.error({ scene: last?.scene ?? story.start, message, game, seed, moves });
  }
  if (last !== undefined) acc.visited(last);
  acc.games++;
  acc.moves += moves.length;
}
