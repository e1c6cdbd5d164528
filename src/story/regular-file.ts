/**
 * Reading a file someone else may have put there: a story's scene files, a
 * save, the player's settings. The file is opened without blocking (a FIFO
 * would wait forever for a writer), its handle is checked to be a regular
 * file (never a device such as /dev/zero, a FIFO or a folder), and no more
 * than `maxBytes` are ever read (a file that grows while it is read cannot
 * fill memory). One reader, used for every such file.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** A file read whole. */
export interface FileBytes {
  readonly bytes: Buffer;
  readonly modified: Date;
}

/** Why a file was not read. */
export type ReadRefusal =
  | { readonly refused: 'missing' }
  /** A link, where links are not followed. */
  | { readonly refused: 'link' }
  /** Not a regular file: `what` says what it is instead (`a FIFO`, `a device`, `a folder`). */
  | { readonly refused: 'not-a-file'; readonly what: string }
  /** Larger than allowed: `size` is what the file said, or more than the limit if it grew. */
  | { readonly refused: 'too-large'; readonly size: number }
  /** Any other failure, by its error code (`EACCES`). */
  | { readonly refused: 'error'; readonly code: string };

/** Options for `readRegularFile`. */
export interface ReadOptions {
  /** Refuse a symbolic link instead of reading what it points to. */
  readonly noFollow?: boolean;
}

// Where the system lacks them (Windows), opening simply does without.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** The file at `path`, read whole if it is a regular file of at most `maxBytes`; else why not. */
export function readRegularFile(path: string, maxBytes: number, options: ReadOptions = {}): FileBytes | ReadRefusal {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK | (options.noFollow === true ? NOFOLLOW : 0));
  } catch (error) {
    return refusalOf(error, options);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { refused: 'not-a-file', what: kindOf(info) };
    if (info.size > maxBytes) return { refused: 'too-large', size: info.size };
    // One byte past the size it said, to see whether it grew.
    let buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { refused: 'too-large', size: length };
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { bytes: buffer.subarray(0, length), modified: info.mtime };
  } catch (error) {
    return refusalOf(error, options);
  } finally {
    closeSync(fd);
  }
}

/** `a FIFO`, `a device`: what a path is when it is not a regular file. */
export function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isSymbolicLink(): boolean;
}): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (a named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a link';
  return 'not a regular file';
}

function refusalOf(error: unknown, options: ReadOptions): ReadRefusal {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { refused: 'missing' };
  // O_NOFOLLOW on a link fails with ELOOP (EMLINK on some BSDs).
  if (options.noFollow === true && (code === 'ELOOP' || code === 'EMLINK')) return { refused: 'link' };
  if (code === 'EISDIR') return { refused: 'not-a-file', what: 'a folder' };
  return { refused: 'error', code };
}
