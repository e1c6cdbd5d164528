/**
 * The save system's only contact with the disk: reading a file with a size
 * limit, and writing one atomically (temp file, fsync, rename).
 */
import { constants } from 'node:fs';
import { link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readRegularFile } from '../story/regular-file.js';
import { TEMP_SUFFIX, WriteFailure, type WriteFs, nodeWriteFs, prepareWrite, refuseNonFile } from './atomic-write.js';
import { SaveError } from './errors.js';
import { MAX_SAVE_BYTES } from './untrusted.js';

/** A file's text and when it was last written. */
export interface FileText {
  readonly text: string;
  readonly modified: Date;
}

/**
 * Reads a save file, refusing anything but a regular file of at most
 * `MAX_SAVE_BYTES` before reading it (a FIFO or a huge file never blocks or
 * fills memory). With `noFollow` (the save folder's own slots), a link is
 * refused too: a link planted there must not lead a save anywhere else.
 */
export async function readSaveFile(file: string, where = file, { noFollow = false } = {}): Promise<FileText | SaveError> {
  const read = readRegularFile(file, MAX_SAVE_BYTES, { noFollow });
  if (!('refused' in read)) return { text: read.bytes.toString('utf8'), modified: read.modified };
  switch (read.refused) {
    case 'missing':
      return new SaveError('missing', where, 'does not exist');
    case 'link':
      return new SaveError('unreadable', where, LINK_IN_SAVE_FOLDER, 'remove the link, or copy the save itself there');
    case 'not-a-file':
      return new SaveError('unreadable', where, `is ${read.what}, not a regular file`);
    case 'too-large':
      return new SaveError('too-large', where, `is ${read.size} bytes or more, more than a save can be (${MAX_SAVE_BYTES})`);
    case 'error':
      return new SaveError('unreadable', where, `cannot be read (${read.code})`);
    default: {
      const never: never = read;
      return never;
    }
  }
}

/** Why a link in the save folder is refused. */
export const LINK_IN_SAVE_FOLDER = 'is a link, and hyosan never follows links in the save folder';

/** True when `file` exists (as anything). */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export { writeFileAtomically } from './atomic-write.js';

/** What a save write may do besides writing (tests pass a failing `fs`). */
export interface SaveWriteOptions {
  /**
   * Runs once the new text is safely in its temp file and just before it
   * replaces `file` (keeping the old file as the backup); a `SaveError`
   * from it cancels the write.
   */
  readonly beforeReplace?: () => Promise<SaveError | undefined>;
  readonly fs?: WriteFs;
}

/**
 * Writes `text` to `file` atomically (atomic-write.ts): a reader, a crash or
 * a full disk sees either the old file or the whole new one, never a part.
 * Creates the folder if needed. On failure nothing has changed, and the
 * message says so.
 */
export async function writeSaveFile(
  file: string,
  text: string,
  where = file,
  { beforeReplace, fs = nodeWriteFs }: SaveWriteOptions = {},
): Promise<SaveError | undefined> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await refuseNonFile(file, fs);
    const prepared = await prepareWrite(file, text, { fsync: true }, fs);
    let cancelled: SaveError | undefined;
    try {
      await refuseNonFile(file, fs);
      cancelled = await beforeReplace?.();
    } catch (error) {
      await prepared.discard();
      throw error;
    }
    if (cancelled !== undefined) {
      await prepared.discard();
      return cancelled;
    }
    await prepared.commit();
    await syncFolder(dirname(file));
    return undefined;
  } catch (error) {
    const code = error instanceof WriteFailure ? error.code : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    const why = code === 'ELINK' ? `is a link (${LINK_IN_SAVE_FOLDER}); remove it` : `could not be written (${code})`;
    return new SaveError('write-failed', where, `${why}, so nothing was saved; the previous save and its backup are untouched`);
  }
}

/**
 * Makes `backup` the file `main` is now (whose contents are `text`), before
 * `main` is replaced. A hard link costs no copy and no fsync (the data is on
 * disk already) and is renamed into place atomically; where links are not
 * supported, the text is written out atomically instead. The folder is not
 * synced here: the write of `main` that follows syncs it, and a crash
 * before then leaves the old or the new backup beside the old or the new
 * main file, each a whole save.
 */
export async function keepAsBackup(main: string, backup: string, text: string): Promise<SaveError | undefined> {
  const linkName = `${backup}.${process.pid}${TEMP_MARK}`;
  try {
    await unlink(linkName).catch(() => undefined);
    await link(main, linkName);
    await rename(linkName, backup);
    return undefined;
  } catch {
    await unlink(linkName).catch(() => undefined);
    return writeSaveFile(backup, text);
  }
}

const TEMP_MARK = TEMP_SUFFIX;
// Temp files are `<file>.<pid>.<n>.tmp` and `<backup>.<pid>.tmp` (and `<file>.<number>`, from write-file-atomic, before).
const TEMP_FILE = /\.json\.\d+(\.\d+)?(\.tmp)?$/;

/**
 * Removes temp files a killed process left beside `file` (and its backup),
 * once they are old enough that no live writer can still be using them.
 */
export async function removeStaleTemps(file: string, olderThanMs = 10 * 60_000): Promise<void> {
  const dir = dirname(file);
  const stem = basename(file).replace(/\.json$/, '');
  try {
    for (const name of await readdir(dir)) {
      if (!name.startsWith(stem) || !TEMP_FILE.test(name)) continue;
      const rest = name.slice(stem.length);
      if (!/^(\.bak)?\.json\./.test(rest)) continue;
      const full = join(dir, name);
      const info = await stat(full);
      if (Date.now() - info.mtimeMs > olderThanMs) await unlink(full);
    }
  } catch {
    // Tidying is best-effort; a leftover temp file harms nothing.
  }
}

/** Flushes the folder entry of a rename to disk where the system allows it. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder for syncing; the rename is still atomic.
  }
}
