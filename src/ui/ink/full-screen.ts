/**
 * The terminal as the Ink screen uses it, opened before Ink is loaded: raw
 * mode, so a key pressed early is kept for the screen rather than echoed
 * (which would push every frame down a line), and the alternate screen, as
 * full-screen programs use: the game draws on a clean page, a resize never
 * scrolls old frames into view, and leaving puts back the shell's screen
 * exactly as it was. No Ink here: this module runs before Ink is imported.
 */
import type { Readable, Writable } from 'node:stream';

/** The terminal the screen draws on. */
export interface TerminalIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable;
}

// The alternate screen, with the terminal's line wrapping off: every row the
// game draws fits the width, and after a resize a row drawn for the old width
// must stay one row (see use-repaint-on-resize.ts).
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[?7l\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?7h\u001B[?1049l';
const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';

/**
 * Opens the full screen, paints `firstFrame` on it at once if given (what
 * the screen will show first, drawn without Ink), runs the screen, and
 * restores the terminal however the screen ends. `run` is told whether the
 * frame was painted, so it can draw over it from the top. Resolves to the
 * exit code; a screen that fails is reported once the shell's screen is back.
 */
export async function onFullScreen(
  io: TerminalIo,
  firstFrame: string | undefined,
  run: (painted: boolean) => Promise<number>,
): Promise<number> {
  const alternate = io.stdout.isTTY === true;
  setRawMode(io.stdin, true);
  if (alternate) io.stdout.write(ENTER_ALTERNATE_SCREEN);
  const painted = alternate && firstFrame !== undefined;
  if (painted) io.stdout.write(HIDE_CURSOR + firstFrame);
  let failure: unknown;
  let code = 1;
  try {
    code = await run(painted);
  } catch (error) {
    failure = error;
  } finally {
    setRawMode(io.stdin, false);
    if (alternate) io.stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  }
  // Written after leaving the alternate screen, or the player would never see it.
  if (failure !== undefined) io.stderr.write(`hyosan: ${failure instanceof Error ? failure.message : String(failure)}\n`);
  return code;
}

function setRawMode(stdin: Readable, on: boolean): void {
  (stdin as Partial<NodeJS.ReadStream>).setRawMode?.(on);
}
