/**
 * The command line's grammar: `hyosan [COMMAND] [OPTIONS]` parsed by hand
 * into a `Command`, or a `UsageError` a person can act on. Nothing here reads
 * `process`; `main.ts` passes the arguments in.
 */

import { closest } from '../story/suggest.js';
import { isSetupOption, setupArgsProblem, SETUP_OPTIONS, type SetupArg } from './setup-options.js';

/** Options for playing a game (the default command). */
export interface PlayOptions {
  /** The PRNG seed; random when absent. */
  readonly seed?: number;
  /** Force the line-by-line mode. */
  readonly plain: boolean;
  /** A story folder to play instead of the shipped story. */
  readonly story?: string;
  /** A scene to start at instead of the story's start (for authors). */
  readonly startAt?: string;
  /** How to set up the game begun at `startAt` (`--set`, `--give`…), as given, in order. */
  readonly setup?: readonly SetupArg[];
  /** A file to append a transcript of the game to. */
  readonly transcript?: string;
  /** Resume the latest save. */
  readonly continue: boolean;
  /** A save slot or file to load. */
  readonly load?: string;
  /** Where saves go (else HYOSAN_SAVE_DIR, else the user's data folder). */
  readonly saveDir?: string;
  /** Reload the `--story` folder when its files change. */
  readonly watch: boolean;
}

/** What the player asked the command line to do. */
export type Command =
  | { readonly kind: 'play'; readonly options: PlayOptions }
  | {
      readonly kind: 'check';
      readonly dir?: string;
      readonly json: boolean;
      readonly strict: boolean;
    }
  /** A command with a grammar of its own: `argv` is everything after its name, for its own parser. */
  | { readonly kind: ToolCommand; readonly argv: readonly string[] }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

/** A mistake on the command line; `message` is one line without the `hyosan: ` prefix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The result of parsing: a command, or the usage error to report. */
export type ParseResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly error: UsageError };

/** The subcommands, in the order `--help` lists them. */
export const COMMANDS = ['check', 'graph', 'randomtest', 'new', 'saves', 'help', 'version'] as const;

/** The commands that parse their own options (see their `*-command.ts`). */
export type ToolCommand = 'graph' | 'randomtest' | 'new' | 'saves';

const PLAY_VALUE_OPTIONS = ['--seed', '--story', '--start-at', '--transcript', '--load', '--save-dir'] as const;
const PLAY_FLAG_OPTIONS = ['--plain', '--continue', '--watch'] as const;
const CHECK_FLAG_OPTIONS = ['--json', '--strict'] as const;
const GLOBAL_OPTIONS = ['--help', '--version'] as const;

const MAX_SEED = 0xffff_ffff;

/** Parses the arguments after `hyosan` (i.e. `process.argv.slice(2)`). */
export function parseArgs(argv: readonly string[]): ParseResult {
  try {
    return { ok: true, command: parseOrThrow(argv) };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error };
    throw error;
  }
}

/** Parses a seed: a whole decimal number from 0 to 4294967295. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= MAX_SEED ? value : undefined;
}

function parseOrThrow(argv: readonly string[]): Command {
  const tokens = splitEquals(argv);
  // --help and --version win wherever they appear, like most tools.
  if (tokens.some((t) => t.text === '--help' || t.text === '-h')) return { kind: 'help' };
  if (tokens.some((t) => t.text === '--version' || t.text === '-v' || t.text === '-V')) {
    return { kind: 'version' };
  }
  const first = tokens[0];
  if (first === undefined || first.text.startsWith('-')) {
    return { kind: 'play', options: parsePlayOptions(tokens) };
  }
  const rest = tokens.slice(1);
  switch (first.text) {
    case 'check':
      return parseCheck(rest);
    case 'graph':
    case 'randomtest':
    case 'new':
    case 'saves':
      return { kind: first.text, argv: argv.slice(1) };
    case 'help':
      return { kind: 'help' };
    case 'version':
      return { kind: 'version' };
    default: {
      const guess = closest(first.text, COMMANDS);
      throw new UsageError(
        `unknown command '${first.text}'${guess === undefined ? '' : ` (did you mean ${guess}?)`}`,
      );
    }
  }
}

/** One argument; `inline` is set when it came from `--name=value`. */
interface Token {
  readonly text: string;
  readonly inline?: string;
}

