/** The built game (dist/cli.js) as the terminal tests run it: built if missing, in a player's environment. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root. */
export const root = join(import.meta.dirname, '..', '..');
/** The built command line. */
export const cli = join(root, 'dist', 'cli.js');

/** Builds the game unless `npm test` already has (call it in `beforeAll`). */
export function ensureBuilt(): void {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
}

/**
 * The game's environment in a player's terminal, saving to `saveDir`: under
 * CI=true (as in CI) Ink draws only its last frame, at exit, so a test would
 * see no frame before it.
 */
export function playerEnv(saveDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, HYOSAN_SAVE_DIR: saveDir };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  return env;
}
