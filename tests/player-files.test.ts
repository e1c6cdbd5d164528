/**
 * Issue 15, item 2: the player's files (player/endings.json,
 * player/settings.json) are read like any file someone else may have put
 * there: a FIFO or a device in their place is passed over, never waited on.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFoundEndings, readSettings } from '../src/cli/profile.js';
import { DEFAULT_SETTINGS } from '../src/ui/ports.js';
import { runHyosan } from './helpers/run-cli.js';

function saveDirWithFifos(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyosan-player-fifo-'));
  mkdirSync(join(dir, 'player'));
  execFileSync('mkfifo', [join(dir, 'player', 'endings.json')]);
  symlinkSync('/dev/zero', join(dir, 'player', 'settings.json'));
  return dir;
}

describe("the player's files", () => {
  it('a FIFO or a device in their place reads as empty, at once', async () => {
    const dir = saveDirWithFifos();
    expect(await readFoundEndings(join(dir, 'player'), 'cli-test')).toEqual([]);
    expect(await readSettings(join(dir, 'player'))).toEqual(DEFAULT_SETTINGS);
  });

  it('a plain game over such a save folder plays to its end instead of hanging', () => {
    const run = runHyosan(['--story', 'tests/fixtures/cli-story', '--plain', '--seed', '3'], {
      input: '1\n',
      env: { HYOSAN_SAVE_DIR: saveDirWithFifos() },
      timeout: 15_000,
    });
    expect(run.signal).toBeNull();
    expect(run.stdout).toContain('The Gym Door');
  });
});
