import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAgrees, enabledChoiceIds, formatClock, isEnded, replay } from '../src/engine/index.js';
import type { Story } from '../src/engine/story-types.js';
import { loadStoryDir } from '../src/story/load.js';
import { BatchPlayers } from '../src/tools/randomtest-threads.js';
import { BATCH_SIZE, batchCount, gameSeed, playBatch, runRandomTest } from '../src/tools/randomtest.js';
import { mergeParts } from '../src/tools/randomtest-merge.js';
import { plainModeLines, summarize } from '../src/tools/randomtest-report.js';
import { UsageError } from '../src/cli/args.js';
import { parseRandomtestArgs, randomtestCommand } from '../src/cli/randomtest-command.js';
import { buildStory } from './helpers/build-story.js';

const run = promisify(execFile);

async function fixture(dir: string): Promise<Story> {
  const loaded = await loadStoryDir(dir);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.story!;
}

describe('randomtest in one thread', () => {
  it('gives the same result for the same seed', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const a = runRandomTest(story, { runs: 500, seed: 42 });
    const b = runRandomTest(story, { runs: 500, seed: 42 });
    expect(b).toEqual(a);
    expect(a.games).toBe(500);
    expect(Object.values(a.endings).reduce((x, y) => x + y, 0)).toBe(500);
  });

  it('plays other games for another seed', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const a = runRandomTest(story, { runs: 300, seed: 1 });
    const b = runRandomTest(story, { runs: 300, seed: 2 });
    expect(b.endings).not.toEqual(a.endings);
  });

  it('plays batches independently, so any split merges to the same result', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const options = { runs: 3 * BATCH_SIZE + 17, seed: 9 };
    const whole = runRandomTest(story, options);
    const shuffled = mergeParts([3, 1, 0, 2].map((b) => playBatch(story, options, b)));
    expect(shuffled).toEqual(whole);
  });

  it('derives a distinct engine seed for each game', () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => gameSeed(7, i)));
    expect(seeds.size).toBe(10_000);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffff_ffff).toBe(true);
  });

  it('prefers the least-used choice, so rare branches get explored', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const result = summarize(story, { runs: 200, seed: 3 }, runRandomTest(story, { runs: 200, seed: 3 }), 1);
    expect(result.scenesCovered).toBe(result.scenesTotal);
    // `force` needs stamina the story never gives: the only choice never made.
    expect(result.uncovered).toEqual(['gym.door#force']);
    expect(result.choicesCovered).toBe(result.choicesTotal - 1);
    expect(result.stuck).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('reports every scene shown at a time its time_of_day does not allow, with a game that reproduces it', async () => {
    const story = await fixture('tests/fixtures/analysis/clock');
    const part = runRandomTest(story, { runs: 300, seed: 5 });
    expect(part.stuck).toEqual([]);
    expect(part.clockMismatches).toHaveLength(1);
    const late = part.clockMismatches[0]!;
    expect(late).toMatchObject({ scene: 'roof', stated: 'dawn', found: 'Day 2, 10:30', seed: gameSeed(5, late.game) });
    // The least-used choice alternates, so half the games sleep through the morning.
    expect(late.games).toBe(150);
    const replayed = replay(story, late.seed, late.moves);
    expect(replayed.applied).toBe(late.moves.length);
    expect(replayed.state.scene).toBe('roof');
    expect(clockAgrees(story, replayed.state)).toBe(false);
    expect(formatClock(story.clock, replayed.state.time)).toBe(late.found);
    expect(late.moves).toEqual([{ scene: 'stairs', choice: 'sleep' }]);
  });

  it('reports no clock mismatch for a story whose scenes state no time of day', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    expect(runRandomTest(story, { runs: 200, seed: 3 }).clockMismatches).toEqual([]);
  });

  it('reports a stuck game with a history that reproduces it through the engine', async () => {
    const story = await fixture('tests/fixtures/analysis/stuck');
    const part = runRandomTest(story, { runs: 400, seed: 5 });
    expect(part.stuck).toHaveLength(1);
    const stuck = part.stuck[0]!;
    expect(stuck).toMatchObject({ reason: 'no-choice', scene: 'door' });
    expect(stuck.games).toBeGreaterThan(100);
    expect(stuck.games + (part.endings.out ?? 0)).toBe(400);
    expect(stuck.seed).toBe(gameSeed(5, stuck.game));

    const replayed = replay(story, stuck.seed, stuck.moves);
    expect(replayed.applied).toBe(stuck.moves.length);
    expect(replayed.state.scene).toBe('door');
    expect(enabledChoiceIds(story, replayed.state)).toEqual([]);
    expect(isEnded(story, replayed.state)).toBe(false);
    // The same game in the line-by-line mode: walk past the key (choice 2).
    expect(plainModeLines(story, stuck.seed, stuck.moves)).toEqual(['2']);
  });

  it('counts a game still going after the step limit as looping, naming the scenes of the loop', () => {
    const story = buildStory({
      hall: { choices: [{ id: 'left', goto: 'stairs' }] },
      stairs: { choices: [{ id: 'up', goto: 'hall' }] },
    });
    const part = runRandomTest(story, { runs: 3, seed: 1, maxSteps: 50 });
    expect(part.stuck).toHaveLength(1);
    expect(part.stuck[0]).toMatchObject({ reason: 'step-limit', games: 3, game: 0, loop: ['hall', 'stairs'] });
    expect(part.stuck[0]?.moves).toHaveLength(50);
  });

  it('records a game that throws, with the moves that lead to the error', () => {
    const story = buildStory({
      hall: { choices: [{ id: 'in', goto: 'spin' }] },
      spin: { onEnter: [{ kind: 'goto', scene: 'spun' }] },
      spun: { onEnter: [{ kind: 'goto', scene: 'spin' }] },
    });
    const part = runRandomTest(story, { runs: 2, seed: 1 });
    expect(part.errors).toHaveLength(1);
    expect(part.errors[0]).toMatchObject({ scene: 'hall', games: 2, game: 0, moves: [{ scene: 'hall', choice: 'in' }] });
    expect(part.errors[0]?.message).toMatch(/^StoryRuntimeError: .*keeps redirecting/);
  });

  it('counts the games that entered each scene and made each choice, once a game however often', () => {
    const story = buildStory({
      hall: { choices: [{ id: 'left', goto: 'stairs' }] },
      stairs: { choices: [{ id: 'up', goto: 'hall' }] },
    });
    const part = runRandomTest(story, { runs: 3, seed: 1, maxSteps: 50 });
    expect(part.sceneHits).toEqual({ hall: 3, stairs: 3 });
    expect(part.choiceHits).toEqual({ 'hall#left': 3, 'stairs#up': 3 });
  });

  it('counts hits that add up: every game enters the start, and an ending as often as games end there', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const part = runRandomTest(story, { runs: 300, seed: 8 });
    expect(part.sceneHits['gym.door']).toBe(300);
    for (const [ending, games] of Object.entries(part.endings)) expect(part.sceneHits[ending]).toBe(games);
    expect(Object.keys(part.sceneHits)).toEqual(part.scenes);
    expect(Object.keys(part.choiceHits)).toEqual(part.choices);
    // A game that made a choice entered its scene.
    for (const [key, games] of Object.entries(part.choiceHits)) {
      expect(games).toBeLessThanOrEqual(part.sceneHits[key.slice(0, key.indexOf('#'))]!);
    }
  });

  it('reports a count for every scene and choice, 0 for those never reached, in the order of uncovered', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const result = summarize(story, { runs: 200, seed: 3 }, runRandomTest(story, { runs: 200, seed: 3 }), 1);
    expect(Object.keys(result.sceneHits)).toEqual([...story.scenes.keys()].sort());
    expect(Object.keys(result.choiceHits)).toHaveLength(result.choicesTotal);
    expect(result.choiceHits['gym.door#force']).toBe(0);
    expect(Object.entries(result.choiceHits).filter(([, n]) => n === 0).map(([k]) => k)).toEqual(result.uncovered);
  });

  it('types an answer for a choice that asks for one', () => {
    const story = buildStory({
      desk: { choices: [{ id: 'sign', goto: 'out', input: { var: 'name', prompt: 'Name?', maxLength: 10 } }] },
      out: { ending: 'Out', text: ['Hello {name}.'] },
    });
    const part = runRandomTest(story, { runs: 1, seed: 1 });
    expect(part.endings).toEqual({ out: 1 });
    expect(part.choices).toEqual(['desk#sign']);
  });
});

