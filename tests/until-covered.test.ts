import { describe, expect, it } from 'vitest';
import { replay } from '../src/engine/index.js';
import type { Story } from '../src/engine/story-types.js';
import { UsageError } from '../src/cli/args.js';
import { loopStart } from '../src/cli/coverage-report.js';
import { parseRandomtestArgs, randomtestCommand } from '../src/cli/randomtest-command.js';
import { neverReached } from '../src/tools/analyze.js';
import {
  coverageGoal,
  DEFAULT_BUDGET,
  playUntilCovered,
  ROUND_BATCHES,
  untilCoveredReport,
  type PlayBatches,
} from '../src/tools/coverage-run.js';
import { cellOf } from '../src/tools/explore.js';
import { loadStoryDir } from '../src/story/load.js';
import { BATCH_SIZE, playBatch, runRandomTest } from '../src/tools/randomtest.js';
import { summarize } from '../src/tools/randomtest-report.js';
import type { RandomTestOptions } from '../src/tools/randomtest-result.js';

async function fixture(dir: string): Promise<Story> {
  const loaded = await loadStoryDir(dir);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.story!;
}

/** Plays a round's batches here, in the order given. */
const inThisThread = (story: Story, options: RandomTestOptions): PlayBatches =>
  async (jobs) => jobs.map((job) => playBatch(story, options, job.batch, job.steer));

const RARE = 'tests/fixtures/randomtest/rare';

