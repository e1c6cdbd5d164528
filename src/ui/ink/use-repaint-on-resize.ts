import { useStdout } from 'ink';
import { useEffect, useRef } from 'react';
import type { TerminalSize } from './layout.js';

// Erase the whole screen and go to its top left.
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * Repaints the whole screen once the screen has been laid out for a new
 * size. Ink erases its last frame line by line upwards from the cursor, which
 * is only right while the terminal keeps the rows as they were drawn; many
 * terminals (tmux among them) re-wrap the rows a resize makes too long, so
 * the frame moved down and an old row stayed above it. Written through Ink,
 * the clear is followed by the frame in full from the top, and Ink's count
 * of the rows on screen is right again. (That frame may still be the one
 * laid out for the old size while Ink holds back a render; the terminal's
 * line wrapping is off on the full screen, so a row too long for the new
 * width is cut, not wrapped onto a row Ink did not count, and the next
 * render replaces it.)
 */
export function useRepaintOnResize(size: TerminalSize): void {
  const { write } = useStdout();
  const drawnAt = useRef(size);
  useEffect(() => {
    // The first frame is drawn on a clean screen already; only a new size repaints.
    if (drawnAt.current.columns === size.columns && drawnAt.current.rows === size.rows) return;
    drawnAt.current = size;
    write(CLEAR_SCREEN);
  }, [size, write]);
}
