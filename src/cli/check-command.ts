/**
 * `hyosan check [DIR] [--json] [--strict]`: loads a story, runs the static
 * analyses when it loaded, and reports every problem as
 * `path:line:col: severity: message`, grouped under a line per file, then a
 * summary; or, with `--json`, one object `{ ok, problems, stats }`.
 * Exit 1 on errors (or on warnings with `--strict`), else 0.
 */
import type { Writable } from 'node:stream';
import { oneLine, terminalJson } from '../engine/control-chars.js';
import { analyzeStory } from '../tools/analyze.js';
import type { LoadResult } from '../story/load.js';
import { formatProblem, sortProblems, type Problem } from '../story/problem.js';
import { hasWorkingStory, loadStory } from './story-source.js';

/** What to check and how to report it. */
export interface CheckCommandOptions {
  /** The story folder; when absent, the shipped story is checked. */
  readonly dir?: string;
  readonly json: boolean;
  /** Warnings fail the check too. */
  readonly strict: boolean;
}

/** Where `check` writes, and the shipped story (see `CliContext`). */
export interface CheckCommandIo {
  readonly stdout: Writable;
  readonly shippedStory: () => Promise<LoadResult>;
  /** The folder the command runs in (default: the process's), where an author's `story/` may be. */
  readonly cwd?: string;
}

/**
 * Runs `check`; resolves to the exit code. The shipped story is checked from
 * what the build precompiled: it carries the loader's warnings, the story's
 * size and where each scene and choice was written, so the report is the
 * one its YAML gives.
 */
export async function checkCommand(opts: CheckCommandOptions, io: CheckCommandIo): Promise<number> {
  const { label, result } = await loadStory(opts.dir, io.shippedStory);
  const report = checkReport(result, label, opts);
  io.stdout.write(report.text);
  if (opts.dir === undefined && !opts.json && hasWorkingStory(io.cwd)) {
    io.stdout.write('(That is the story hyosan was built with. To check your working files: hyosan check story)\n');
  }
  return report.exitCode;
}

/** The report for a load result: the text to print and the exit code. */
export function checkReport(
  loaded: LoadResult,
  label: string,
  opts: { readonly json: boolean; readonly strict: boolean },
): { text: string; exitCode: 0 | 1 } {
  const analysis = loaded.story === undefined ? [] : analyzeStory(loaded.story);
  const problems = sortProblems([...loaded.problems, ...analysis]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const failed = loaded.story === undefined || errors > 0 || (opts.strict && warnings > 0);
  const exitCode = failed ? 1 : 0;
  const { scenes, choices, endings, words } = loaded.stats;
  if (opts.json) {
    const json = {
      ok: !failed,
      problems: problems.map(({ file, line, col, severity, message, cause }) =>
        cause === undefined ? { file, line, col, severity, message } : { file, line, col, severity, message, cause },
      ),
      stats: { scenes, choices, endings, words },
    };
    return { text: `${terminalJson(json, 2)}\n`, exitCode };
  }
  const lines: string[] = [];
  for (const [file, inFile] of groupByFile(problems)) {
    lines.push(`${oneLine(file)} (${tally(inFile)})`);
    for (const p of inFile) lines.push(formatProblem(p));
    lines.push('');
  }
  const size = [count(scenes, 'scene'), count(choices, 'choice'), count(endings, 'ending'), count(words, 'word')];
  const verdict = problems.length === 0 ? 'no problems' : tally(problems);
  const strictNote = opts.strict && errors === 0 && warnings > 0 ? ' (--strict: warnings fail)' : '';
  lines.push(`${label}: ${size.join(', ')} — ${verdict}${strictNote}`);
  return { text: `${lines.join('\n')}\n`, exitCode };
}

/**
 * Problems by file, files in sorted order, each file's problems in line
 * order; files whose only problems follow from another file's (which could
 * not be read) come last, so the cause is read first.
 */
function groupByFile(problems: readonly Problem[]): Map<string, Problem[]> {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = groups.get(p.file) ?? [];
    list.push(p);
    groups.set(p.file, list);
  }
  const onlyFollowOn = (list: readonly Problem[]) => list.every((p) => p.cause !== undefined);
  return new Map([...groups].sort(([, a], [, b]) => Number(onlyFollowOn(a)) - Number(onlyFollowOn(b))));
}

/** `2 errors, 1 warning`. */
function tally(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return [errors > 0 ? count(errors, 'error') : '', warnings > 0 ? count(warnings, 'warning') : '']
    .filter((s) => s !== '')
    .join(', ');
}

/** `1 scene`, `4,210 words`. */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
