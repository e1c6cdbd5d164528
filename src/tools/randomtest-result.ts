/**
 * What `hyosan randomtest` runs with and what it finds: the options, the part
 * a batch of games finds (parts merge to a whole), and the whole run's
 * result as `--json` prints it.
 */
import type { Move, Setup } from '../engine/index.js';
import type { BalancePart, BalanceReport } from './balance.js';
import type { Exploration } from './explore.js';

/** How to run. */
export interface RandomTestOptions {
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps?: number;
  /** Moves every game makes first, before choosing at random (e.g. "Season 2, as a halfbie"). */
  readonly prefix?: readonly Move[];
  /** Scenes besides endings to record a reproducing route to (rare ones a test must reach). */
  readonly routeTo?: readonly string[];
  /** The scene every game begins at instead of the story's start (`--start-at`). */
  readonly startAt?: string;
  /** How every game is set up to begin (`--start-at` with `--set`, `--give`…). */
  readonly setup?: Setup;
  /** Tally the state at every ending reached, for the balance report (`--stats`; see balance.ts). */
  readonly stats?: boolean;
}

/** A game that reached an ending scene: replaying `moves` with `seed` gets there again. */
export interface EndingRoute {
  readonly game: number;
  readonly seed: number;
  readonly moves: readonly Move[];
}

/** Games that stopped without an ending in the same way, with the first one as an example. */
export interface StuckGames {
  /** `no-choice`: a scene that is not an ending offered no enabled choice. `step-limit`: still going after `maxSteps` moves. */
  readonly reason: 'no-choice' | 'step-limit';
  /** Where the example game stopped. */
  readonly scene: string;
  /** How many games stopped this way. */
  readonly games: number;
  /** The example: the lowest-numbered such game, its engine seed and every move it made. */
  readonly game: number;
  readonly seed: number;
  readonly moves: readonly Move[];
  /** For `step-limit`: the scenes of the example's last moves, where the loop is. */
  readonly loop?: readonly string[];
}

/** Games that threw (a story loop, a broken hook...), grouped by message. */
export interface ErroredGames {
  readonly scene: string;
  readonly message: string;
  readonly games: number;
  readonly game: number;
  readonly seed: number;
  readonly moves: readonly Move[];
}

/**
 * Games whose clock disagreed with a scene's `time_of_day` when its text was
 * shown, grouped by scene (a game counts once per scene however often it
 * arrived there at the wrong time), with the first such game as an example.
 */
export interface ClockMismatches {
  readonly scene: string;
  /** What the scene states: a part of the day (`dawn`) or a window (`"22:00-03:00"`). */
  readonly stated: string;
  /** The example game's clock when the scene's text was shown: `Day 4, 03:26`. */
  readonly found: string;
  readonly games: number;
  /** The example: the lowest-numbered such game, its engine seed and its moves up to that scene. */
  readonly game: number;
  readonly seed: number;
  readonly moves: readonly Move[];
}

/** What some batches of games found; parts merge in any order to the same whole. */
export interface RandomTestPart {
  readonly games: number;
  /** Choices made in all the games together (what a benchmark divides by the time). */
  readonly moves: number;
  readonly endings: Readonly<Record<string, number>>;
  /** Scene ids entered, sorted. */
  readonly scenes: readonly string[];
  /** `sceneId#choiceId` of every choice made, sorted. */
  readonly choices: readonly string[];
  /** For each scene entered, how many games entered it (keys sorted). */
  readonly sceneHits: Readonly<Record<string, number>>;
  /** For each choice made (`sceneId#choiceId`), how many games made it (keys sorted). */
  readonly choiceHits: Readonly<Record<string, number>>;
  readonly stuck: readonly StuckGames[];
  readonly errors: readonly ErroredGames[];
  readonly clockMismatches: readonly ClockMismatches[];
  /** For each ending scene entered (also one a game goes on from, and each `routeTo` scene), the lowest-numbered game that did. */
  readonly routes: Readonly<Record<string, EndingRoute>>;
  /** With `stats`: the balance tallies at the endings. */
  readonly balance?: BalancePart;
  /** Steered batches only: the waypoints they found and the games begun at each. */
  readonly exploration?: Exploration;
}

/** The whole run, as `--json` prints it. */
export interface RandomTestResult {
  readonly runs: number;
  readonly seed: number;
  readonly endings: Readonly<Record<string, number>>;
  readonly scenesCovered: number;
  readonly scenesTotal: number;
  readonly choicesCovered: number;
  readonly choicesTotal: number;
  /** Never-reached scene ids, then never-made choices as `sceneId#choiceId`. */
  readonly uncovered: readonly string[];
  /** Every scene, in the order of `uncovered`: how many games entered it. */
  readonly sceneHits: Readonly<Record<string, number>>;
  /** Every choice (`sceneId#choiceId`), in the order of `uncovered`: how many games made it. */
  readonly choiceHits: Readonly<Record<string, number>>;
  readonly stuck: readonly StuckGames[];
  readonly errors: readonly ErroredGames[];
  /** Scenes some game was shown at a time its `time_of_day` does not allow. */
  readonly clockMismatches: readonly ClockMismatches[];
  readonly perSecond: number;
  /** With `--stats`: the balance report. */
  readonly stats?: BalanceReport;
}

/** What the graph colours: the scenes and choices some game reached. */
export interface Coverage {
  readonly scenes: ReadonlySet<string>;
  readonly choices: ReadonlySet<string>;
}
