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
import { Explorer, mergeExplorations, type Exploration, type Steering } from './explore.js';
import {
  advance,
  choicesOf,
  clockAgrees,
  enabledChoiceIds,
  formatClock,
  isEnded,
  replay,
  sceneOf,
  start,
  startOwned,
  step,
} from '../engine/index.js';
import type { GameState, Move, OwnedState, Scene, Setup, Story } from '../engine/index.js';
import { BalanceTally, balanceReport, mergeBalance, type BalancePart, type BalanceReport } from './balance.js';

/** Games per batch; part of what a seed means, so changing it changes every result. */
export const BATCH_SIZE = 100;
/** Moves after which a game counts as looping. */
export const DEFAULT_MAX_STEPS = 2000;
/** What a choice that asks for typed text is given. */
export const TYPED_ANSWER = 'Tester';
// How many of a looping game's last moves are shown to find the loop.
const LOOP_WINDOW = 40;

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

/** The story as the games play it: beginning at `startAt` when one is given. */
export function playedStory(story: Story, options: Pick<RandomTestOptions, 'startAt'>): Story {
  return options.startAt === undefined || options.startAt === story.start ? story : { ...story, start: options.startAt };
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

/** One scene's choices in a batch, by their place in the scene. */
class SceneTally {
  /** Times picked: what the least-used pick compares. */
  readonly uses: number[];
  /** Games of this batch that made each. */
  readonly games: number[];
  // The last game that made each, so a game counts once however often it makes it.
  private readonly lastGame: number[];

  constructor(choices: number) {
    this.uses = new Array<number>(choices).fill(0);
    this.games = new Array<number>(choices).fill(0);
    this.lastGame = new Array<number>(choices).fill(-1);
  }

  /** Counts game `game` as one that made the choice at `at`. */
  hit(at: number, game: number): void {
    if (this.lastGame[at] === game) return;
    this.lastGame[at] = game;
    this.games[at] = this.games[at]! + 1;
  }
}

/** Stuck games are grouped by scene; looping ones all together (a loop has no one scene). */
function stuckKey(s: Pick<StuckGames, 'reason' | 'scene'>): string {
  return s.reason === 'no-choice' ? `no-choice:${s.scene}` : 'step-limit';
}

function errorKey(e: Pick<ErroredGames, 'scene' | 'message'>): string {
  return `${e.scene}\0${e.message}`;
}

function clockKey(c: Pick<ClockMismatches, 'scene'>): string {
  return c.scene;
}

/** Collects what one batch's games found. */
class Accumulator {
  games = 0;
  moves = 0;
  private readonly endings = new Map<string, number>();
  private readonly sceneHits = new Map<string, number>();
  private readonly tallies = new Map<string, { readonly scene: Scene; readonly tally: SceneTally }>();
  private readonly stuckGames = new Map<string, StuckGames>();
  private readonly erroredGames = new Map<string, ErroredGames>();
  private readonly mistimed = new Map<string, ClockMismatches>();
  private readonly routes = new Map<string, EndingRoute>();
  private readonly routeTo: ReadonlySet<string>;
  /** The balance tallies, when asked for: nothing is collected otherwise. */
  readonly balance: BalanceTally | undefined;

  constructor(
    routeTo: readonly string[] = [],
    stats = false,
    /** Where steered games begin, and what they find (`--until-covered`). */
    readonly explorer?: Explorer,
  ) {
    this.routeTo = new Set(routeTo);
    this.balance = stats ? new BalanceTally() : undefined;
  }

  /** The counts of `scene`'s choices in this batch. */
  tally(scene: Scene): SceneTally {
    let entry = this.tallies.get(scene.id);
    if (entry === undefined) this.tallies.set(scene.id, (entry = { scene, tally: new SceneTally(scene.choices.length) }));
    return entry.tally;
  }

  /** Records the first game of this part to enter each ending scene (and each scene asked for). */
  reached(story: Story, state: GameState, game: number, seed: number, moves: readonly Move[]): void {
    this.balance?.observe(story, state, game);
    if (this.routes.has(state.scene)) return;
    if (sceneOf(story, state).ending === undefined && !this.routeTo.has(state.scene)) return;
    this.routes.set(state.scene, { game, seed, moves: [...moves] });
  }

  ending(scene: string): void {
    this.endings.set(scene, (this.endings.get(scene) ?? 0) + 1);
  }

  /** Counts the game's scenes: every scene it entered, once. */
  visited(state: GameState): void {
    const hit = (id: string) => this.sceneHits.set(id, (this.sceneHits.get(id) ?? 0) + 1);
    for (const id in state.visits) hit(id);
    if (!Object.hasOwn(state.visits, state.scene)) hit(state.scene);
  }

  stuck(s: Omit<StuckGames, 'games'>): void {
    countGame(this.stuckGames, stuckKey(s), s);
  }

  error(e: Omit<ErroredGames, 'games'>): void {
    countGame(this.erroredGames, errorKey(e), e);
  }

  clock(c: Omit<ClockMismatches, 'games'>): void {
    countGame(this.mistimed, clockKey(c), c);
  }

  part(): RandomTestPart {
    const choiceHits = new Map<string, number>();
    for (const { scene, tally } of this.tallies.values()) {
      scene.choices.forEach((c, at) => {
        if (tally.games[at]! > 0) choiceHits.set(`${scene.id}#${c.id}`, tally.games[at]!);
      });
    }
    return {
      games: this.games,
      moves: this.moves,
      endings: Object.fromEntries(this.endings),
      ...hitsOf(this.sceneHits, choiceHits),
      ...(this.explorer === undefined ? {} : { exploration: this.explorer.exploration() }),
      stuck: [...this.stuckGames.values()],
      errors: [...this.erroredGames.values()],
      clockMismatches: [...this.mistimed.values()],
      routes: Object.fromEntries(this.routes),
      ...(this.balance === undefined ? {} : { balance: this.balance.part() }),
    };
  }
}

/**
 * Counts one more game in its group; the first game of a group keeps a copy
 * of its moves as the example (games run in order, so it is the lowest-numbered).
 */
function countGame<T extends { readonly games: number; readonly moves: readonly Move[] }>(
  groups: Map<string, T>,
  key: string,
  found: Omit<T, 'games'>,
): void {
  const had = groups.get(key);
  groups.set(key, had === undefined ? ({ ...found, moves: [...found.moves], games: 1 } as unknown as T) : { ...had, games: had.games + 1 });
}

/** The scenes and choices some game reached, sorted, with how many games did. */
function hitsOf(
  sceneHits: ReadonlyMap<string, number>,
  choiceHits: ReadonlyMap<string, number>,
): Pick<RandomTestPart, 'scenes' | 'choices' | 'sceneHits' | 'choiceHits'> {
  const scenes = [...sceneHits.keys()].sort();
  const choices = [...choiceHits.keys()].sort();
  return {
    scenes,
    choices,
    sceneHits: Object.fromEntries(scenes.map((id) => [id, sceneHits.get(id)!])),
    choiceHits: Object.fromEntries(choices.map((key) => [key, choiceHits.get(key)!])),
  };
}

/** Adds up parts: counts summed, sets joined, each group's example the lowest-numbered game. */
export function mergeParts(parts: readonly RandomTestPart[]): RandomTestPart {
  const endings = new Map<string, number>();
  const sceneHits = new Map<string, number>();
  const choiceHits = new Map<string, number>();
  const stuck = new Map<string, StuckGames>();
  const errors = new Map<string, ErroredGames>();
  const mistimed = new Map<string, ClockMismatches>();
  const routes = new Map<string, EndingRoute>();
  let games = 0;
  let moves = 0;
  for (const part of parts) {
    games += part.games;
    moves += part.moves;
    for (const [id, n] of Object.entries(part.endings)) endings.set(id, (endings.get(id) ?? 0) + n);
    for (const [id, n] of Object.entries(part.sceneHits)) sceneHits.set(id, (sceneHits.get(id) ?? 0) + n);
    for (const [key, n] of Object.entries(part.choiceHits)) choiceHits.set(key, (choiceHits.get(key) ?? 0) + n);
    for (const s of part.stuck) mergeGroup(stuck, stuckKey(s), s);
    for (const e of part.errors) mergeGroup(errors, errorKey(e), e);
    for (const c of part.clockMismatches) mergeGroup(mistimed, clockKey(c), c);
    for (const [id, route] of Object.entries(part.routes)) {
      const had = routes.get(id);
      if (had === undefined || route.game < had.game) routes.set(id, route);
    }
  }
  const byGame = (a: { game: number }, b: { game: number }) => a.game - b.game;
  const explored = parts.some((p) => p.exploration !== undefined);
  return {
    games,
    moves,
    endings: Object.fromEntries([...endings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    ...hitsOf(sceneHits, choiceHits),
    stuck: [...stuck.values()].sort(byGame),
    errors: [...errors.values()].sort(byGame),
    clockMismatches: [...mistimed.values()].sort((a, b) => byGame(a, b) || (a.scene < b.scene ? -1 : 1)),
    routes: Object.fromEntries([...routes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    ...balanceOf(mergeBalance(parts.map((p) => p.balance))),
    ...(explored ? { exploration: mergeExplorations(parts.map((p) => p.exploration)) } : {}),
  };
}

function balanceOf(balance: BalancePart | undefined): { balance?: BalancePart } {
  return balance === undefined ? {} : { balance };
}

function mergeGroup<T extends { games: number; game: number }>(into: Map<string, T>, key: string, entry: T): void {
  const had = into.get(key);
  if (had === undefined) {
    into.set(key, entry);
    return;
  }
  const example = entry.game < had.game ? entry : had;
  into.set(key, { ...example, games: had.games + entry.games });
}

/** The run's report: coverage against the story's scenes and choices. */
export function summarize(
  story: Story,
  options: RandomTestOptions,
  part: RandomTestPart,
  seconds: number,
): RandomTestResult {
  const covered = coverageOf(part);
  const uncoveredScenes: string[] = [];
  const uncoveredChoices: string[] = [];
  const sceneHits: Record<string, number> = {};
  const choiceHits: Record<string, number> = {};
  let choicesTotal = 0;
  for (const id of [...story.scenes.keys()].sort()) {
    if (!covered.scenes.has(id)) uncoveredScenes.push(id);
    sceneHits[id] = part.sceneHits[id] ?? 0;
    for (const choice of story.scenes.get(id)?.choices ?? []) {
      choicesTotal++;
      const key = `${id}#${choice.id}`;
      if (!covered.choices.has(key)) uncoveredChoices.push(key);
      choiceHits[key] = part.choiceHits[key] ?? 0;
    }
  }
  return {
    runs: part.games,
    seed: options.seed,
    endings: part.endings,
    scenesCovered: story.scenes.size - uncoveredScenes.length,
    scenesTotal: story.scenes.size,
    choicesCovered: choicesTotal - uncoveredChoices.length,
    choicesTotal,
    uncovered: [...uncoveredScenes, ...uncoveredChoices],
    sceneHits,
    choiceHits,
    stuck: part.stuck,
    errors: part.errors,
    clockMismatches: part.clockMismatches,
    perSecond: seconds > 0 ? Math.round(part.games / seconds) : 0,
    ...(part.balance === undefined ? {} : { stats: balanceReport(story, part.balance) }),
  };
}

/** The scenes and choices a run reached. */
export function coverageOf(part: RandomTestPart): Coverage {
  return { scenes: new Set(part.scenes), choices: new Set(part.choices) };
}

/**
 * The lines to type in the line-by-line mode (`hyosan --plain --seed S`) to
 * replay `moves`: each choice's number as listed, then any typed answer. A
 * move that fails (the error a game ran into) is the last line. `story` and
 * `setup` are the game's as it began (see `playedStory`).
 */
export function plainModeLines(story: Story, seed: number, moves: readonly Move[], setup?: Setup): string[] {
  const lines: string[] = [];
  let state: GameState;
  try {
    state = start(story, seed, setup);
  } catch {
    return lines;
  }
  for (const move of moves) {
    const index = choicesOf(story, state).findIndex((c) => c.id === move.choice);
    lines.push(String(index + 1));
    if (move.input !== undefined) lines.push(move.input);
    try {
      state = step(story, state, move.choice, move.input);
    } catch {
      break;
    }
  }
  return lines;
}
