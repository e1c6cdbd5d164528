/**
 * Starts the Ink screen on a terminal that `onFullScreen` has opened. The
 * command line imports this module lazily, so plain mode and `check` never
 * evaluate React or Ink.
 */

import { render } from 'ink';
import { App, type AppProps } from './App.js';
import type { TerminalIo } from './full-screen.js';

// Back to the top left, where a frame painted before Ink loaded begins: Ink's
// first frame, the same lines, is drawn over it.
const CURSOR_HOME = '\u001B[H';

/** Plays on the Ink screen until the player leaves; resolves to the exit code, rejects if the screen fails. */
export async function playInk(props: AppProps, io: TerminalIo, painted: boolean): Promise<number> {
  if (painted) io.stdout.write(CURSOR_HOME);
  // The command line only gets here when stdin and stdout are terminals, so
  // these are the process's TTY streams that Ink's types ask for.
  const instance = render(<App {...props} />, {
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    // Ctrl+C reaches the screen's reducer, which autosaves before leaving.
    exitOnCtrlC: false,
  });
  const result = await instance.waitUntilExit();
  return typeof result === 'number' ? result : 0;
}
