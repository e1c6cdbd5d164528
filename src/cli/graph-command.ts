/**
 * `hyosan graph [DIR] [--format mermaid|dot] [--coverage [-n N] [--seed S]]`:
 * prints the scene graph. View it with Graphviz
 * (`hyosan graph --format dot | dot -Tsvg > story.svg`) or paste the Mermaid
 * text into a Markdown file or https://mermaid.live.
 */
import { GRAPH_FORMATS, storyGraph, type GraphFormat } from '../story/graph.js';
import { formatProblem } from '../story/problem.js';
import { coverageOf, DEFAULT_MAX_STEPS } from '../story/randomtest.js';
import { UsageError } from './args.js';
import { DEFAULT_SEED, playRun } from './randomtest-command.js';
import { loadStory } from './story-source.js';
import { parseToolArgs, wholeNumber, type AuthorToolIo } from './tool-args.js';

/** Games played for `--coverage` unless `-n` says otherwise. */
export const COVERAGE_RUNS = 2000;

/** `graph`'s options, parsed. */
export interface GraphOptions {
  readonly dir?: string;
  readonly format: GraphFormat;
  /** Colour the scenes a randomtest of `runs` games never reached. */
  readonly coverage: boolean;
  readonly runs: number;
  readonly seed: number;
}

/** Parses the arguments after `graph`. */
export function parseGraphArgs(argv: readonly string[]): GraphOptions {
  const args = parseToolArgs(argv, {
    command: 'graph',
    flags: ['--coverage'],
    values: ['--format', '--runs', '--seed'],
    aliases: { '-n': '--runs', '-f': '--format' },
    maxPositionals: 1,
  });
  const format = args.values.get('--format') ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format is one of ${GRAPH_FORMATS.join(', ')}, not '${format}'`);
  }
  const dir = args.positionals[0];
  return {
    ...(dir === undefined ? {} : { dir }),
    format: format as GraphFormat,
    coverage: args.flags.has('--coverage'),
    runs: wholeNumber('-n', args.values.get('--runs'), 1, 10_000_000) ?? COVERAGE_RUNS,
    seed: wholeNumber('--seed', args.values.get('--seed'), 0, 0xffff_ffff) ?? DEFAULT_SEED,
  };
}

/** Runs `graph` with the arguments after the command's name; resolves to the exit code. */
export async function graphCommand(argv: readonly string[], io: AuthorToolIo): Promise<number> {
  const opts = parseGraphArgs(argv);
  const { result: loaded } = await loadStory(opts.dir, io.shippedStory);
  const story = loaded.story;
  if (story === undefined) {
    for (const p of loaded.problems) if (p.severity === 'error') io.stderr.write(`${formatProblem(p)}\n`);
    io.stderr.write(`hyosan: graph needs a story without errors (see 'hyosan check').\n`);
    return 1;
  }
  let coverage;
  if (opts.coverage) {
    const part = await playRun(
      story,
      opts.dir !== undefined ? { dir: opts.dir } : { shipped: true },
      { runs: opts.runs, seed: opts.seed, maxSteps: DEFAULT_MAX_STEPS },
      io,
    );
    coverage = coverageOf(part);
  }
  io.stdout.write(storyGraph(story, opts.format, coverage));
  return 0;
}
