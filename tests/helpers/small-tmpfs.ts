/**
 * A small tmpfs for tests of a full disk, where the system allows it: only
 * root can mount one. Elsewhere `mountSmallTmpfs` says why it skipped and
 * returns undefined; the fs-level fault injections cover the same paths.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs of `kib` KiB on a new temp folder; undefined (with a message) when it cannot. */
export function mountSmallTmpfs(kib: number): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    console.log('skipped: a real full disk needs root to mount a small tmpfs; the stubbed-fs tests cover the same path');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hyosan-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    console.log(`skipped: mount -t tmpfs failed (${mounted.stderr.trim()}); the stubbed-fs tests cover the same path`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return dir;
}

/** Unmounts a tmpfs from `mountSmallTmpfs` and removes its folder. */
export function unmountSmallTmpfs(dir: string | undefined): void {
  if (dir === undefined) return;
  execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Fills the tmpfs at `dir` until no more than `leaveBytes` are free (about: tmpfs counts whole pages). */
export function fillTmpfs(dir: string, leaveBytes: number): void {
  const free = () => {
    const out = execFileSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' });
    return Number(out.trim().split('\n').pop());
  };
  const room = free() - leaveBytes;
  if (room > 0) execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=1', `count=${room}`], { stdio: 'ignore' });
}
