/**
 * `hyosan randomtest [DIR] [-n N] [--seed S] [--workers K] [--max-steps M] [--stats] [--json]`:
 * plays N games with automatic choices and reports endings, coverage (with
 * how many games reached each scene and choice), every way a game got stuck
 * or looped and every scene shown at a time of day its text does not assume,
 * with a command line that replays it. Exit 1 when a game got stuck, looped,
 * failed or was shown a scene at the wrong time. `--start-at SCENE` and the
 * setup options (`--set`, `--give`…, see start-setup.ts) begin every game
 * there. `--until-covered [--budget N]` plays on until everything that can
 * be reached has been (coverage-run.ts); `--stats` adds the balance report.
 */
import { availableParallelism } from 'node:os';
import { terminalJson } from '../engine/control-chars.js';
import type { Setup } from '../engine/setup.js';
import type { Story } from '../engine/story-types.js';
import { neverReached } from '../tools/analyze.js';
import { balanceLines } from '../tools/balance.js';
import { coverageGoal, DEFAULT_BUDGET, playUntilCovered, untilCoveredReport, type UntilCoveredReport } from '../tools/coverage-run.js';
import { formatProblem } from '../story/problem.js';
import { DEFAULT_MAX_STEPS, batchCount, playedStory } from '../tools/randomtest.js';
import { mergeParts } from '../tools/randomtest-merge.js';
import { plainModeLines, summarize } from '../tools/randomtest-report.js';
import type { RandomTestOptions, RandomTestPart, RandomTestResult, StuckGames } from '../tools/randomtest-result.js';
import { BatchPlayers } from '../tools/randomtest-threads.js';
import type { StorySource } from '../tools/randomtest-worker.js';
import { hitLines, loopStart, untilCoveredLines } from './coverage-report.js';
import { UsageError } from './args.js';
import { SETUP_OPTIONS, setupArgsProblem, setupArgv, type SetupArg } from './setup-options.js';
import { checkStartScene, setupFor } from './start-setup.js';
import { loadStory } from './story-source.js';
import { parseToolArgs, shellQuote, wholeNumber, type AuthorToolIo } from './tool-args.js';

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;
// Long lists are cut here in the text report; --json has them all.
const LIST_LIMIT = 30;
// Clock mismatches shown with a replay line in the text report.
const CLOCK_LIMIT = 5;

/** `randomtest`'s options, parsed. */
export interface RandomtestOptions {
  readonly dir?: string;
  /** Pack folders played with the story (`--pack DIR`). */
  readonly packs: readonly string[];
  readonly runs: number;
  readonly seed: number;
  /** Threads to play on (1: this thread alone); absent: measured as the run goes (randomtest-threads.ts). */
  readonly workers?: number;
  /** `--until-covered`: play until everything that can be reached has been, at most `runs` (`--budget`) games. */
  readonly untilCovered: boolean;
  readonly maxSteps: number;
  readonly json: boolean;
  /** Tally every ending's stats, characters and bonds: the balance report. */
  readonly stats: boolean;
  /** The scene every game begins at (`--start-at`). */
  readonly startAt?: string;
  /** How every game is set up to begin there, as given. */
  readonly setupArgs: readonly SetupArg[];
}

/** The options with the setup they describe, checked against the story. */
type RunOptions = RandomtestOptions & { readonly setup?: Setup };

/** Parses the arguments after `randomtest`. */
export function parseRandomtestArgs(argv: readonly string[]): RandomtestOptions {
  const args = parseToolArgs(argv, {
    command: 'randomtest',
    flags: ['--json', '--stats', '--until-covered'],
    values: ['--runs', '--budget', '--seed', '--workers', '--max-steps', '--start-at', '--pack', ...SETUP_OPTIONS],
    aliases: { '-n': '--runs' },
    maxPositionals: 1,
  });
  const dir = args.positionals[0];
  const startAt = args.values.get('--start-at');
  const setupArgs = SETUP_OPTIONS.flatMap((option) => (args.lists.get(option) ?? []).map((value) => ({ option, value })));
  const problem = setupArgsProblem(setupArgs, startAt);
  if (problem !== undefined) throw new UsageError(`randomtest: ${problem}`);
  const untilCovered = args.flags.has('--until-covered');
  if (untilCovered && args.values.has('--runs')) {
    throw new UsageError('randomtest: --until-covered plays until everything is reached: give it --budget N (the most games), not -n');
  }
  if (!untilCovered && args.values.has('--budget')) {
    throw new UsageError('randomtest: --budget is the most games --until-covered may play: add --until-covered, or use -n N');
  }
  const runs = untilCovered
    ? (wholeNumber('--budget', args.values.get('--budget'), 1, 10_000_000) ?? DEFAULT_BUDGET)
    : (wholeNumber('-n', args.values.get('--runs'), 1, 10_000_000) ?? DEFAULT_RUNS);
  return {
    ...(dir === undefined ? {} : { dir }),
    packs: args.lists.get('--pack') ?? [],
    runs,
    untilCovered,
    seed: wholeNumber('--seed', args.values.get('--seed'), 0, 0xffff_ffff) ?? DEFAULT_SEED,
    ...workersOption(wholeNumber('--workers', args.values.get('--workers'), 1, 256)),
    maxSteps: wholeNumber('--max-steps', args.values.get('--max-steps'), 1, 1_000_000) ?? DEFAULT_MAX_STEPS,
    json: args.flags.has('--json'),
    stats: args.flags.has('--stats'),
    ...(startAt === undefined ? {} : { startAt }),
    setupArgs,
  };
}