function splitEquals(argv: readonly string[]): Token[] {
  return argv.map((arg) => {
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 2) return { text: arg.slice(0, eq), inline: arg.slice(eq + 1) };
    return { text: arg };
  });
}

function parsePlayOptions(tokens: readonly Token[]): PlayOptions {
  let seed: number | undefined;
  let plain = false;
  let cont = false;
  let watch = false;
  const values: Partial<Record<(typeof PLAY_VALUE_OPTIONS)[number], string>> = {};
  const setup: SetupArg[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const name = token.text;
    if (isSetupOption(name)) {
      const value = token.inline ?? tokens[++i]?.text;
      if (value === undefined || value === '') throw new UsageError(`option '${name}' needs a value`);
      setup.push({ option: name, value });
      continue;
    }
    if (isOneOf(name, PLAY_FLAG_OPTIONS)) {
      if (token.inline !== undefined) throw new UsageError(`option '${name}' takes no value`);
      if (name === '--plain') plain = true;
      else if (name === '--watch') watch = true;
      else cont = true;
      continue;
    }
    if (isOneOf(name, PLAY_VALUE_OPTIONS)) {
      const value = token.inline ?? tokens[++i]?.text;
      if (value === undefined || value === '') throw new UsageError(`option '${name}' needs a value`);
      if (name === '--seed') {
        seed = parseSeed(value);
        if (seed === undefined) {
          throw new UsageError(`--seed needs a whole number from 0 to ${MAX_SEED}, not '${value}'`);
        }
      }
      values[name] = value;
      continue;
    }
    throw unknownArgument(name, [...PLAY_VALUE_OPTIONS, ...PLAY_FLAG_OPTIONS, ...SETUP_OPTIONS, ...GLOBAL_OPTIONS]);
  }
  const resumes = cont ? '--continue' : values['--load'] === undefined ? undefined : '--load';
  const problem = setupArgsProblem(setup, values['--start-at'], resumes);
  if (problem !== undefined) throw new UsageError(problem);
  return {
    ...(seed === undefined ? {} : { seed }),
    plain,
    continue: cont,
    watch,
    ...(values['--story'] === undefined ? {} : { story: values['--story'] }),
    ...(values['--start-at'] === undefined ? {} : { startAt: values['--start-at'] }),
    ...(setup.length === 0 ? {} : { setup }),
    ...(values['--transcript'] === undefined ? {} : { transcript: values['--transcript'] }),
    ...(values['--load'] === undefined ? {} : { load: values['--load'] }),
    ...(values['--save-dir'] === undefined ? {} : { saveDir: values['--save-dir'] }),
  };
}

function parseCheck(tokens: readonly Token[]): Command {
  let dir: string | undefined;
  let json = false;
  let strict = false;
  for (const token of tokens) {
    if (isOneOf(token.text, CHECK_FLAG_OPTIONS)) {
      if (token.inline !== undefined) throw new UsageError(`option '${token.text}' takes no value`);
      if (token.text === '--json') json = true;
      else strict = true;
    } else if (token.text.startsWith('-') && token.text !== '-') {
      throw unknownArgument(token.text, [...CHECK_FLAG_OPTIONS, ...GLOBAL_OPTIONS]);
    } else if (dir === undefined) {
      dir = token.text;
    } else {
      throw new UsageError(`check takes one story folder, got '${dir}' and '${token.text}'`);
    }
  }
  return dir === undefined ? { kind: 'check', json, strict } : { kind: 'check', dir, json, strict };
}

function unknownArgument(text: string, known: readonly string[]): UsageError {
  if (!text.startsWith('-')) return new UsageError(`unexpected argument '${text}'`);
  const guess = closest(text, known);
  return new UsageError(`unknown option '${text}'${guess === undefined ? '' : ` (did you mean ${guess}?)`}`);
}

function isOneOf<T extends string>(text: string, options: readonly T[]): text is T {
  return (options as readonly string[]).includes(text);
}
