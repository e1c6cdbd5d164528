/**
 * `hyosan graph [DIR] [--format mermaid|dot] [--only PREFIX] [--focus SCENE
 * [--depth N]] [--coverage [-n N] [--seed S]]`: prints the scene graph, or a
 * part of it. View it with Graphviz
 * (`hyosan graph --format dot | dot -Tsvg > story.svg`) or paste the Mermaid
 * text into a Markdown file or https://mermaid.live.
 */
import { GRAPH_FORMATS, mermaidOverLimits, storyGraph, type GraphFormat } from '../tools/graph.js';
import { DEFAULT_FOCUS_DEPTH, GraphPartError, graphPart, type GraphPartOptions } from '../tools/graph-part.js';
import { formatProblem } from '../story/problem.js';
import { DEFAULT_MAX_STEPS } from '../tools/randomtest.js';
import { coverageOf } from '../tools/randomtest-report.js';
import { UsageError } from './args.js';
import { DEFAULT_SEED, playRun } from './randomtest-command.js';
import { loadStory } from './story-source.js';
import { parseToolArgs, wholeNumber, type AuthorToolIo } from './tool-args.js';

/** Games played for `--coverage` unless `-n` says otherwise. */
export const COVERAGE_RUNS = 2000;

/** `graph`'s options, parsed. */
export interface GraphOptions {
  readonly dir?: string;
  /** Pack folders drawn with the story, each in a box of its own (`--pack DIR`). */
  readonly packs: readonly string[];
  readonly format: GraphFormat;
  /** Colour the scenes a randomtest of `runs` games never reached. */
  readonly coverage: boolean;
  readonly runs: number;
  readonly seed: number;
  /** The part of the map to draw (`--only`, `--focus`, `--depth`); empty for all of it. */
  readonly part: GraphPartOptions;
}

/** Parses the arguments after `graph`. */
export function parseGraphArgs(argv: readonly string[]): GraphOptions {
  const args = parseToolArgs(argv, {
    command: 'graph',
    flags: ['--coverage'],
    values: ['--format', '--runs', '--seed', '--only', '--focus', '--depth', '--pack'],
    aliases: { '-n': '--runs', '-f': '--format' },
    maxPositionals: 1,
  });
  const format = args.values.get('--format') ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format is one of ${GRAPH_FORMATS.join(', ')}, not '${format}'`);
  }
  const dir = args.positionals[0];
  const only = args.values.get('--only');
  const focus = args.values.get('--focus');
  const depth = wholeNumber('--depth', args.values.get('--depth'), 0, 1000);
  if (depth !== undefined && focus === undefined) throw new UsageError('--depth goes with --focus SCENE');
  if (only === '') throw new UsageError('--only needs the start of a scene id, for example --only s1.');
  return {
    part: {
      ...(only === undefined ? {} : { only }),
      ...(focus === undefined ? {} : { focus, depth: depth ?? DEFAULT_FOCUS_DEPTH }),
    },
    ...(dir === undefined ? {} : { dir }),
    packs: args.lists.get('--pack') ?? [],
    format: format as GraphFormat,
    coverage: args.flags.has('--coverage'),
    runs: wholeNumber('-n', args.values.get('--runs'), 1, 10_000_000) ?? COVERAGE_RUNS,
    seed: wholeNumber('--seed', args.values.get('--seed'), 0, 0xffff_ffff) ?? DEFAULT_SEED,
  };
}

/** Runs `graph` with the arguments after the command's name; resolves to the exit code. */
export async function graphCommand(argv: readonly string[], io: AuthorToolIo): Promise<number> {
  const opts = parseGraphArgs(argv);
  const { result: loaded } = await loadStory(opts.dir, io.shippedStory, opts.packs);
  const story = loaded.story;
  if (story === undefined) {
    for (const p of loaded.problems) if (p.severity === 'error') io.stderr.write(`${formatProblem(p)}\n`);
    io.stderr.write(`hyosan: graph needs a story without errors (see 'hyosan check').\n`);
    return 1;
  }
  let part;
  if (opts.part.only !== undefined || opts.part.focus !== undefined) {
    try {
      part = graphPart(story, opts.part);
    } catch (err) {
      if (err instanceof GraphPartError) throw new UsageError(err.message);
      throw err;
    }
  }
  let coverage;
  if (opts.coverage) {
    const part = await playRun(
      story,
      { ...(opts.dir !== undefined ? { dir: opts.dir } : { shipped: true as const }), packs: opts.packs },
      { runs: opts.runs, seed: opts.seed, maxSteps: DEFAULT_MAX_STEPS },
      io,
    );
    coverage = coverageOf(part);
  }
  const text = storyGraph(story, opts.format, coverage, part);
  io.stdout.write(text);
  const over = opts.format === 'mermaid' ? mermaidOverLimits(text) : '';
  if (over !== '') {
    io.stderr.write(
      `hyosan: this diagram has ${over}, so Mermaid will refuse to draw it with its default settings.\n` +
        `  Draw a part of it: --only s1. (a prefix of scene ids) or --focus SCENE --depth 2,\n` +
        `  use --format dot with Graphviz, or raise the limits where you render it:\n` +
        `  mermaid.initialize({ maxTextSize: 200000, maxEdges: 2000 }) on the page that draws it.\n`,
    );
  }
  return 0;
}
