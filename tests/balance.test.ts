/**
 * `randomtest --stats`, the balance report, on tests/fixtures/balance: a
 * story whose distribution is known exactly, because randomtest takes the
 * least-made choice and so splits each two-way choice 50/50 in every batch.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/index.js';
import { randomtestCommand } from '../src/cli/randomtest-command.js';
import { balanceLines, balanceReport, type BalancePart } from '../src/tools/balance.js';
import { BATCH_SIZE, playBatch, runRandomTest } from '../src/tools/randomtest.js';
import { mergeParts } from '../src/tools/randomtest-merge.js';
import { captureIo } from './helpers/capture-io.js';
import { loadFixture } from './helpers/fixture-story.js';

const FIXTURE = 'tests/fixtures/balance';
let story: Story;

beforeAll(async () => {
  story = await loadFixture(FIXTURE);
});

const run = promisify(execFile);

const capture = captureIo;

const spread = (min: number, p10: number, median: number, p90: number, max: number, atMin: number, atMax: number) => ({
  min,
  p10,
  median,
  p90,
  max,
  atMin,
  atMax,
});

// After the first fork, half the games are quiet (noise 0, Woo-jin left
// without a fate) and half loud (noise 10, a lie, On-jo's bond 3 + 5,
// Woo-jin dead); nobody is hurt yet.
const HALFWAY = {
  games: 200,
  stats: {
    health: spread(10, 10, 10, 10, 10, 0, 1),
    noise: spread(0, 0, 0, 10, 10, 0.5, 0.5),
    lies: spread(0, 0, 0, 1, 1, 0, 0),
    hunger: spread(0, 0, 0, 0, 0, 1, 0),
    'bond:onjo': spread(3, 3, 3, 8, 8, 0, 0),
  },
  characters: {
    onjo: { withPlayer: 1, turned: 0, gone: 0 },
    woojin: { withPlayer: 0, turned: 0, gone: 0.5 },
    namra: { withPlayer: 1, turned: 0, gone: 0 },
    gwinam: { withPlayer: 0, turned: 0, gone: 0 },
  },
};

// After the second: half climbed (health 5), half let Nam-ra go first (she turned).
const END = {
  ...HALFWAY,
  stats: { ...HALFWAY.stats, health: spread(5, 5, 5, 10, 10, 0, 0.5) },
  characters: { ...HALFWAY.characters, namra: { withPlayer: 0.5, turned: 0.5, gone: 0 } },
};

describe('the balance report', () => {
  it('carries under stats, with --json, every ending reached (one that leads on too) with its exact distribution', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand([FIXTURE, '-n', '200', '--stats', '--json'], io)).toBe(0);
    const json = JSON.parse(out.stdout) as { endings: unknown; stats: unknown };
    // The run's own endings count where games finished; the report counts every ending reached.
    expect(json.endings).toEqual({ end: 200 });
    // Neither ending id has a dot, so neither is in a group.
    expect(json.stats).toEqual({ byEnding: { end: END, halfway: HALFWAY }, byGroup: {}, endings: { end: 200, halfway: 200 } });
  });

  it('prints a table per ending for people, the most reached first', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand([FIXTURE, '-n', '200', '--stats'], io)).toBe(0);
    const text = out.stdout;
    expect(text).toContain('Balance at the endings (an ending that leads on counts when it is reached):\n');
    const end = text.slice(text.indexOf('  end (The End): 200 games'));
    expect(end.split('\n').slice(0, 12)).toEqual([
      '  end (The End): 200 games',
      '    stat           min   p10   med   p90   max  at min  at max',
      '    Health           5     5     5    10    10      0%     50%',
      '    Noise            0     0     0    10    10     50%     50%',
      '    lies             0     0     0     1     1      0%      0%',
      '    Hunger           0     0     0     0     0    100%      0%',
      '    On-jo (bond)     3     3     3     8     8      0%      0%',
      '    character     with you  turned  gone',
      '    On-jo             100%      0%    0%',
      '    Woo-jin             0%      0%   50%',
      '    Nam-ra             50%     50%    0%',
      '',
    ]);
    expect(text).toContain('  halfway (Halfway There): 200 games\n');
    // The report sits before the verdict, which stays the last line.
    expect(text.trimEnd().split('\n').pop()).toBe('OK: every game reached an ending, and every scene was shown at its time of day.');
  });

  it('collects nothing without --stats', async () => {
    expect(runRandomTest(story, { runs: 100, seed: 1 }).balance).toBeUndefined();
    const { out, io } = capture();
    await randomtestCommand([FIXTURE, '-n', '100', '--json'], io);
    expect('stats' in (JSON.parse(out.stdout) as object)).toBe(false);
    const text = capture();
    await randomtestCommand([FIXTURE, '-n', '100'], text.io);
    expect(text.out.stdout).not.toContain('Balance');
  });

  it('merges batches played in any order to the same report', () => {
    const options = { runs: 3 * BATCH_SIZE + 31, seed: 7, stats: true };
    const whole = runRandomTest(story, options);
    const shuffled = mergeParts([2, 0, 3, 1].map((b) => playBatch(story, options, b)));
    expect(shuffled.balance).toEqual(whole.balance);
    expect(balanceReport(story, shuffled.balance!)).toEqual(balanceReport(story, whole.balance!));
  });

  it('takes percentiles by nearest rank, so each is a value some game had', () => {
    const part: BalancePart = {
      end: {
        games: 10,
        stats: { noise: [[1, 1], [2, 8], [9, 1]] },
        characters: {},
      },
    };
    expect(balanceReport(story, part).byEnding.end!.stats.noise).toEqual(spread(1, 1, 2, 2, 9, 0, 0));
  });

  it('takes the endings of a group (the id before its first dot) together, counting each game at each ending', () => {
    const { balance } = runRandomTest(story, { runs: 200, seed: 1, stats: true });
    // The fixture's two endings, renamed into a group `act` and a group of their own.
    const grouped: BalancePart = { 'act.end': balance!.end!, 'act.halfway': balance!.halfway!, 'epilogue.end': balance!.end! };
    const report = balanceReport(story, grouped);
    expect(Object.keys(report.byGroup)).toEqual(['act', 'epilogue']);
    const act = report.byGroup.act!;
    expect(act.games).toBe(400);
    // Health: 200 games at 10 halfway, then 100 at 5 and 100 at 10 at the end.
    expect(act.stats.health).toEqual(spread(5, 5, 10, 10, 10, 0, 0.75));
    expect(act.stats.noise).toEqual(spread(0, 0, 0, 10, 10, 0.5, 0.5));
    expect(act.characters.namra).toEqual({ withPlayer: 0.75, turned: 0.25, gone: 0 });
    // A group of one ending is that ending.
    expect(report.byGroup.epilogue).toEqual(report.byEnding['epilogue.end']);
  });

  it('prints each group before the endings, for people', () => {
    const { balance } = runRandomTest(story, { runs: 200, seed: 1, stats: true });
    const report = balanceReport(story, { 'act.end': balance!.end!, 'act.halfway': balance!.halfway! });
    const lines = balanceLines(story, report);
    const group = lines.indexOf('  All 2 endings act.* together: 400 games');
    expect(group).toBeGreaterThan(0);
    expect(lines[group + 2]).toBe('    Health           5     5    10    10    10      0%     75%');
    expect(group).toBeLessThan(lines.indexOf('  act.end: 200 games'));
  });

  const dist = 'dist/cli.js';
  it('gives the same report with 1 and 3 workers (dist/cli.js)', async () => {
    expect(existsSync(dist), 'dist/cli.js is missing: run `npm run build`').toBe(true);
    const report = async (workers: string) => {
      const { stdout } = await run(process.execPath, [dist, 'randomtest', FIXTURE, '-n', '700', '--seed', '3', '--stats', '--json', '--workers', workers]);
      return (JSON.parse(stdout) as { stats: unknown }).stats;
    };
    const [one, three] = await Promise.all([report('1'), report('3')]);
    expect(three).toEqual(one);
    expect(one).toMatchObject({ endings: { end: 700, halfway: 700 } });
  });
});
