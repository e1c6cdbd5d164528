/**
 * Engine throughput on the shipped story: complete random games and choices
 * per second through `randomtest`'s own runner in this thread, and through
 * `hyosan randomtest --workers N` on every core; the cost of the balance
 * report's tallies (`--stats`); and whether `randomtest` with its default
 * threads is ever slower than `--workers 1` (the wall time an author waits,
 * the two run in turn).
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import type { Story } from '../src/engine/story-types.js';
import { runRandomTest } from '../src/tools/randomtest.js';
import type { BenchContext, Row } from './rows.js';
import { unmeasured } from './rows.js';
import { median } from './stats.js';

const run = promisify(execFile);
const SEED = 1;

/** Games/s and choices/s, single-threaded and on all cores. */
export async function engineRows(ctx: BenchContext, story: Story | string): Promise<Row[]> {
  const section = 'Engine throughput (shipped story)';
  const cores = availableParallelism();
  // The default run, and one long enough that workers may pay.
  const short = ctx.quick ? 200 : 1000;
  const long = ctx.quick ? 400 : 30_000;
  const n = (x: number) => x.toLocaleString('en-US');
  const rows = {
    choices: { id: 'engine.choices', section, label: 'choices/s, one thread (randomtest runner)', unit: '/s' },
    games: { id: 'engine.games', section, label: 'games/s, one thread', unit: '/s' },
    length: { id: 'engine.length', section, label: 'choices per game (mean)', unit: '' },
    statsGames: { id: 'engine.stats.games', section, label: 'games/s, one thread, with --stats', unit: '/s' },
    statsRatio: { id: 'engine.stats.ratio', section, label: 'games/s with --stats ÷ without', unit: '×' },
    workerChoices: { id: 'engine.workers.choices', section, label: `choices/s, randomtest --workers ${cores}`, unit: '/s' },
    workerGames: { id: 'engine.workers.games', section, label: `games/s, randomtest --workers ${cores}`, unit: '/s' },
    defaultShort: { id: 'engine.default.short', section, label: `randomtest -n ${n(short)}: default threads ÷ --workers 1, time`, unit: '×' },
    defaultLong: { id: 'engine.default.long', section, label: `randomtest -n ${n(long)}: default threads ÷ --workers 1, time`, unit: '×' },
  };
  if (typeof story === 'string') return Object.values(rows).map((r) => unmeasured(r, story));

  const runs = ctx.quick ? 200 : 3000;
  const repeats = ctx.quick ? 1 : 5;
  ctx.log(`engine: ${repeats} × ${runs} random games in this thread`);
  runRandomTest(story, { runs: Math.min(runs, 500), seed: SEED + 1 }); // warm the JIT
  const rates: { games: number; choices: number }[] = [];
  // The balance report's tallies (--stats) on the same games, timed in the
  // same rounds, so the ratio compares like with like; a run without
  // --stats collects nothing and must stay as fast as before.
  const withStats: number[] = [];
  let movesPerGame = Number.NaN;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const part = runRandomTest(story, { runs, seed: SEED });
    const seconds = (performance.now() - started) / 1000;
    rates.push({ games: part.games / seconds, choices: part.moves / seconds });
    movesPerGame = part.moves / part.games;
    const statsStarted = performance.now();
    const tallied = runRandomTest(story, { runs, seed: SEED, stats: true });
    withStats.push(tallied.games / ((performance.now() - statsStarted) / 1000));
  }
  const games = median(rates.map((r) => r.games));
  const out: Row[] = [
    { ...rows.choices, value: median(rates.map((r) => r.choices)), target: { op: '>=', value: 50_000 } },
    { ...rows.games, value: games },
    { ...rows.length, value: movesPerGame, note: `${runs} games, seed ${SEED}` },
    { ...rows.statsGames, value: median(withStats) },
    { ...rows.statsRatio, value: median(withStats) / games, note: 'the same games; 1.00 = no cost' },
  ];

  // The same games (same runs and seed) on every core; the command's own clock
  // includes starting the workers, as an author waits for it.
  ctx.log(`engine: ${runs * 2} games with randomtest --workers ${cores}`);
  const perSecond: number[] = [];
  let failure: string | undefined;
  for (let i = 0; i < repeats; i++) {
    try {
      const { stdout } = await run(
        process.execPath,
        [ctx.cli, 'randomtest', '-n', String(runs * 2), '--seed', String(SEED), '--workers', String(cores), '--json'],
        { cwd: ctx.root, maxBuffer: 64 * 1024 * 1024 },
      );
      perSecond.push((JSON.parse(stdout) as { perSecond: number }).perSecond);
    } catch (error) {
      // Exit 1 is a story with stuck games: the speed is still measured.
      const stdout = (error as { stdout?: string }).stdout;
      const parsed = stdout === undefined ? undefined : safeJson(stdout);
      if (parsed?.perSecond !== undefined) perSecond.push(parsed.perSecond);
      else failure = (error as Error).message.split('\n')[0];
    }
  }
  if (perSecond.length === 0) {
    const why = failure ?? 'no run finished';
    out.push(unmeasured(rows.workerChoices, why), unmeasured(rows.workerGames, why));
  } else {
    const workerGames = median(perSecond);
    // The games are the same as in one thread (randomtest's batches do not depend on the threads)
    // but twice as many, so the mean length is measured again rather than assumed.
    const part = runRandomTest(story, { runs: runs * 2, seed: SEED });
    out.push(
      { ...rows.workerChoices, value: (workerGames * part.moves) / part.games },
      { ...rows.workerGames, value: workerGames },
    );
  }
  out.push(
    await defaultAgainstOne(ctx, rows.defaultShort, short, ctx.quick ? 1 : 7),
    await defaultAgainstOne(ctx, rows.defaultLong, long, ctx.quick ? 1 : 5),
  );
  return out;
}

/**
 * The median ratio of the wall time of `hyosan randomtest -n RUNS` with its
 * default threads to the same with `--workers 1`, run in turn so a change in
 * the machine's load touches both. Over 1 is the default being slower.
 */
async function defaultAgainstOne(ctx: BenchContext, row: Omit<Row, 'value'>, runs: number, repeats: number): Promise<Row> {
  ctx.log(`engine: ${repeats} × randomtest -n ${runs}, default threads and --workers 1 in turn`);
  const seconds = async (extra: readonly string[]): Promise<number> => {
    const started = performance.now();
    // Exit 1 (a story with stuck games) still timed the run.
    await run(process.execPath, [ctx.cli, 'randomtest', '-n', String(runs), '--seed', String(SEED), '--json', ...extra], {
      cwd: ctx.root,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => {
      if (error.stdout === undefined || error.stdout === '') throw error;
    });
    return (performance.now() - started) / 1000;
  };
  const ratios: number[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      // Alternate which goes first, so neither always meets a warm (or busy) machine.
      if (i % 2 === 0) {
        const byDefault = await seconds([]);
        ratios.push(byDefault / (await seconds(['--workers', '1'])));
      } else {
        const one = await seconds(['--workers', '1']);
        ratios.push((await seconds([])) / one);
      }
    }
  } catch (error) {
    return unmeasured(row, (error as Error).message.split('\n')[0] ?? 'randomtest failed');
  }
  return { ...row, value: median(ratios), target: { op: '<=', value: 1.05 }, note: `median of ${repeats}; ≤ 1 is never slower (5% for noise)` };
}

function safeJson(text: string): { perSecond?: number } | undefined {
  try {
    return JSON.parse(text) as { perSecond?: number };
  } catch {
    return undefined;
  }
}
