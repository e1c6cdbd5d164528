/**
 * The shipped story holds what issues #6 and #7 ask of it: it loads and
 * checks clean, random playthroughs reach every scene and ending of each
 * season (Season 2 from each starting status) and never get stuck, and every
 * ending is reached by a fixed, committed sequence of choices.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { replay, sceneOf } from '../src/engine/index.js';
import type { Move, Story } from '../src/engine/index.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { loadStoryDir } from '../src/story/load.js';
import { runRandomTest } from '../src/tools/randomtest.js';
import type { RandomTestPart } from '../src/tools/randomtest-result.js';

let story: Story;

beforeAll(async () => {
  const loaded = await loadStoryDir('story');
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  story = loaded.story!;
});

const SEASON_1: readonly Move[] = [{ scene: 'title.start', choice: 'season1' }];
const seasonTwoAs = (status: string): readonly Move[] => [
  { scene: 'title.start', choice: 'season2' },
  { scene: 's2.who-were-you', choice: status },
];

function scenesOf(prefix: string): string[] {
  return [...story.scenes.keys()].filter((id) => id.startsWith(prefix)).sort();
}

function endingsOf(prefix: string): string[] {
  return scenesOf(prefix).filter((id) => story.scenes.get(id)!.ending !== undefined);
}

function expectNeverStuck(run: RandomTestPart): void {
  expect(run.stuck.map((s) => `${s.reason} at ${s.scene} (seed ${s.seed})`)).toEqual([]);
  expect(run.errors.map((e) => `${e.message} (seed ${e.seed})`)).toEqual([]);
  // Every scene's text is shown at the time of day it names.
  expect(run.clockMismatches.map((m) => `${m.scene} at ${m.found}, stated ${m.stated}`)).toEqual([]);
}

describe('the shipped story', () => {
  it('checks clean: no errors and no warnings', () => {
    expect(analyzeStory(story).map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('has at least 60 scenes and 6 endings in Season 1, and 50 scenes and 6 endings in Season 2', () => {
    expect(scenesOf('s1.').length).toBeGreaterThanOrEqual(60);
    expect(endingsOf('s1.').length).toBeGreaterThanOrEqual(6);
    expect(scenesOf('s2.').length).toBeGreaterThanOrEqual(50);
    expect(endingsOf('s2.').length).toBeGreaterThanOrEqual(6);
  });
});

interface RouteFile {
  /** Scenes random play seldom reaches, each with a fixed route (listed here by hand; the script keeps the list). */
  readonly rare: readonly string[];
  readonly routes: Readonly<Record<string, { readonly seed: number; readonly moves: readonly Move[] }>>;
}

const routeFile = JSON.parse(readFileSync('tests/fixtures/ending-routes.json', 'utf8')) as RouteFile;
/** The rare scenes that have a fixed route: random coverage need not find them. */
const rareWithRoutes = routeFile.rare.filter((id) => routeFile.routes[id] !== undefined);

describe('Season 1 random playthroughs', () => {
  it('reach every Season 1 scene and ending (rare ones by a fixed route) and never get stuck', () => {
    const run = runRandomTest(story, { runs: 3000, seed: 1, prefix: SEASON_1 });
    expectNeverStuck(run);
    const reached = new Set(run.scenes);
    expect(scenesOf('s1.').filter((id) => !reached.has(id) && !rareWithRoutes.includes(id))).toEqual([]);
  });
});

describe('Season 2 random playthroughs', () => {
  const reached = new Set<string>();
  for (const status of ['healthy', 'immune', 'halfbie-hidden', 'halfbie-known']) {
    it(`never get stuck for a player who starts ${status}`, () => {
      const run = runRandomTest(story, { runs: 1500, seed: 2, prefix: seasonTwoAs(status) });
      expectNeverStuck(run);
      for (const id of run.scenes) reached.add(id);
    });
  }

  it('reach, between the starting statuses, every Season 2 scene and ending (rare ones by a fixed route)', () => {
    expect(scenesOf('s2.').filter((id) => !reached.has(id) && !rareWithRoutes.includes(id))).toEqual([]);
  });
});

describe('every ending by a fixed sequence of choices', () => {
  const file = routeFile;

  it('has a committed route for every ending (regenerate: node --import tsx scripts/find-ending-routes.ts)', () => {
    const endings = [...story.scenes.values()].filter((s) => s.ending !== undefined).map((s) => s.id);
    expect(endings.filter((id) => file.routes[id] === undefined)).toEqual([]);
  });

  for (const [ending, route] of Object.entries(file.routes)) {
    it(`reaches ${ending}`, () => {
      const r = replay(story, route.seed, route.moves);
      expect(r.stoppedBecause).toBeUndefined();
      expect(r.state.scene).toBe(ending);
      if (!file.rare.includes(ending)) expect(sceneOf(story, r.state).ending).toBeDefined();
    });
  }
});
