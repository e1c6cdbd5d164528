/**
 * Issue 15, item 6: the save made as the player leaves (quitting, the end
 * of input) is the one no screen is left to report. When it fails, the
 * player is told on stderr and hyosan exits non-zero.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHyosan } from './helpers/run-cli.js';

const story = 'tests/fixtures/cli-story';

describe('a last save that fails', () => {
  it('is reported after the game, with exit status 1', () => {
    // A save folder inside a file can never be written, whoever runs the test.
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-leave-')), 'not-a-folder');
    writeFileSync(file, 'x');
    for (const input of ['', 'quit\n']) {
      const run = runHyosan(['--story', story, '--plain', '--seed', '3'], { input, env: { HYOSAN_SAVE_DIR: join(file, 'saves') } });
      expect(run.stdout).toContain('The Gym Door');
      expect(run.stderr).toMatch(/^hyosan: Autosave failed: .*could not be written \(ENOTDIR\).* Your last choices were not saved\.\n$/);
      expect(run.status).toBe(1);
    }
  });

  it('is not reported when the save worked', () => {
    const run = runHyosan(['--story', story, '--plain', '--seed', '3'], {
      input: 'quit\n',
      env: { HYOSAN_SAVE_DIR: mkdtempSync(join(tmpdir(), 'hyosan-leave-ok-')) },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