function workersOption(workers: number | undefined): { workers?: number } {
  return workers === undefined ? {} : { workers };
}

/** Runs `randomtest` with the arguments after the command's name; resolves to the exit code. */
export async function randomtestCommand(argv: readonly string[], io: AuthorToolIo): Promise<number> {
  const opts = parseRandomtestArgs(argv);
  const { label, result: loaded } = await loadStory(opts.dir, io.shippedStory, opts.packs);
  const story = loaded.story;
  if (story === undefined) {
    for (const p of loaded.problems) if (p.severity === 'error') io.stderr.write(`${formatProblem(p)}\n`);
    io.stderr.write(`hyosan: randomtest needs a story without errors (see 'hyosan check${dirArg(opts.dir)}${packArgs(opts.packs)}').\n`);
    return 1;
  }
  if (opts.startAt !== undefined) await checkStartScene(story, opts.startAt, label, opts.dir === undefined);
  const setup = opts.setupArgs.length === 0 ? undefined : setupFor(story, opts.setupArgs, label);
  const source: StorySource = { ...(opts.dir !== undefined ? { dir: opts.dir } : { shipped: true as const }), packs: opts.packs };
  const progress = opts.json ? undefined : progressBar(io.stderr, opts.runs);
  const started = performance.now();
  const runOptions: RunOptions = { ...opts, ...(setup === undefined ? {} : { setup }) };
  // What check proves no game reaches, from where the games begin: the goal leaves it out, the report names it.
  const never = opts.untilCovered ? neverReached(playedStory(story, runOptions)) : undefined;
  const part =
    never === undefined
      ? await playRun(story, source, runOptions, io, progress?.update)
      : await withPlayers(story, source, runOptions, io, progress?.update, (players) =>
          playUntilCovered(runOptions, coverageGoal(story, never), (jobs) => players.play(jobs)),
        );
  progress?.clear();
  const summary = summarize(story, runOptions, part, (performance.now() - started) / 1000);
  const covered = never === undefined ? undefined : untilCoveredReport(story, opts.runs, part, summary.uncovered, never);
  io.stdout.write(opts.json ? `${terminalJson(withUntilCovered(summary, covered), 2)}\n` : report(story, summary, runOptions, covered));
  return summary.stuck.length > 0 || summary.errors.length > 0 || summary.clockMismatches.length > 0 ? 1 : 0;
}

/** The `--json` object: the summary, with `untilCovered` (when there is one) just before `perSecond`. */
function withUntilCovered(summary: RandomTestResult, covered: UntilCoveredReport | undefined): object {
  if (covered === undefined) return summary;
  return Object.fromEntries(
    Object.entries(summary).flatMap(([key, value]) => (key === 'perSecond' ? [['untilCovered', covered], [key, value]] : [[key, value]])),
  );
}

/** Plays `options.runs` games on as many threads as pay (see randomtest-threads.ts). */
export function playRun(
  story: Story,
  source: StorySource,
  options: RandomTestOptions & { readonly workers?: number },
  io: Pick<AuthorToolIo, 'workerScript'>,
  onProgress?: (gamesDone: number) => void,
): Promise<RandomTestPart> {
  const jobs = Array.from({ length: batchCount(options.runs) }, (_, batch) => ({ batch }));
  return withPlayers(story, source, options, io, onProgress, async (players) => mergeParts(await players.play(jobs)));
}