describe('randomtest --until-covered', () => {
  it('reaches what plain random play misses in the same number of games: the end of three long shots', async () => {
    const story = await fixture(RARE);
    const options = { runs: DEFAULT_BUDGET, seed: 1 };
    const goal = coverageGoal(story, neverReached(story));
    const steered = await playUntilCovered(options, goal, inThisThread(story, options));
    expect(steered.sceneHits.treasure).toBeGreaterThan(0);
    expect(steered.choiceHits['vault#near']).toBeGreaterThan(0);
    expect(steered.games).toBeLessThan(DEFAULT_BUDGET);

    const plain = runRandomTest(story, { runs: steered.games, seed: 1 });
    expect(plain.sceneHits.treasure).toBeUndefined();
  });

  it('stops after the first round that reaches everything check does not rule out', async () => {
    const story = await fixture('tests/fixtures/randomtest/never');
    const options = { runs: DEFAULT_BUDGET, seed: 4 };
    const part = await playUntilCovered(options, coverageGoal(story, neverReached(story)), inThisThread(story, options));
    expect(part.games).toBe(ROUND_BATCHES * BATCH_SIZE);
    expect(part.scenes).toEqual(['hall', 'out']);
  });

  it('plays the whole budget when something that can be reached is not found, and no more', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const options = { runs: 1234, seed: 2 };
    const part = await playUntilCovered(options, coverageGoal(story, neverReached(story)), inThisThread(story, options));
    expect(part.games).toBe(1234);
  });

  it('gives the same games for a seed however a round is played (batches in any order)', async () => {
    const story = await fixture(RARE);
    const options = { runs: 3000, seed: 7 };
    const goal = coverageGoal(story, neverReached(story));
    const inOrder = await playUntilCovered(options, goal, inThisThread(story, options));
    const backwards = await playUntilCovered(options, goal, async (jobs) =>
      [...jobs].reverse().map((job) => playBatch(story, options, job.batch, job.steer)),
    );
    expect(backwards).toEqual(inOrder);
    const other = { ...options, seed: 8 };
    expect(await playUntilCovered(other, goal, inThisThread(story, other))).not.toEqual(inOrder);
  });

  it('begins games at waypoints that replay exactly: every route it records reaches its scene', async () => {
    const story = await fixture(RARE);
    const options = { runs: 2000, seed: 3, routeTo: ['vault', 'tower'] };
    const part = await playUntilCovered(options, coverageGoal(story, neverReached(story)), inThisThread(story, options));
    const waypoints = Object.entries(part.exploration!.waypoints);
    expect(waypoints.length).toBeGreaterThan(5);
    for (const [cell, w] of waypoints) expect(cellOf(replay(story, w.seed, w.moves).state)).toBe(cell);
    for (const [scene, route] of Object.entries(part.routes)) {
      const r = replay(story, route.seed, route.moves);
      expect(r.stoppedBecause).toBeUndefined();
      expect(r.state.scene).toBe(scene);
    }
    // Games were begun at waypoints, the least-begun likelier.
    expect(Object.values(part.exploration!.restarts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("names what check rules out with check's warning, and a choice not found with the games that entered its scene", async () => {
    const never = await fixture('tests/fixtures/randomtest/never');
    const options = { runs: 1000, seed: 1 };
    const rulings = neverReached(never);
    const part = await playUntilCovered(options, coverageGoal(never, rulings), inThisThread(never, options));
    const report = untilCoveredReport(never, 1000, part, summarize(never, options, part, 1).uncovered, rulings);
    expect(report).toMatchObject({ budget: 1000, games: 500, complete: true });
    expect(report.unreached.map((u) => [u.id, u.why])).toEqual([
      ['attic', 'unreachable'],
      ['vault', 'unreachable'],
      ['attic#down', 'unreachable'],
      ['hall#map', 'never-true'],
      ['vault#leave', 'unreachable'],
    ]);
    expect(report.unreached[3]!.check).toBe(
      "choice 'map' in scene 'hall' is never shown: its if condition 'found_map' can never be true " +
        "(flag 'found_map' is never set by any effect, only described in story.yaml)",
    );

    const gym = await fixture('tests/fixtures/cli-story');
    const gymPart = await playUntilCovered({ runs: 400, seed: 1 }, coverageGoal(gym, neverReached(gym)), inThisThread(gym, { runs: 400, seed: 1 }));
    const gymReport = untilCoveredReport(gym, 400, gymPart, ['gym.door#force'], neverReached(gym));
    expect(gymReport).toEqual({
      budget: 400,
      games: 400,
      complete: false,
      unreached: [{ id: 'gym.door#force', why: 'not-found', sceneGames: 400, needs: ['stamina > 5'] }],
    });
  });
});

describe('randomtest --until-covered on the command line', () => {
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    const io = {
      stdout: { write: (t: string) => ((out.stdout += t), true) },
      stderr: { write: (t: string) => ((out.stderr += t), true) },
      shippedStory: () => [],
    } as unknown as Parameters<typeof randomtestCommand>[1];
    return { out, io };
  };

  it('takes --budget (default 20,000) instead of -n, and --budget only with it', () => {
    expect(parseRandomtestArgs(['--until-covered'])).toMatchObject({ untilCovered: true, runs: DEFAULT_BUDGET });
    expect(parseRandomtestArgs(['--until-covered', '--budget', '500'])).toMatchObject({ untilCovered: true, runs: 500 });
    expect(() => parseRandomtestArgs(['--until-covered', '-n', '5'])).toThrow(
      new UsageError('randomtest: --until-covered plays until everything is reached: give it --budget N (the most games), not -n'),
    );
    expect(() => parseRandomtestArgs(['--budget', '5'])).toThrow(
      new UsageError('randomtest: --budget is the most games --until-covered may play: add --until-covered, or use -n N'),
    );
  });

  it('says it reached everything that can be reached, and lists what check rules out', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/randomtest/never', '--until-covered', '--budget', '3000'], io)).toBe(0);
    expect(out.stdout).toMatch(/^randomtest tests\/fixtures\/randomtest\/never: until covered, 500 games of a budget of 3,000, seed 1 — /);
    expect(out.stdout).toContain(
      'Until covered: every scene and choice that can be reached was, in 500 games (budget 3,000).\n' +
        'Never reachable, as check finds (5):\n' +
        "  attic — scene 'attic' is unreachable: no choice, goto or hook leads here from the start scene 'hall'\n",
    );
    expect(out.stdout).not.toContain('Never made choices');
  });

  it('says what it did not find in the budget, and why it may not have', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/cli-story', '--until-covered', '--budget', '700'], io)).toBe(0);
    expect(out.stdout).toContain(
      'Until covered: 700 games (the whole budget) left 1 choice unreached that check cannot rule out.\n' +
        'Not found in 700 games (1; a bigger --budget may find them):\n' +
        "  gym.door#force — 700 games entered its scene without making it; it needs 'stamina > 5'\n",
    );
  });

  it('adds untilCovered to --json, before perSecond', async () => {
    const { out, io } = capture();
    await randomtestCommand(['tests/fixtures/cli-story', '--until-covered', '--budget', '300', '--json'], io);
    const json = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(Object.keys(json).slice(-2)).toEqual(['untilCovered', 'perSecond']);
    expect(json.untilCovered).toEqual({
      budget: 300,
      games: 300,
      complete: false,
      unreached: [{ id: 'gym.door#force', why: 'not-found', sceneGames: 300, needs: ['stamina > 5'] }],
    });
  });
});

describe('where a loop begins', () => {
  const m = (scene: string) => ({ scene, choice: 'x' });

  it('is the first of the last moves made among the loop scenes', () => {
    expect(loopStart([m('a'), m('b'), m('c'), m('b'), m('c')], ['b', 'c'])).toBe(1);
    expect(loopStart([m('b'), m('c')], ['b', 'c'])).toBe(0);
    expect(loopStart([m('a')], ['b'])).toBe(1);
  });
});
