/**
 * A resized terminal shows exactly what a fresh start at the new size shows:
 * no row of an old frame left behind, nothing shifted. Terminals differ in
 * what a resize does to the rows already drawn (tmux, like many, re-wraps
 * the ones that no longer fit), so these run the built game in tmux, resize
 * its window, and compare the screen tmux shows with a fresh start's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt } from './helpers/built-game.js';


function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// A server of our own: the player's tmux sessions are never touched.
const socket = `hyosan-resize-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
let saveDir: string;
let sessions = 0;

/** Starts the game in a new tmux window of the given size; returns the session's name. */
function start(columns: number, rows: number, args: readonly string[]): string {
  const name = `s${++sessions}`;
  // Under CI=true Ink draws only its last frame, at exit: run as in a player's terminal.
  const command = ['env', '-u', 'CI', `HYOSAN_SAVE_DIR=${saveDir}`, process.execPath, cli, ...args]
    .map((w) => `'${w.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `${command}; sleep 60`);
  return name;
}

const screenOf = (name: string): string => tmux('capture-pane', '-p', '-t', name);

/** Polls the screen until `done` holds; fails with the last screen after `timeoutMs`. */
async function waitForScreen(name: string, done: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = screenOf(name);
    if (done(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`the screen never matched; it shows:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a fresh start at this size shows, once drawn. */
async function freshScreen(columns: number, rows: number, args: readonly string[], drawn: string): Promise<string> {
  const name = start(columns, rows, args);
  try {
    await waitForScreen(name, (s) => s.includes(drawn));
    // Ink may draw once more as it settles: wait until two looks agree.
    let last = '';
    return await waitForScreen(name, (s) => {
      const same = s === last;
      last = s;
      return same;
    });
  } finally {
    tmux('kill-session', '-t', name);
  }
}

/** Resizes a running game step by step; after each, its screen must come to equal a fresh start's at that size. */
async function expectResizesLikeFreshStarts(args: readonly string[], drawn: string, sizes: readonly (readonly [number, number])[]) {
  const [[columns, rows], ...rest] = sizes as [readonly [number, number], ...(readonly [number, number])[]];
  const name = start(columns, rows, args);
  try {
    await waitForScreen(name, (s) => s.includes(drawn));
    for (const [c, r] of rest) {
      const fresh = await freshScreen(c, r, args, drawn);
      tmux('resize-window', '-t', name, '-x', String(c), '-y', String(r));
      let shown = '';
      await waitForScreen(name, (s) => (shown = s) === fresh).catch(() => {
        expect(`${c}×${r}:\n${shown}`).toBe(`${c}×${r}:\n${fresh}`);
      });
    }
  } finally {
    tmux('kill-session', '-t', name);
  }
}

describe.skipIf(!hasTmux())('a resized terminal (in tmux)', () => {
  beforeAll(() => {
    ensureBuilt();
    saveDir = mkdtempSync(join(tmpdir(), 'hyosan-resize-'));
  });

  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // No session was left running.
    }
    rmSync(saveDir, { recursive: true, force: true });
  });

  const bridge = ['--start-at', 's1.city-fork', '--seed', '3'];

  it('narrowed from 80 to 70 columns beside the status panel, then widened back, equals a fresh start', async () => {
    await expectResizesLikeFreshStarts(bridge, 'The Bridge or the Mountain', [
      [80, 24],
      [70, 24],
      [80, 24],
    ]);
  });

  it('made taller and wider, then narrowed below 60 columns and shorter, equals a fresh start each time', async () => {
    await expectResizesLikeFreshStarts(bridge, 'The Bridge or the Mountain', [
      [80, 24],
      [120, 40],
      [50, 20],
      [100, 30],
    ]);
  });

  it('on the title screen equals a fresh start', async () => {
    await expectResizesLikeFreshStarts(['--seed', '3'], 'New game', [
      [80, 24],
      [64, 20],
      [90, 30],
    ]);
  });
});
