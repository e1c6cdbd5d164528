/**
 * Merging randomtest's parts: batches played on any threads, in any order,
 * add up to the same whole, each group's example the lowest-numbered game.
 */
import { mergeBalance, type BalancePart } from './balance.js';
import { mergeExplorations } from './explore.js';
import type { ClockMismatches, EndingRoute, ErroredGames, RandomTestPart, StuckGames } from './randomtest-result.js';
import { clockKey, errorKey, hitsOf, stuckKey } from './randomtest-tally.js';

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
