/**
 * Leaving a game in a real terminal says, in one line once the shell's
 * screen is back, that the game was saved and how to go on with it: after
 * `q` and Ctrl+C on the Ink screen, and after Ctrl+C in plain mode, where
 * the `> ` prompt's line is ended first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PtyProcess, stripAnsi } from '../bench/pty.js';
import { cli, ensureBuilt, playerEnv, root } from './helpers/built-game.js';

const gym = 'tests/fixtures/cli-story';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
let saveDir: string;

beforeAll(ensureBuilt);

beforeEach(async () => {
  saveDir = await mkdtemp(join(tmpdir(), 'hyosan-leave-'));
});

afterEach(async () => {
  await rm(saveDir, { recursive: true, force: true });
});

/** Runs the game in a pty until `ready` shows, types `keys`, and returns what followed the full screen, and the exit code. */
async function leave(args: readonly string[], ready: string, keys: string): Promise<{ after: string; all: string; code: number | null }> {
  const pty = new PtyProcess([process.execPath, cli, ...args], playerEnv(saveDir), root);
  try {
    expect(await pty.waitFor((out) => stripAnsi(out).includes(ready), 20_000)).toBeDefined();
    pty.type(keys);
    const code = await pty.exitCode();
    const at = pty.output.lastIndexOf(LEAVE_ALTERNATE_SCREEN);
    return { after: at < 0 ? '' : pty.output.slice(at + LEAVE_ALTERNATE_SCREEN.length), all: pty.output, code };
  } finally {
    await pty.stop();
  }
}

// The game is run as `node dist/cli.js` from the repository's root.
const SAVED = `Saved — node dist/cli.js --story ${gym} --continue to resume`;

describe('leaving the Ink screen', () => {
  it.each([
    ['q', 'q'],
    ['Ctrl+C', '\u0003'],
  ])('with %s prints one line after the screen is restored: saved, and how to resume', async (_name, key) => {
    const { after, code } = await leave(['--story', gym, '--seed', '1', '--start-at', 'gym.door'], 'Listen at the door', key);
    expect(code).toBe(0);
    expect(stripAnsi(after).trim()).toBe(SAVED);
  });

  it('says nothing when it is left from the title screen, where there was no game to save', async () => {
    const { after, code } = await leave(['--story', gym, '--seed', '1'], 'New game', 'q');
    expect(code).toBe(0);
    expect(stripAnsi(after).trim()).toBe('');
  });
});

describe('Ctrl+C in plain mode', () => {
  it('ends the "> " line, saves, and says how to resume', async () => {
    const { all, code } = await leave(['--plain', '--story', gym, '--seed', '1'], '> ', '\u0003');
    expect(code).toBe(0);
    const text = stripAnsi(all).replace(/\r/g, '');
    // The terminal echoes ^C after the prompt; the game ends that line before its own.
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['> ^C', SAVED]);
  });
});
