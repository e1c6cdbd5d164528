/**
 * `randomtest --until-covered`: keeps playing until every scene and choice
 * that can be reached has been, or a budget of games is spent, then says
 * what was not reached and why — ChoiceScript's quicktest ("a test that
 * tries every branch") done by steering random play rather than by forking
 * every state.
 *
 * Games are played in rounds of `ROUND_BATCHES` batches. Every game picks
 * the least-used choice as randomtest's do; in addition, half the games of
 * a round begin at a waypoint an earlier round found — the first game to
 * reach a scene with the player's infection as it stood there — and play on
 * from it (explore.ts says why that finds what plain random play misses).
 * The batches of a round depend only on the rounds before, so a round can
 * be played on any number of threads and a seed always plays the same games.
 */
import type { Story } from '../engine/story-types.js';
import type { NeverReached } from './analyze.js';
import type { Steering } from './explore.js';
import { batchCount } from './randomtest.js';
import { mergeParts } from './randomtest-merge.js';
import type { RandomTestOptions, RandomTestPart } from './randomtest-result.js';
import type { BatchJob } from './randomtest-worker.js';

/** Games `--until-covered` plays at most unless `--budget` says otherwise. */
export const DEFAULT_BUDGET = 20_000;
/** Batches per round; part of what a seed means for `--until-covered`. */
export const ROUND_BATCHES = 5;

/** Plays a round's batches, on whatever threads: their parts in any order. */
export type PlayBatches = (jobs: readonly BatchJob[]) => Promise<RandomTestPart[]>;

/** What a run is to reach: every scene and choice `check` does not rule out. */
export interface CoverageGoal {
  readonly scenes: ReadonlySet<string>;
  readonly choices: ReadonlySet<string>;
}

/** The scenes and choices of `story` but those `never` rules out. */
export function coverageGoal(story: Story, never: NeverReached): CoverageGoal {
  const scenes = new Set<string>();
  const choices = new Set<string>();
  for (const [id, scene] of story.scenes) {
    if (!never.scenes.has(id)) scenes.add(id);
    for (const choice of scene.choices) {
      const key = `${id}#${choice.id}`;
      if (!never.choices.has(key)) choices.add(key);
    }
  }
  return { scenes, choices };
}

/** Whether `part` reached everything in `goal`. */
export function reachedGoal(part: RandomTestPart, goal: CoverageGoal): boolean {
  for (const id of goal.scenes) if (part.sceneHits[id] === undefined) return false;
  for (const key of goal.choices) if (part.choiceHits[key] === undefined) return false;
  return true;
}

/**
 * Plays rounds of games, each steered by the rounds before, until `goal` is
 * reached or `options.runs` games (the budget) have been played.
 */
export async function playUntilCovered(
  options: RandomTestOptions,
  goal: CoverageGoal,
  play: PlayBatches,
): Promise<RandomTestPart> {
  const batches = batchCount(options.runs);
  let whole = mergeParts([]);
  for (let first = 0; first < batches; first += ROUND_BATCHES) {
    const steer: Steering = whole.exploration ?? { waypoints: {}, restarts: {} };
    const jobs: BatchJob[] = [];
    for (let batch = first; batch < Math.min(batches, first + ROUND_BATCHES); batch++) jobs.push({ batch, steer });
    whole = mergeParts([whole, ...(await play(jobs))]);
    if (reachedGoal(whole, goal)) break;
  }
  return whole;
}

/** Why no game reached a scene or choice. */
export type UnreachedWhy = 'unreachable' | 'never-true' | 'not-found';

/** A scene (`id`) or choice (`sceneId#choiceId`) no game reached. */
export interface Unreached {
  readonly id: string;
  /** `unreachable`: `check` finds no way to the scene (or the choice's scene). `never-true`: `check` finds the choice's condition can never hold. `not-found`: none of the games played found it. */
  readonly why: UnreachedWhy;
  /** `check`'s warning, for the first two. */
  readonly check?: string;
  /** A choice not found: how many games entered its scene without making it. */
  readonly sceneGames?: number;
  /** A choice not found: its `if` and `requires` conditions, as written. */
  readonly needs?: readonly string[];
}

/** What `--until-covered` adds to the report (`untilCovered` in `--json`). */
export interface UntilCoveredReport {
  readonly budget: number;
  /** Games played: fewer than the budget when everything that can be reached was. */
  readonly games: number;
  /** Every scene and choice `check` does not rule out was reached. */
  readonly complete: boolean;
  /** Never-reached scenes, then choices, in the order of `uncovered`, each with why. */
  readonly unreached: readonly Unreached[];
}

/** Says why each of `uncovered` (a run's never-reached scenes and choices) was not reached. */
export function untilCoveredReport(
  story: Story,
  budget: number,
  part: RandomTestPart,
  uncovered: readonly string[],
  never: NeverReached,
): UntilCoveredReport {
  const unreached = uncovered.map((id): Unreached => {
    const hash = id.indexOf('#');
    const sceneId = hash < 0 ? id : id.slice(0, hash);
    const found = hash < 0 ? never.scenes.get(id) : never.choices.get(id);
    if (found !== undefined) return { id, why: never.scenes.has(sceneId) ? 'unreachable' : 'never-true', check: found.message };
    if (hash < 0) return { id, why: 'not-found' };
    const choice = story.scenes.get(sceneId)?.choices.find((c) => c.id === id.slice(hash + 1));
    const needs = [choice?.if?.src, choice?.requires?.src].filter((c): c is string => c !== undefined);
    return { id, why: 'not-found', sceneGames: part.sceneHits[sceneId] ?? 0, ...(needs.length === 0 ? {} : { needs }) };
  });
  return { budget, games: part.games, complete: unreached.every((u) => u.why !== 'not-found'), unreached };
}
