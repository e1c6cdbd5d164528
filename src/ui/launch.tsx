/**
 * Starts the Ink screen. The command line imports this module lazily, so
 * plain mode and `check` never evaluate React or Ink.
 */

import { render } from 'ink';
import type { Readable, Writable } from 'node:stream';
import { App, type AppProps } from './App.js';

/** The terminal the screen draws on. */
export interface InkIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable;
}

// The terminal's alternate screen, as full-screen programs use: the game
// draws on a clean page, a resize never scrolls old frames into view, and
// leaving puts back the shell's screen exactly as it was.
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

/** Plays on the Ink screen until the player leaves; resolves to the exit code. */
export async function playInk(props: AppProps, io: InkIo): Promise<number> {
  const alternate = io.stdout.isTTY === true;
  // A key pressed before Ink starts listening would be echoed by the terminal
  // and push every frame down a line; raw mode from here on keeps it for Ink
  // (which turns raw mode off again when it exits).
  (io.stdin as Partial<NodeJS.ReadStream>).setRawMode?.(true);
  if (alternate) io.stdout.write(ENTER_ALTERNATE_SCREEN);
  // The command line only gets here when stdin and stdout are terminals, so
  // these are the process's TTY streams that Ink's types ask for.
  const instance = render(<App {...props} />, {
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    // Ctrl+C reaches the screen's reducer, which autosaves before leaving.
    exitOnCtrlC: false,
  });
  let failure: unknown;
  let code = 0;
  try {
    const result = await instance.waitUntilExit();
    code = typeof result === 'number' ? result : 0;
  } catch (error) {
    failure = error;
    code = 1;
  } finally {
    (io.stdin as Partial<NodeJS.ReadStream>).setRawMode?.(false);
    if (alternate) io.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
  // Written after leaving the alternate screen, or the player would never see it.
  if (failure !== undefined) io.stderr.write(`hyosan: ${failure instanceof Error ? failure.message : String(failure)}\n`);
  return code;
}
