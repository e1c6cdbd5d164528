/**
 * `--transcript FILE`: a copy of the game as text, appended to FILE like an
 * interactive-fiction interpreter's SCRIPT command: everything shown and
 * every choice made. Writes are synchronous and small, so the file is
 * complete up to the last line even if the game is killed.
 */

import { closeSync, openSync, writeSync } from 'node:fs';
import { escapeUnsafe } from '../engine/control-chars.js';

/** An open transcript file. */
export interface Transcript {
  /** Appends text as it is. */
  write(text: string): void;
  /** Closes the file (later writes are dropped). */
  close(): void;
}

/** Opens `file` for appending; an error message a player can act on when it cannot be. */
export function openTranscript(file: string): Transcript | string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `cannot write the transcript to '${file}' (${code}); choose another file with --transcript`;
  }
  let broken = false;
  return {
    write(text) {
      if (fd === undefined || broken || text === '') return;
      try {
        // A loaded save or a typed answer is already clean; this is the last line of defence.
        writeSync(fd, escapeUnsafe(text));
      } catch {
        // A full disk must not stop the game; the transcript just ends here.
        broken = true;
      }
    },
    close() {
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
    },
  };
}

/** The line that opens each game in a transcript. */
export function transcriptHeading(storyTitle: string, seed: number | undefined, when: Date): string {
  const game = seed === undefined ? '' : `, seed ${seed}`;
  return `\n=== hyosan transcript: ${storyTitle}${game}, started ${when.toISOString()} ===\n\n`;
}
