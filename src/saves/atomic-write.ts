/**
 * Writing a file so that a reader, a crash or a full disk sees the old file
 * or the whole new one, never a part: the text goes to a temp file beside
 * it, every byte of it (a write may take only some: the rest is written
 * again), then it is synced, its size is checked, and only then is it
 * renamed over the file. A failure at any point removes the temp file and
 * leaves the file as it was. A link in the file's place is never written
 * through: the write is refused.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';

/** The part of an open file a write uses (node's `FileHandle` fits). */
export interface WriteHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  stat(): Promise<Pick<Stats, 'size'>>;
  close(): Promise<void>;
}

/** The file operations a write uses: node's, or a test's that fail on purpose (a full disk, short writes). */
export interface WriteFs {
  open(path: string, flags: number, mode: number): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  lstat(path: string): Promise<Pick<Stats, 'isFile' | 'isSymbolicLink'>>;
}

/** Node's file operations. */
export const nodeWriteFs: WriteFs = { open, rename, unlink, lstat };

/** A write that failed, with the error code a player can look up (`ENOSPC`). */
export class WriteFailure extends Error {
  override readonly name = 'WriteFailure';

  constructor(
    /** `ENOSPC`, `EACCES`, ... or `ELINK` for a link in the file's place, `ESIZE` for a file of the wrong size. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A temp file, written whole and synced, waiting to replace its file. */
export interface PreparedWrite {
  /** Renames the temp file over the file. */
  commit(): Promise<void>;
  /** Removes the temp file, leaving the file as it was. */
  discard(): Promise<void>;
}

/** The ending of the temp files this writer leaves if the process is killed mid-write. */
export const TEMP_SUFFIX = '.tmp';
let counter = 0;
// O_EXCL: a temp file is always new, never someone else's (or a planted link).
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;

/**
 * Writes `text` to a new temp file beside `file`, whole, synced (with
 * `fsync`) and checked for size; throws a `WriteFailure` (having removed
 * the temp file) if any of it fails.
 */
export async function prepareWrite(
  file: string,
  text: string,
  { fsync }: { readonly fsync: boolean },
  fs: WriteFs = nodeWriteFs,
): Promise<PreparedWrite> {
  const temp = `${file}.${process.pid}.${++counter}${TEMP_SUFFIX}`;
  const bytes = Buffer.from(text, 'utf8');
  let handle: WriteHandle | undefined;
  try {
    handle = await fs.open(temp, CREATE, 0o666);
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, done);
      // A write that takes nothing and reports no error would loop forever.
      if (!(bytesWritten > 0)) throw new WriteFailure('EIO', `the disk took no more bytes after ${done} of ${bytes.length}`);
      done += bytesWritten;
    }
    if (fsync) await handle.sync();
    const { size } = await handle.stat();
    if (size !== bytes.length) throw new WriteFailure('ESIZE', `the file holds ${size} bytes, not ${bytes.length}`);
    const closing = handle;
    handle = undefined;
    // Some file systems report a failed write only when the file is closed.
    await closing.close();
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw asFailure(error);
  }
  return {
    commit: async () => {
      try {
        await fs.rename(temp, file);
      } catch (error) {
        await fs.unlink(temp).catch(() => undefined);
        throw asFailure(error);
      }
    },
    discard: () => fs.unlink(temp).catch(() => undefined),
  };
}

/** Throws a `WriteFailure` when something other than a regular file (or nothing) is at `file`: a link above all. */
export async function refuseNonFile(file: string, fs: WriteFs = nodeWriteFs): Promise<void> {
  let info: Pick<Stats, 'isFile' | 'isSymbolicLink'>;
  try {
    info = await fs.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw asFailure(error);
  }
  if (info.isSymbolicLink()) throw new WriteFailure('ELINK', 'a link is in its place, and hyosan never writes through links there');
  if (!info.isFile()) throw new WriteFailure('ENOTFILE', 'something other than a file is in its place');
}

/** Writes `text` to `file` atomically (see above), refusing to replace a link. */
export async function writeFileAtomically(
  file: string,
  text: string,
  options: { readonly fsync: boolean },
  fs: WriteFs = nodeWriteFs,
): Promise<void> {
  await refuseNonFile(file, fs);
  const prepared = await prepareWrite(file, text, options, fs);
  try {
    // Checked again just before: the temp file took a while to write.
    await refuseNonFile(file, fs);
  } catch (error) {
    await prepared.discard();
    throw error;
  }
  await prepared.commit();
}

function asFailure(error: unknown): WriteFailure {
  if (error instanceof WriteFailure) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  return new WriteFailure(code, (error as Error).message);
}
