/** A long game on a story, played by a seeded random player, for the saves and memory benchmarks. */
import { enabledChoiceIds, isEnded, sceneOf } from '../src/engine/index.js';
import type { Move, Story } from '../src/engine/index.js';
import { newGame, playChoice, type SavedGame } from '../src/saves/index.js';

/** What a chosen choice that asks for text is given. */
const ANSWER = 'Bench';
const MAX_MOVES = 5000;

/** One game: the seed, every move, and the game as the save system keeps it. */
export interface PlayedGame {
  readonly seed: number;
  readonly moves: readonly Move[];
  readonly game: SavedGame;
  /** Whether it reached an ending. */
  readonly ended: boolean;
}

/** Plays one game with seed `seed`, picking uniformly among enabled choices. */
export function playRandomGame(story: Story, seed: number): PlayedGame {
  let game = newGame(story, seed);
  let pick = seed >>> 0 || 1;
  for (let n = 0; n < MAX_MOVES && !isEnded(story, game.state); n++) {
    const ids = enabledChoiceIds(story, game.state);
    if (ids.length === 0) break;
    // xorshift32: any fixed sequence will do, as long as it is the same every run.
    pick ^= pick << 13;
    pick ^= pick >>> 17;
    pick ^= pick << 5;
    pick >>>= 0;
    const id = ids[pick % ids.length] as string;
    const asks = sceneOf(story, game.state).choices.find((c) => c.id === id)?.input !== undefined;
    game = playChoice(story, game, id, asks ? ANSWER : undefined);
  }
  return { seed, moves: game.history, game, ended: isEnded(story, game.state) };
}

/** The longest of `tries` random games that reached an ending (seeds 1…tries). */
export function longestGame(story: Story, tries: number): PlayedGame {
  let best = playRandomGame(story, 1);
  for (let seed = 2; seed <= tries; seed++) {
    const played = playRandomGame(story, seed);
    if (played.ended && (!best.ended || played.moves.length > best.moves.length)) best = played;
  }
  return best;
}
