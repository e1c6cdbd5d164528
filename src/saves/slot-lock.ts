/**
 * One game at a time per autosave slot, across processes: a game takes the
 * lock file `<slot>.lock` beside the slot (holding its pid and host) before
 * its first autosave there, and lets it go when the player leaves. A second
 * hyosan finds the lock taken and autosaves elsewhere (autosaver.ts), so the
 * last writer can never silently overwrite the other's game. A lock whose
 * process is gone (killed, crashed) is stale and taken over.
 */
import { hostname } from 'node:os';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';

/** Who holds a lock. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
}

/** The lock file of a slot's file (`autosave-hyosan.json` → `autosave-hyosan.lock`). */
export function lockFileOf(slotFile: string): string {
  return `${slotFile.replace(/\.json$/, '')}.lock`;
}

/**
 * Takes the lock `lockFile` for the process `pid` (this one unless a test
 * says otherwise): `true` when it is now held by `pid` (or already was), or
 * who holds it. Errors other than a held lock (a read-only folder) are
 * thrown: the caller decides what a lock it cannot take means.
 */
export async function takeLock(lockFile: string, pid = process.pid): Promise<true | LockHolder> {
  const me: LockHolder = { pid, host: hostname() };
  // A few tries: a stale lock is taken away, and another process may be quicker to take it again.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createLock(lockFile, me)) return true;
    const holder = await readHolder(lockFile);
    if (holder === undefined) continue; // let go between the two calls
    if (holder.pid === pid && holder.host === me.host) return true;
    if (!isStale(holder, me.host)) return holder;
    await removeStale(lockFile, holder);
  }
  const holder = await readHolder(lockFile);
  return holder ?? { pid: 0, host: me.host };
}

/** Lets go of `lockFile` if `pid` holds it. */
export async function releaseLock(lockFile: string, pid = process.pid): Promise<void> {
  const holder = await readHolder(lockFile);
  if (holder?.pid === pid && holder.host === hostname()) await unlink(lockFile).catch(() => undefined);
}

/**
 * Creates the lock holding `me`, whole: written to a file of its own, then
 * linked to the lock's name, which fails if the lock exists. (Where links
 * are not supported, an exclusive create is nearly as good.)
 */
async function createLock(lockFile: string, me: LockHolder): Promise<boolean> {
  const text = `${me.pid}\n${me.host}\n`;
  const temp = `${lockFile}.${me.pid}.tmp`;
  try {
    await writeFile(temp, text);
    try {
      await link(temp, lockFile);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOSYS' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    }
    return await createExclusively(lockFile, text);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function createExclusively(lockFile: string, text: string): Promise<boolean> {
  try {
    await writeFile(lockFile, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The holder a lock file names; undefined when there is no lock (or it is not one of ours). */
async function readHolder(lockFile: string): Promise<LockHolder | undefined> {
  let text: string;
  try {
    text = await readFile(lockFile, 'utf8');
  } catch {
    return undefined;
  }
  const [pid = '', host = ''] = text.split('\n');
  // A lock that names no process (cut short by a crash mid-write, or edited) holds nothing.
  return /^\d{1,10}$/.test(pid) ? { pid: Number(pid), host } : { pid: 0, host };
}

/** Whether the process holding a lock is gone. On another host it cannot be told, so it counts as alive. */
function isStale(holder: LockHolder, host: string): boolean {
  if (holder.pid === 0) return true;
  if (holder.host !== host) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes a stale lock away. It is moved aside first and looked at there, so a
 * lock another process took in the meantime is put back, not deleted.
 */
async function removeStale(lockFile: string, stale: LockHolder): Promise<void> {
  const aside = `${lockFile}.${process.pid}.stale`;
  try {
    await rename(lockFile, aside);
  } catch {
    return; // already gone
  }
  const moved = await readHolder(aside);
  if (moved !== undefined && (moved.pid !== stale.pid || moved.host !== stale.host)) {
    await link(aside, lockFile).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}
