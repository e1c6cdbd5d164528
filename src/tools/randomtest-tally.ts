/**
 * What one batch of randomtest's games found, collected as they play: the
 * least-used counts of each scene's choices, the games that entered each
 * scene and made each choice, the endings, the routes, the games that got
 * stuck or threw or arrived at the wrong time of day.
 */
import { sceneOf } from '../engine/index.js';
import type { GameState, Move, Scene, Story } from '../engine/index.js';
import { BalanceTally } from './balance.js';
import type { Explorer } from './explore.js';
import type { ClockMismatches, EndingRoute, ErroredGames, RandomTestPart, StuckGames } from './randomtest-result.js';

/** One scene's choices in a batch, by their place in the scene. */
export class SceneTally {
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
export function stuckKey(s: Pick<StuckGames, 'reason' | 'scene'>): string {
  return s.reason === 'no-choice' ? `no-choice:${s.scene}` : 'step-limit';
}

/** How errored games are grouped: by scene and message. */
export function errorKey(e: Pick<ErroredGames, 'scene' | 'message'>): string {
  return `${e.scene}\0${e.message}`;
}

/** How clock mismatches are grouped: by scene. */
export function clockKey(c: Pick<ClockMismatches, 'scene'>): string {
  return c.scene;
}

/** Collects what one batch's games found. */
export class Accumulator {
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
export function hitsOf(
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
