/**
 * `--transcript FILE`: a copy of the game as text, appended to FILE like an
 * interactive-fiction interpreter's SCRIPT command: everything shown and
 * every choice made. Writes are synchronous and small, so the file is
 * complete up to the last line even if the game is killed. FILE must be a
 * regular file (or not exist yet): a FIFO would hang the game and a device
 * such as /dev/full would lose every line. A write that fails stops the
 * transcript, and the player is told when the game ends.
 */

import { closeSync, constants, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import { escapeUnsafe, oneLine } from '../engine/control-chars.js';
import { kindOf } from '../story/regular-file.js';

/** An open transcript file. */
export interface Transcript {
  /** Appends text as it is (control characters written out). */
  write(text: string): void;
  /** Closes the file (later writes are dropped). */
  close(): void;
  /** Why the transcript stopped early (a write failed), as a message for the player; undefined while all is well. */
  readonly failure: string | undefined;
}

/** The file operations a transcript uses (tests pass failing ones). */
export interface TranscriptFs {
  readonly openSync: typeof openSync;
  readonly fstatSync: typeof fstatSync;
  readonly statSync: typeof statSync;
  readonly writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  readonly closeSync: typeof closeSync;
}

const realFs: TranscriptFs = { openSync, fstatSync, statSync, writeSync, closeSync };

// Without O_NONBLOCK, opening a FIFO that no one reads waits forever.
const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NONBLOCK ?? 0);

/** Opens `file` for appending; an error message a player can act on when it cannot be. */
export function openTranscript(file: string, fs: TranscriptFs = realFs): Transcript | string {
  const shown = `'${oneLine(file)}'`;
  const refuse = (why: string) => `--transcript ${shown} ${why}; give a file (it is created if it does not exist)`;
  // Looked at before opening, so a FIFO or a device is never opened at all.
  const before = fs.statSync(file, { throwIfNoEntry: false });
  if (before !== undefined && !before.isFile()) return refuse(`is ${kindOf(before)}, not a file`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, APPEND, 0o666);
    // And checked again on the handle: the path may have changed in between.
    const info = fs.fstatSync(fd);
    if (!info.isFile()) {
      fs.closeSync(fd);
      return refuse(`is ${kindOf(info)}, not a file`);
    }
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return refuse(`cannot be written (${code})`);
  }
  let failure: string | undefined;
  return {
    write(text) {
      if (fd === undefined || failure !== undefined || text === '') return;
      try {
        // A loaded save or a typed answer is already clean; this is the last line of defence.
        const bytes = Buffer.from(escapeUnsafe(text), 'utf8');
        // A write may take only part of the bytes; the rest follow.
        for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
      } catch (error) {
        // A full disk must not stop the game; the transcript ends here, and the player is told at the end.
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        failure = `the transcript ${shown} stopped early: a write failed (${code}); it holds the game only up to there`;
      }
    },
    close() {
      if (fd === undefined) return;
      fs.closeSync(fd);
      fd = undefined;
    },
    get failure() {
      return failure;
    },
  };
}

/** The line that opens each game in a transcript. */
export function transcriptHeading(storyTitle: string, seed: number | undefined, when: Date): string {
  const game = seed === undefined ? '' : `, seed ${seed}`;
  return `\n=== hyosan transcript: ${storyTitle}${game}, started ${when.toISOString()} ===\n\n`;
}