/** Runs `use` with the threads that play the run's batches, and stops them after. */
async function withPlayers<T>(
  story: Story,
  source: StorySource,
  options: RandomTestOptions & { readonly workers?: number },
  io: Pick<AuthorToolIo, 'workerScript'>,
  onProgress: ((gamesDone: number) => void) | undefined,
  use: (players: BatchPlayers) => Promise<T>,
): Promise<T> {
  const players = new BatchPlayers(story, options, {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    cores: availableParallelism(),
    ...(io.workerScript === undefined ? {} : { worker: { source, options, script: io.workerScript, hash: story.hash } }),
    totalBatches: batchCount(options.runs),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  try {
    return await use(players);
  } finally {
    await players.close();
  }
}

function dirArg(dir: string | undefined): string {
  return dir === undefined ? '' : ` ${shellQuote(dir)}`;
}

/** ` --pack DIR` for each pack, as a command line gives them. */
export function packArgs(packs: readonly string[]): string {
  return packs.map((p) => ` --pack ${shellQuote(p)}`).join('');
}


/** The text report. */
function report(story: Story, r: RandomTestResult, opts: RunOptions, covered: UntilCoveredReport | undefined): string {
  const out: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  const pct = (a: number, b: number) => (b === 0 ? '100%' : `${Math.floor((a / b) * 100)}%`);
  const from = opts.startAt === undefined ? '' : ` from ${opts.startAt}`;
  const games = covered === undefined ? `${n(r.runs)} games` : `until covered, ${n(r.runs)} games of a budget of ${n(covered.budget)}`;
  out.push(`randomtest ${opts.dir ?? 'story/'}${opts.packs.map((p) => ` + ${p}`).join('')}${from}: ${games}, seed ${r.seed} — ${n(r.perSecond)} games/s`);
  out.push('');

  const endingIds = [...story.scenes.values()].filter((s) => s.ending !== undefined).map((s) => s.id).sort();
  const reached = endingIds.filter((id) => (r.endings[id] ?? 0) > 0);
  out.push(`Endings reached: ${reached.length} of ${endingIds.length}`);
  const width = Math.max(0, ...Object.values(r.endings).map((c) => n(c).length));
  for (const [id, c] of Object.entries(r.endings).sort(([, a], [, b]) => b - a)) {
    const title = story.scenes.get(id)?.ending?.title ?? '';
    out.push(`  ${n(c).padStart(width)}  ${id}${title === '' ? '' : `  (${title})`}`);
  }
  const missing = endingIds.filter((id) => !reached.includes(id));
  if (missing.length > 0) out.push(`  never reached: ${missing.join(', ')}`);
  out.push('');

  out.push(`Coverage: scenes ${r.scenesCovered}/${r.scenesTotal} (${pct(r.scenesCovered, r.scenesTotal)}), ` +
    `choices ${r.choicesCovered}/${r.choicesTotal} (${pct(r.choicesCovered, r.choicesTotal)})`);
  if (covered === undefined) {
    list(out, 'Never reached scenes', r.uncovered.filter((u) => !u.includes('#')));
    list(out, 'Never made choices (scene#choice)', r.uncovered.filter((u) => u.includes('#')));
  } else {
    out.push(...untilCoveredLines(covered));
  }
  out.push(...hitLines(r));
  out.push('');
  if (r.stats !== undefined) out.push(...balanceLines(story, r.stats), '');

  const mistimed = clockLines(story, r, opts);
  if (r.stuck.length === 0 && r.errors.length === 0) {
    if (mistimed.length === 0) {
      out.push(`OK: every game reached an ending, and every scene was shown at its time of day.`);
      return `${out.join('\n')}\n`;
    }
    out.push(...mistimed, '');
    out.push(`FAILED: every game reached an ending, but ${clockSummary(r)}.`);
    return `${out.join('\n')}\n`;
  }
  for (const s of r.stuck) out.push(...stuckLines(story, s, opts));
  for (const e of r.errors) {
    out.push(`ERROR in ${n(e.games)} game${e.games === 1 ? '' : 's'} at scene '${e.scene}': ${e.message}`);
    out.push(`  first: game ${e.game}, seed ${e.seed}, after ${e.moves.length} moves`);
    out.push(`  replay: ${replayCommand(story, e, opts)}`);
  }
  if (mistimed.length > 0) out.push('', ...mistimed);
  const failed = r.stuck.reduce((a, s) => a + s.games, 0) + r.errors.reduce((a, e) => a + e.games, 0);
  out.push('');
  const also = mistimed.length === 0 ? '' : `; ${clockSummary(r)}`;
  out.push(`FAILED: ${n(failed)} of ${n(r.runs)} games did not reach an ending${also}.`);
  return `${out.join('\n')}\n`;
}

/** `3 scenes were shown at a time of day their text does not assume, 142 times in all`. */
function clockSummary(r: RandomTestResult): string {
  const scenes = r.clockMismatches.length;
  const games = r.clockMismatches.reduce((a, c) => a + c.games, 0);
  const were = scenes === 1 ? 'scene was' : 'scenes were';
  return `${scenes} ${were} shown at a time of day ${scenes === 1 ? 'its' : 'their'} text does not assume, ${plural(games, 'time')} in all`;
}

/** The first few clock mismatches, each with a line that replays its example game. */
function clockLines(story: Story, r: RandomTestResult, opts: RandomtestOptions): string[] {
  if (r.clockMismatches.length === 0) return [];
  const out = [`CLOCK: ${clockSummary(r)}`];
  for (const c of r.clockMismatches.slice(0, CLOCK_LIMIT)) {
    out.push(
      `  '${c.scene}' (time_of_day: ${c.stated}) in ${plural(c.games, 'game')}; ` +
        `first: game ${c.game}, seed ${c.seed}, shown at ${c.found} after ${plural(c.moves.length, 'move')}`,
    );
    out.push(`    replay: ${replayCommand(story, c, opts)}`);
  }
  const more = r.clockMismatches.length - CLOCK_LIMIT;
  if (more > 0) out.push(`  … and ${plural(more, 'more scene')} (--json lists them all)`);
  return out;
}

/** `1 game`, `3 games`. */
function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

function list(out: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  out.push(`${title} (${items.length}):`);
  for (const item of items.slice(0, LIST_LIMIT)) out.push(`  ${item}`);
  if (items.length > LIST_LIMIT) out.push(`  … and ${items.length - LIST_LIMIT} more (--json lists them all)`);
}

function stuckLines(story: Story, s: StuckGames, opts: RunOptions): string[] {
  const games = `${s.games.toLocaleString('en-US')} game${s.games === 1 ? '' : 's'}`;
  if (s.reason === 'step-limit') {
    // The replay stops at the loop's door: the thousands of moves round it are in --json.
    const into = { seed: s.seed, moves: s.moves.slice(0, loopStart(s.moves, s.loop ?? [])) };
    return [
      `LOOPING: ${games} still going after ${opts.maxSteps} moves; ` +
        `the last scenes of game ${s.game}: ${(s.loop ?? []).join(', ')}`,
      `  first: game ${s.game}, seed ${s.seed}, into the loop after ${plural(into.moves.length, 'move')}` +
        (into.moves.length === 0 ? '' : `: ${shortPath(into.moves.map((m) => `${m.scene}#${m.choice}`))}`),
      `  replay (to the loop): ${replayCommand(story, into, opts)}`,
    ];
  }
  return [
    `STUCK in ${games} at scene '${s.scene}': no choice can be picked there, and it is not an ending`,
    `  first: game ${s.game}, seed ${s.seed}, after ${s.moves.length} move${s.moves.length === 1 ? '' : 's'}: ` +
      shortPath(s.moves.map((m) => `${m.scene}#${m.choice}`)),
    `  replay: ${replayCommand(story, s, opts)}`,
  ];
}

/** `a → b → … → y → z`: a long list of moves cut in the middle (the replay line has them all). */
function shortPath(steps: readonly string[]): string {
  const shown = steps.length > 8 ? [...steps.slice(0, 3), '…', ...steps.slice(-3)] : steps;
  return shown.join(' → ');
}

/** A command line that plays the same game in the line-by-line mode, begun and set up as the run's were. */
function replayCommand(story: Story, g: { seed: number; moves: StuckGames['moves'] }, opts: RunOptions): string {
  const lines = plainModeLines(playedStory(story, opts), g.seed, g.moves, opts.setup);
  const story_ = `${opts.dir === undefined ? '' : ` --story ${shellQuote(opts.dir)}`}${packArgs(opts.packs)}`;
  const startAt = opts.startAt === undefined ? [] : ['--start-at', shellQuote(opts.startAt)];
  const opening = [...startAt, ...setupArgv(opts.setupArgs, shellQuote)].map((w) => ` ${w}`).join('');
  const input = lines.map((l) => `${l}\\n`).join('');
  return `printf '${input.replace(/'/g, `'\\''`)}' | hyosan --plain${story_} --seed ${g.seed}${opening}`;
}

/** A one-line progress bar on a terminal's stderr; nothing at all when stderr is not a terminal. */
function progressBar(
  stderr: AuthorToolIo['stderr'],
  total: number,
): { update: (done: number) => void; clear: () => void } | undefined {
  if (stderr.isTTY !== true) return undefined;
  const width = 30;
  let last = '';
  return {
    update(done) {
      const filled = Math.round((done / total) * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      const line = `\r[${bar}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} games`;
      if (line !== last) stderr.write(line);
      last = line;
    },
    clear() {
      if (last !== '') stderr.write('\r\u001b[K');
    },
  };
}
