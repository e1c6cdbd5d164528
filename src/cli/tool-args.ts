/**
 * The small grammar the author tools share (`randomtest`, `graph`, `new`):
 * positional arguments, `--flag`, `--name value` / `--name=value`, and
 * `-n N`-style short aliases. Mistakes become a `UsageError`.
 */
import type { Writable } from 'node:stream';
import type { LoadResult } from '../story/load.js';
import { closest } from '../story/suggest.js';
import { UsageError } from './args.js';

/** What an author tool may use from the outside world (a `CliContext` fits). */
export interface AuthorToolIo {
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean; readonly columns?: number };
  /** The shipped story, loaded (see `CliContext`): used when no folder is given. */
  readonly shippedStory: () => Promise<LoadResult>;
  /** The script a worker thread runs (dist/cli.js's own URL in the bundle); without it, no threads. */
  readonly workerScript?: string | URL;
}

/** What a tool accepts. */
export interface ToolGrammar {
  readonly command: string;
  readonly flags: readonly string[];
  readonly values: readonly string[];
  /** `-n` → `--runs`, for example. */
  readonly aliases?: Readonly<Record<string, string>>;
  readonly maxPositionals: number;
}

/** The arguments as given: positionals in order, flags present, the last value of each option. */
export interface ToolArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  /** Every value of each option, in order, for options that may be repeated. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

/** Parses `argv` (the arguments after the command's name). */
export function parseToolArgs(argv: readonly string[], grammar: ToolGrammar): ToolArgs {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const known = [...grammar.flags, ...grammar.values, ...Object.keys(grammar.aliases ?? {}), '--help'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      if (positionals.length >= grammar.maxPositionals) {
        throw new UsageError(`${grammar.command}: unexpected argument '${arg}'`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const given = eq > 2 ? arg.slice(0, eq) : arg;
    const name = grammar.aliases?.[given] ?? given;
    if (grammar.flags.includes(name)) {
      if (eq > 2) throw new UsageError(`option '${given}' takes no value`);
      flags.add(name);
    } else if (grammar.values.includes(name)) {
      const value = eq > 2 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option '${given}' needs a value`);
      values.set(name, value);
      lists.set(name, [...(lists.get(name) ?? []), value]);
    } else {
      const guess = closest(given, known);
      throw new UsageError(
        `${grammar.command}: unknown option '${given}'${guess === undefined ? '' : ` (did you mean ${guess}?)`}`,
      );
    }
  }
  return { positionals, flags, values, lists };
}

/** A whole number in [min, max] given to `option`, or a UsageError saying what was expected. */
export function wholeNumber(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${option} needs a whole number from ${min} to ${max}, not '${text}'`);
  }
  return value;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
