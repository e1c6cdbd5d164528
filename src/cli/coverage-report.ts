/**
 * The coverage parts of `randomtest`'s text report: the least-reached scenes
 * and choices with how many games reached them, and what `--until-covered`
 * could not reach, and why.
 */
import type { Move } from '../engine/index.js';
import type { Unreached, UntilCoveredReport } from '../tools/coverage-run.js';
import type { RandomTestResult } from '../tools/randomtest-result.js';

/** How many of the least-reached scenes and choices the text report lists. */
export const RAREST_SHOWN = 10;
// Lists of what --until-covered did not reach are cut here; --json has them all.
const UNREACHED_LIMIT = 30;

const n = (x: number): string => x.toLocaleString('en-US');

/** `1 game`, `3 games`. */
function plural(count: number, word: string): string {
  return `${n(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** The `RAREST_SHOWN` least-reached scenes and choices that some game did reach, each with its count of games. */
export function hitLines(r: Pick<RandomTestResult, 'sceneHits' | 'choiceHits'>): string[] {
  return [
    ...rarest('Least reached scenes (games that entered them)', r.sceneHits),
    ...rarest('Least made choices (games that made them)', r.choiceHits),
  ];
}

function rarest(title: string, hits: Readonly<Record<string, number>>): string[] {
  // A stable sort keeps the report's order (scene ids, then choices in scene order) among equal counts.
  const reached = Object.entries(hits)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => a - b)
    .slice(0, RAREST_SHOWN);
  if (reached.length === 0) return [];
  const width = Math.max(...reached.map(([, count]) => n(count).length));
  return [`${title}:`, ...reached.map(([id, count]) => `  ${n(count).padStart(width)}  ${id}`)];
}

/** What `--until-covered` reached, and each scene or choice it did not with the reason. */
export function untilCoveredLines(c: UntilCoveredReport): string[] {
  const notFound = c.unreached.filter((u) => u.why === 'not-found');
  const never = c.unreached.filter((u) => u.why !== 'not-found');
  const out: string[] = [];
  if (c.complete) {
    out.push(`Until covered: every scene and choice that can be reached was, in ${plural(c.games, 'game')} (budget ${n(c.budget)}).`);
  } else {
    out.push(`Until covered: ${plural(c.games, 'game')} (the whole budget) left ${counted(notFound)} unreached that check cannot rule out.`);
    out.push(`Not found in ${plural(c.games, 'game')} (${notFound.length}; a bigger --budget may find them):`);
    for (const u of notFound.slice(0, UNREACHED_LIMIT)) out.push(`  ${u.id} — ${notFoundWhy(u)}`);
    more(out, notFound.length);
  }
  if (never.length > 0) {
    out.push(`Never reachable, as check finds (${never.length}):`);
    for (const u of never.slice(0, UNREACHED_LIMIT)) out.push(`  ${u.id} — ${u.check ?? ''}`);
    more(out, never.length);
  }
  return out;
}

/** `3 scenes and 2 choices`, `1 choice`. */
function counted(items: readonly Unreached[]): string {
  const choices = items.filter((u) => u.id.includes('#')).length;
  const scenes = items.length - choices;
  const parts = [...(scenes > 0 ? [plural(scenes, 'scene')] : []), ...(choices > 0 ? [plural(choices, 'choice')] : [])];
  return parts.join(' and ');
}

function notFoundWhy(u: Unreached): string {
  if (u.sceneGames === undefined) return 'no game reached it';
  if (u.sceneGames === 0) return 'no game reached its scene';
  const needs = u.needs === undefined ? '' : `; it needs ${u.needs.map((c) => `'${c}'`).join(' and ')}`;
  return `${plural(u.sceneGames, 'game')} entered its scene without making it${needs}`;
}

function more(out: string[], count: number): void {
  if (count > UNREACHED_LIMIT) out.push(`  … and ${n(count - UNREACHED_LIMIT)} more (--json lists them all)`);
}

/**
 * Where a looping game's loop begins: the first of the moves at its end that
 * are all made in the loop's scenes. Replaying the moves before it brings a
 * game to the loop's door.
 */
export function loopStart(moves: readonly Move[], loop: readonly string[]): number {
  const inLoop = new Set(loop);
  let at = moves.length;
  while (at > 0 && inLoop.has(moves[at - 1]!.scene)) at--;
  return at;
}
