/**
 * How `randomtest --until-covered` reaches what plain random play seldom
 * does. Much of what makes a branch rare in this game is hidden: whether a
 * bite left the player (or a friend) infected, semi-infected or immune is
 * drawn from the seed, and a choice for a halfbie only shows in the games
 * the dice made one. So the run keeps *waypoints*: for each *cell* — a scene,
 * with the player's infection as it stood there — the first game that
 * reached it, as its seed and moves. Half the games of a steered batch begin
 * by replaying a waypoint (those with fewer games begun at them first) and
 * play on from there at random, the way Go-Explore returns to a promising
 * state before exploring; the rest begin at the start. A replayed waypoint
 * is an ordinary game (its seed and moves reproduce it), so every report
 * and replay line stays exact.
 */
import { nextFloat } from '../engine/rng.js';
import type { GameState, Move } from '../engine/index.js';

/** The share of a steered batch's games that begin at a waypoint. */
export const RESTART_SHARE = 0.5;

/** The first game that reached a cell: replaying `moves` with `seed` gets there again. */
export interface Waypoint {
  readonly game: number;
  readonly seed: number;
  readonly moves: readonly Move[];
}

/** What steers a batch: the waypoints earlier rounds found. */
export interface Steering {
  /** By cell (see `cellOf`). */
  readonly waypoints: Readonly<Record<string, Waypoint>>;
  /** How many games have begun at each waypoint so far, by cell. */
  readonly restarts: Readonly<Record<string, number>>;
}

/** What a batch found for the next rounds: the waypoints to cells no earlier round reached, and the games begun at each. */
export interface Exploration {
  readonly waypoints: Readonly<Record<string, Waypoint>>;
  readonly restarts: Readonly<Record<string, number>>;
}

/** The cell a game is in: its scene, and the player's infection status and (while exposed) what it will become. */
export function cellOf(state: GameState): string {
  const player = state.characters.player;
  return `${state.scene}|${player?.status ?? ''}|${player?.incubation?.outcome ?? ''}`;
}

/** One batch's side of the exploration: where each game begins, and the new cells it reaches. */
export class Explorer {
  private readonly cells: readonly string[];
  private readonly restarts = new Map<string, number>();
  private readonly found = new Map<string, Waypoint>();

  constructor(private readonly steering: Steering) {
    // Sorted, so a pick does not depend on the order the waypoints came in.
    this.cells = Object.keys(steering.waypoints).sort();
  }

  /**
   * The waypoint game `game` begins at, or undefined for the story's start;
   * `seed` (the game's own) decides, with the least-begun waypoints likelier
   * (weights 1/√(1 + games begun there), as Go-Explore chooses).
   */
  beginning(seed: number): Waypoint | undefined {
    if (this.cells.length === 0) return undefined;
    let rng = (seed ^ 0x2c1b3c6d) >>> 0;
    const draw = (): number => {
      const [r, next] = nextFloat(rng);
      rng = next;
      return r;
    };
    if (draw() >= RESTART_SHARE) return undefined;
    const weights = this.cells.map((cell) => 1 / Math.sqrt(1 + this.begun(cell)));
    let x = draw() * weights.reduce((a, b) => a + b, 0);
    let at = 0;
    while (at < weights.length - 1 && x >= weights[at]!) x -= weights[at++]!;
    const cell = this.cells[at]!;
    this.restarts.set(cell, (this.restarts.get(cell) ?? 0) + 1);
    return this.steering.waypoints[cell];
  }

  /** Notes where a game is after a move (or at its start): the first game in a cell no round knew becomes its waypoint. */
  arrived(state: GameState, game: number, seed: number, moves: readonly Move[]): void {
    const cell = cellOf(state);
    if (this.found.has(cell) || Object.hasOwn(this.steering.waypoints, cell)) return;
    this.found.set(cell, { game, seed, moves: [...moves] });
  }

  /** What this batch found. */
  exploration(): Exploration {
    return { waypoints: Object.fromEntries(this.found), restarts: Object.fromEntries(this.restarts) };
  }

  private begun(cell: string): number {
    return (this.steering.restarts[cell] ?? 0) + (this.restarts.get(cell) ?? 0);
  }
}

/** Joins batches' explorations: each cell's waypoint from the lowest-numbered game, games begun summed. */
export function mergeExplorations(parts: readonly (Exploration | undefined)[]): Exploration {
  const waypoints = new Map<string, Waypoint>();
  const restarts = new Map<string, number>();
  for (const part of parts) {
    if (part === undefined) continue;
    for (const [cell, w] of Object.entries(part.waypoints)) {
      const had = waypoints.get(cell);
      if (had === undefined || w.game < had.game) waypoints.set(cell, w);
    }
    for (const [cell, n] of Object.entries(part.restarts)) restarts.set(cell, (restarts.get(cell) ?? 0) + n);
  }
  const sorted = <T>(m: Map<string, T>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { waypoints: sorted(waypoints), restarts: sorted(restarts) };
}
