/**
 * `npm run bench`: builds dist/cli.js, then measures what a player and an
 * author wait for and prints a table (or, with `--json`, one JSON object).
 * `--quick` uses tiny sizes and few repetitions, to keep the benchmarks
 * working in CI. Nothing here fails on a time: targets are printed beside
 * the numbers, and the exit code is 0 whenever the benchmarks ran.
 * bench/RESULTS.md explains each number and how to reproduce it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Story } from '../src/engine/story-types.js';
import { loadStoryDir } from '../src/story/load.js';
import { engineRows } from './engine.js';
import { installRows } from './install.js';
import { longestGame, type PlayedGame } from './long-game.js';
import { memoryRows } from './memory.js';
import type { BenchContext, Row } from './rows.js';
import { saveRows } from './saves.js';
import { scaleRows, storyLoadRows } from './scale.js';
import { startupRows } from './startup.js';
import { formatTable } from './table.js';

/** Every row the benchmarks print, in order (`--quick` prints the same rows). */
export const ROW_IDS: readonly string[] = [
  'startup.node',
  'startup.ink.ms',
  'startup.ink.ratio',
  'startup.inkKey.ms',
  'startup.inkKey.ratio',
  'startup.plain.ms',
  'startup.plain.ratio',
  'keypress.median',
  'keypress.p95',
  'story.yaml',
  'story.image',
  'story.packed',
  'engine.choices',
  'engine.games',
  'engine.length',
  'engine.stats.games',
  'engine.stats.ratio',
  'engine.workers.choices',
  'engine.workers.games',
  'engine.default.short',
  'engine.default.long',
  ...['small', 'medium', 'large'].flatMap((s) => ['load', 'check', 'total'].map((m) => `scale.${s}.${m}`)),
  'scale.growth',
  'saves.write',
  'saves.read',
  'saves.size',
  'memory.shipped',
  'memory.long',
  'install.tarball',
  'install.unpacked',
  'install.dependencies',
];

/** The sections, by the name `--only` takes. */
const SECTIONS = ['startup', 'story', 'engine', 'scale', 'saves', 'memory', 'install'] as const;
type Section = (typeof SECTIONS)[number];

/** The machine, as the results record it. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  /** The 1-minute load average before and after the run: how noisy it was. */
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** What `--json` prints. */
export interface BenchReport {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: Machine;
  readonly rows: readonly Row[];
}

interface Options {
  readonly quick: boolean;
  readonly json: boolean;
  readonly only: ReadonlySet<Section>;
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let json = false;
  let only = new Set<Section>(SECTIONS);
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',');
      const unknown = wanted.filter((w) => !(SECTIONS as readonly string[]).includes(w));
      if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
      only = new Set(wanted as Section[]);
    } else throw new Error(`unknown option '${arg}': use --quick, --json, --only=${SECTIONS.join(',')}`);
  }
  return { quick, json, only };
}

/** The shipped story loaded from story/, or why it could not be. */
async function shippedStory(root: string): Promise<Story | string> {
  const loaded = await loadStoryDir(join(root, 'story'));
  if (loaded.story !== undefined) return loaded.story;
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  return `story/ has ${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${errors[0]?.message ?? '?'})`;
}

/** The title the first frame shows: the story's own, read from story.yaml even when the story has errors. */
async function storyTitle(root: string, story: Story | string): Promise<string> {
  if (typeof story !== 'string') return story.title;
  const data = parse(await readFile(join(root, 'story', 'story.yaml'), 'utf8')) as { title?: unknown } | null;
  return typeof data?.title === 'string' ? data.title : 'hyosan';
}

/** Runs the benchmarks; the report. */
export async function runBench(root: string, options: Options, log: (line: string) => void): Promise<BenchReport> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const tmp = await mkdtemp(join(tmpdir(), 'hyosan-bench-'));
  const ctx: BenchContext = { root, cli: join(root, 'dist', 'cli.js'), tmp, quick: options.quick, log };
  const rows: Row[] = [];
  try {
    const story = await shippedStory(root);
    if (typeof story === 'string') log(`the shipped story does not load: ${story}`);
    let played: PlayedGame | undefined;
    const game = (): PlayedGame | undefined => {
      if (typeof story !== 'string') played ??= longestGame(story, options.quick ? 30 : 300);
      return played;
    };
    const want = (s: Section) => options.only.has(s);
    if (want('startup')) rows.push(...(await startupRows(ctx, await storyTitle(root, story))));
    if (want('story')) rows.push(...(await storyLoadRows(ctx)));
    if (want('engine')) rows.push(...(await engineRows(ctx, story)));
    if (want('scale')) rows.push(...(await scaleRows(ctx)));
    if (want('saves')) rows.push(...(await saveRows(ctx, story, game())));
    if (want('memory')) rows.push(...(await memoryRows(ctx, story, game())));
    if (want('install')) rows.push(...(await installRows(ctx)));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const cpu = cpus()[0]?.model ?? 'unknown';
  return {
    date: new Date().toISOString(),
    quick: options.quick,
    machine: {
      cpu,
      cores: availableParallelism(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadBefore,
      loadAfter: loadavg()[0] ?? Number.NaN,
    },
    rows,
  };
}

/** The report as text: the machine, then the table. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const load = `load average ${m.loadBefore.toFixed(2)} before, ${m.loadAfter.toFixed(2)} after`;
  return [
    `hyosan bench${report.quick ? ' --quick (tiny sizes: a smoke run, not a measurement)' : ''} — ${report.date}`,
    `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}; ${load}`,
    '',
    formatTable(report.rows),
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const report = await runBench(root, options, (line) => process.stderr.write(`bench: ${line}\n`));
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
}