describe('randomtest command', () => {
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    const io = {
      stdout: { write: (t: string) => ((out.stdout += t), true) },
      stderr: { write: (t: string) => ((out.stderr += t), true) },
      shippedStory: () => [],
    } as unknown as Parameters<typeof randomtestCommand>[1];
    return { out, io };
  };

  it('prints exactly the documented keys with --json, and exits 0 when every game ends', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/cli-story', '-n', '120', '--seed', '4', '--json'], io)).toBe(0);
    const json = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'runs', 'seed', 'endings', 'scenesCovered', 'scenesTotal', 'choicesCovered', 'choicesTotal',
      'uncovered', 'sceneHits', 'choiceHits', 'stuck', 'errors', 'clockMismatches', 'perSecond',
    ]);
    expect(json).toMatchObject({ runs: 120, seed: 4, scenesTotal: 5, choicesTotal: 6, stuck: [], errors: [] });
    // No progress bar: stderr is not a terminal.
    expect(out.stderr).toBe('');
  });

  it('reports endings and coverage in text', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/cli-story', '-n', '200'], io)).toBe(0);
    expect(out.stdout).toMatch(/^randomtest tests\/fixtures\/cli-story: 200 games, seed 1 — [\d,]+ games\/s\n/);
    expect(out.stdout).toContain('Endings reached: 2 of 2\n');
    expect(out.stdout).toContain('Coverage: scenes 5/5 (100%), choices 5/6 (83%)\n');
    expect(out.stdout).toContain('Never made choices (scene#choice) (1):\n  gym.door#force\n');
    expect(out.stdout).toContain('OK: every game reached an ending, and every scene was shown at its time of day.\n');
  });

  it('lists the least-reached scenes and choices with how many games reached them', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/cli-story', '-n', '200'], io)).toBe(0);
    expect(out.stdout).toMatch(/Least reached scenes \(games that entered them\):\n( +[\d,]+  gym\.[a-z.]+\n){5}/);
    expect(out.stdout).toMatch(/Least made choices \(games that made them\):\n( +[\d,]+  gym\.[a-z]+#[a-z]+\n){5}\n/);
    // The rarest first; a choice no game made is in the never-made list, not here.
    const counts = [...out.stdout.matchAll(/^ +([\d,]+)  gym\.\S+#/gm)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(out.stdout).not.toMatch(/^ +\d+  gym\.door#force$/m);
  });

  it('gives a looping game a replay line to the loop, begun and set up as the run was', async () => {
    const { out, io } = capture();
    const dir = 'tests/fixtures/randomtest/loop';
    const args = [dir, '-n', '4', '--max-steps', '100', '--start-at', 'lobby', '--set', 'lantern'];
    expect(await randomtestCommand(args, io)).toBe(1);
    expect(out.stdout).toContain('LOOPING: 4 games still going after 100 moves; the last scenes of game 0: cellar, landing\n');
    expect(out.stdout).toMatch(/  first: game 0, seed (\d+), into the loop after 1 move: lobby#stairs\n/);
    const seed = /first: game 0, seed (\d+)/.exec(out.stdout)![1];
    // Only `stairs` is shown with the lantern lit: the replay types 1, and opens as the run did.
    expect(out.stdout).toContain(
      `  replay (to the loop): printf '1\\n' | hyosan --plain --story ${dir} --seed ${seed} --start-at lobby --set lantern\n`,
    );
    // --json keeps every move of the example.
    const { out: json, io: jsonIo } = capture();
    await randomtestCommand([...args, '--json'], jsonIo);
    expect((JSON.parse(json.stdout) as { stuck: { moves: unknown[] }[] }).stuck[0]!.moves).toHaveLength(100);
  });

  it('lists clock mismatches with a replay line and a count, and exits 1', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/analysis/clock', '-n', '200', '--seed', '5'], io)).toBe(1);
    expect(out.stdout).toContain(
      'CLOCK: 1 scene was shown at a time of day its text does not assume, 100 times in all\n' +
        "  'roof' (time_of_day: dawn) in 100 games; first: game ",
    );
    expect(out.stdout).toMatch(/shown at Day 2, 10:30 after 1 move\n    replay: printf '2\\n' \| hyosan --plain --story tests\/fixtures\/analysis\/clock --seed \d+\n/);
    expect(out.stdout).toContain('FAILED: every game reached an ending, but 1 scene was shown at a time of day');
  });

  it('carries the clock mismatches in --json', async () => {
    const { out, io } = capture();
    expect(await randomtestCommand(['tests/fixtures/analysis/clock', '-n', '100', '--seed', '5', '--json'], io)).toBe(1);
    const json = JSON.parse(out.stdout) as { clockMismatches: Record<string, unknown>[] };
    expect(json.clockMismatches).toHaveLength(1);
    expect(Object.keys(json.clockMismatches[0]!)).toEqual(['scene', 'stated', 'found', 'game', 'seed', 'moves', 'games']);
    expect(json.clockMismatches[0]).toMatchObject({ scene: 'roof', stated: 'dawn', found: 'Day 2, 10:30', games: 50 });
  });

  it('refuses bad numbers as usage errors', () => {
    expect(parseRandomtestArgs(['-n', '50', '--seed=7'])).toMatchObject({ runs: 50, seed: 7 });
    expect(() => parseRandomtestArgs(['-n', '0'])).toThrow(new UsageError("-n needs a whole number from 1 to 10000000, not '0'"));
    expect(() => parseRandomtestArgs(['--workers', 'many'])).toThrow(UsageError);
    expect(() => parseRandomtestArgs(['--seeds', '1'])).toThrow("randomtest: unknown option '--seeds' (did you mean --seed?)");
    expect(() => parseRandomtestArgs(['a', 'b'])).toThrow("randomtest: unexpected argument 'b'");
  });
});

describe('randomtest on worker threads', () => {
  let dir = '';
  let cli = '';

  beforeAll(async () => {
    // The same design as dist/cli.js: one bundled file that is both the
    // command line and, started as a worker, the randomtest worker.
    dir = await mkdtemp(join(tmpdir(), 'hyosan-randomtest-'));
    cli = join(dir, 'cli.mjs');
    await build({
      entryPoints: ['tests/helpers/author-cli-entry.ts'],
      outfile: cli,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      define: { 'process.env.NODE_ENV': '"production"' },
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
  });

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  const json = async (script: string, args: string[]) => {
    const { stdout } = await run(process.execPath, [script, 'randomtest', ...args, '--json']);
    const { perSecond, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
    expect(typeof perSecond).toBe('number');
    return rest;
  };

  it('gives the same result with 1, 2 and 3 workers', async () => {
    const args = ['tests/fixtures/cli-story', '-n', '450', '--seed', '11'];
    const one = await json(cli, [...args, '--workers', '1']);
    expect(await json(cli, [...args, '--workers', '2'])).toEqual(one);
    expect(await json(cli, [...args, '--workers', '3'])).toEqual(one);
    expect(one).toMatchObject({ runs: 450, seed: 11, scenesCovered: 5, scenesTotal: 5, stuck: [], errors: [] });
  });

  it('reports the same clock mismatches with 1, 2 and 3 workers', async () => {
    const args = ['tests/fixtures/analysis/clock', '-n', '750', '--seed', '3'];
    // A run with mismatches exits 1: its report is on the error's stdout.
    const report = async (workers: string) => {
      const failure = await run(process.execPath, [cli, 'randomtest', ...args, '--workers', workers, '--json']).then(
        () => ({ stdout: '{}' }),
        (error: { stdout: string }) => error,
      );
      const { perSecond: _perSecond, ...rest } = JSON.parse(failure.stdout) as Record<string, unknown>;
      return rest;
    };
    const [one, two, three] = await Promise.all([report('1'), report('2'), report('3')]);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(one.clockMismatches).toHaveLength(1);
  });

  it('exits 1 and prints a replay command when games get stuck', async () => {
    const failure = await run(process.execPath, [cli, 'randomtest', 'tests/fixtures/analysis/stuck', '-n', '300', '--workers', '2']).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(/STUCK in \d+ games at scene 'door'/);
    expect(failure?.stdout).toMatch(/replay: printf '2\\n' \| hyosan --plain --story tests\/fixtures\/analysis\/stuck --seed \d+/);
  });

  it('plays the same games --until-covered with 1, 2 and 3 workers', async () => {
    const args = ['tests/fixtures/randomtest/rare', '--until-covered', '--budget', '3000', '--seed', '5'];
    const one = await json(cli, [...args, '--workers', '1']);
    expect(await json(cli, [...args, '--workers', '2'])).toEqual(one);
    expect(await json(cli, [...args, '--workers', '3'])).toEqual(one);
    expect(one).toMatchObject({ untilCovered: { complete: true } });
  });

  it('starts a worker by default when the rest of a run would take long and a core is idle, with the same result', async () => {
    const story = await fixture('tests/fixtures/cli-story');
    const options = { runs: 3000, seed: 6 };
    // Every batch seems to take 0.3 s, and a core seems idle: the rest is worth a worker.
    let clock = 0;
    const players = new BatchPlayers(story, options, {
      cores: 2,
      totalBatches: batchCount(options.runs),
      worker: { source: { dir: 'tests/fixtures/cli-story' }, options, script: cli, hash: story.hash },
      now: () => (clock += 0.15),
      idleCores: () => 1,
    });
    try {
      const parts = await players.play(Array.from({ length: batchCount(options.runs) }, (_, batch) => ({ batch })));
      expect(players.workersStarted).toBe(1);
      expect(mergeParts(parts)).toEqual(runRandomTest(story, options));
    } finally {
      await players.close();
    }
  });

  // The built CLI starts its own entry file as the worker (see randomtest-worker.ts); `npm test` builds it first.
  const dist = 'dist/cli.js';
  it('gives the same result with 1 and 2 workers from dist/cli.js', async () => {
    expect(existsSync(dist), 'dist/cli.js is missing: run `npm run build`').toBe(true);
    const args = ['tests/fixtures/cli-story', '-n', '1000', '--seed', '11'];
    const one = await json(dist, [...args, '--workers', '1']);
    expect(await json(dist, [...args, '--workers', '2'])).toEqual(one);
  });
});
