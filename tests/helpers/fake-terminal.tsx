/**
 * A fake terminal for the Ink screen with a chosen size, which can be
 * resized, and access to the app's exit code. ink-testing-library's own
 * terminal is always 100 columns with no height; this one is for the tests
 * that need another width, paging, a resize or the exit.
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

/** Renders `tree` on a terminal `columns` wide and `rows` high (no height limit when undefined). */
export function renderOnTerminal(tree: ReactElement, columns: number, rows?: number) {
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    frames: [] as string[],
    write(frame: string) {
      // A repaint after a resize clears the screen first; in debug mode Ink
      // writes the clear alone (it keeps no last frame to restore), and the
      // frame that follows is what a terminal would show.
      const shown = frame.replace(/^\u001B\[2J\u001B\[H/, '');
      if (shown !== '') stdout.frames.push(shown);
      return true;
    },
  });
  let pending: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setEncoding() {},
    setRawMode() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read() {
      const data = pending;
      pending = null;
      return data;
    },
    write(data: string) {
      pending = data;
      stdin.emit('readable');
    },
  });
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    instance,
    stdin,
    lastFrame: () => stdout.frames.at(-1),
    /** Changes the terminal's size, as a terminal window being resized does. */
    resize(newColumns: number, newRows?: number) {
      stdout.columns = newColumns;
      stdout.rows = newRows;
      stdout.emit('resize');
    },
  };
}

/** Polls the latest frame until `test` holds; fails with the frame after `timeoutMs`. No fixed sleeps. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  test: string | ((frame: string) => boolean),
  timeoutMs = 3000,
): Promise<string> {
  const holds = typeof test === 'string' ? (f: string) => f.includes(test) : test;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (holds(frame)) return frame;
    if (Date.now() > deadline) {
      throw new Error(`no frame matched ${typeof test === 'string' ? JSON.stringify(test) : 'the test'}; last frame:\n${frame}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves once `check` holds (a port was called), polling without fixed sleeps. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
