/**
 * Running the built command line (dist/cli.js) as a player or an author
 * would: piped input (so never a terminal), no colour, and a save folder of
 * its own, never the user's data folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
/** The built command line. */
export const CLI = join(ROOT, 'dist', 'cli.js');

/** A new empty folder for saves. */
export function tempSaveDir(): string {
  return mkdtempSync(join(tmpdir(), 'hyosan-cli-'));
}

/** Builds dist/ when a test file runs alone (`npm test` builds it first). */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
}

/** The environment a run gets: no colour, saves in `saveDir`. */
export function cliEnv(saveDir: string): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', HYOSAN_SAVE_DIR: saveDir };
}

/** Runs `hyosan ARGS` with `input` on stdin, in the repository's root; collects everything. */
export function runBuiltCli(args: readonly string[], input = '', saveDir = tempSaveDir()) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: cliEnv(saveDir),
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, saveDir };
}
