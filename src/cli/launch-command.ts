/**
 * How the player started hyosan, as words to type again: the line printed
 * after a game is left says `Saved — npx hyosan --continue to resume`, not
 * `hyosan …` to a player who never installed the `hyosan` command. Pure:
 * main.ts hands it the script path (`process.argv[1]`), the environment and
 * the working folder.
 */

import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/** What is known of how the process was started. */
export interface LaunchFacts {
  /** The script node ran (`process.argv[1]`): `/usr/local/bin/hyosan`, `/home/me/hyosan/dist/cli.js`. */
  readonly script: string | undefined;
  /** The environment: npm says there how it started a command (`npm_lifecycle_event`, `npm_lifecycle_script`, `npm_command`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working folder, which a script path is given relative to. */
  readonly cwd: string;
}

/** The command that starts hyosan when nothing better is known. */
export const PLAIN_LAUNCH = 'hyosan';

/**
 * The command that started hyosan, as the player would type it again:
 * `npx hyosan` (run through npx), `npm run hyosan --` (an npm script that
 * runs the game), `hyosan` (the installed command), `node dist/cli.js` (the
 * script run directly, relative to the working folder when it is inside it);
 * `hyosan` when it cannot be told. npm's variables are inherited by every
 * process it starts, so each is believed only when it names this very
 * program: a game started by a test run under `npm test` or `npx vitest`
 * is none of npm's doing.
 */
export function launchCommand({ script, env, cwd }: LaunchFacts): string {
  const event = env.npm_lifecycle_event;
  const words = commandWords(env.npm_lifecycle_script ?? '');
  // npx runs a package's command as the event `npx`, the command (quoted) as its script, its arguments apart.
  if (event === 'npx' && words[0] !== undefined && /^hyosan(@|$)/.test(words[0])) return 'npx hyosan';
  if (script === undefined || script === '') return PLAIN_LAUNCH;
  const ranScript = words[0] === 'node' && words[1] !== undefined && resolve(cwd, words[1]) === resolve(cwd, script);
  if (event !== undefined && ranScript && (env.npm_command === 'run' || env.npm_command === 'run-script')) {
    return `npm run ${shellWord(event)} --`;
  }
  if (event === 'start' && ranScript && env.npm_command === 'start') return 'npm start --';
  // The installed command: a link named hyosan, or (through Windows' shim) the installed package's own script.
  if (/^hyosan(\.(cmd|ps1|exe))?$/i.test(basename(script)) || /[\\/]node_modules[\\/]hyosan[\\/]/.test(script)) return PLAIN_LAUNCH;
  if (!/\.[cm]?js$/.test(script)) return PLAIN_LAUNCH;
  const inside = relative(cwd, resolve(cwd, script));
  const path = inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside) ? inside : resolve(cwd, script);
  return `node ${shellWord(path)}`;
}

/** A shell command's words, each without the quotes npm puts around it: `'hyosan'` → `hyosan`. */
function commandWords(command: string): string[] {
  return command
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
}

/** A word as a POSIX shell reads it back: quoted when it has anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
