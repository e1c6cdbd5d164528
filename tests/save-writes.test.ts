/**
 * Issue 15, items 3, 7 and 9: a save is written whole or not at all. Short
 * writes are finished, a full disk or a failed sync leaves the previous save
 * and its backup exactly as they were (and says so), a link planted in the
 * save folder is never written through (nor read), and a "save" that is
 * some other file is never quoted back. Faults are injected through a
 * stubbed file system always, and on a real 64 KiB tmpfs when root.
 */
import { lstat, mkdtemp, open, readFile, readdir, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { WriteFs, WriteHandle } from '../src/saves/atomic-write.js';
import { SaveError, SaveStore, newGame, type SavedGame } from '../src/saves/index.js';
import { parseUntrustedJson } from '../src/saves/untrusted.js';
import { playPicks, saveStory } from './helpers/save-story.js';
import { runHyosan } from './helpers/run-cli.js';
import { fillTmpfs, mountSmallTmpfs, unmountSmallTmpfs } from './helpers/small-tmpfs.js';

const story = saveStory();
let dir: string;

function game(picks: number): SavedGame {
  return playPicks(story, newGame(story, 5), Array.from({ length: picks }, (_, i) => i));
}

/** Node's file system, with each opened file's handle passed through `wrap`. */
function faultyFs(wrap: (handle: WriteHandle) => WriteHandle): WriteFs {
  return { open: async (path, flags, mode) => wrap(await open(path, flags, mode)), rename, unlink, lstat };
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** The files of the save folder and their contents. */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

/** Saves twice to slot `s`, so it has a main file and a backup, and returns the folder as it is then. */
async function twoSaves(): Promise<Record<string, string>> {
  const plain = new SaveStore({ dir });
  expect(await plain.save('s', story, game(3))).toBeUndefined();
  expect(await plain.save('s', story, game(6))).toBeUndefined();
  const before = await snapshot();
  expect(Object.keys(before)).toEqual(['s.bak.json', 's.json']);
  return before;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyosan-writes-'));
});

describe('a save written through a failing disk', () => {
  it('is finished when each write takes only a few bytes', async () => {
    const short = faultyFs((h) => ({
      write: (buffer, offset, length, position) => h.write(buffer, offset, Math.min(length, 7), position),
      sync: () => h.sync(),
      stat: () => h.stat(),
      close: () => h.close(),
    }));
    const saves = new SaveStore({ dir, fs: short });
    expect(await saves.save('s', story, game(40))).toBeUndefined();
    const loaded = await new SaveStore({ dir }).load('s', story);
    expect(loaded).not.toBeInstanceOf(SaveError);
    expect((loaded as SavedGame).history).toHaveLength(game(40).history.length);
  });

  it.each([
    ['the disk fills up part way (ENOSPC)', 'ENOSPC'],
    ['the disk says it wrote what it did not (the file comes out short)', 'ESIZE'],
    ['the sync fails (EIO)', 'EIO'],
  ])('leaves the previous save and its backup untouched when %s, and says so', async (_what, code) => {
    const before = await twoSaves();
    let written = 0;
    const failing = faultyFs((h) => ({
      write: async (buffer, offset, length, position) => {
        if (code === 'ENOSPC' && written + length > 200) {
          await h.write(buffer, offset, 200 - written, position);
          throw enospc();
        }
        if (code === 'ESIZE') {
          await h.write(buffer, offset, Math.floor(length / 2), position);
          return { bytesWritten: length };
        }
        written += length;
        return h.write(buffer, offset, length, position);
      },
      sync: async () => {
        if (code === 'EIO') throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
        return h.sync();
      },
      stat: () => h.stat(),
      close: () => h.close(),
    }));
    const failed = await new SaveStore({ dir, fs: failing }).save('s', story, game(30));
    expect(failed).toBeInstanceOf(SaveError);
    expect(failed?.kind).toBe('write-failed');
    expect(failed?.message).toContain(`s.json: could not be written (${code}), so nothing was saved; the previous save and its backup are untouched`);
    // Not a byte changed, and no temp file is left behind.
    expect(await snapshot()).toEqual(before);
  });

  describe('on a real 64 KiB tmpfs with 48 KiB used', () => {
    const disk = mountSmallTmpfs(64);
    afterAll(() => unmountSmallTmpfs(disk));

    it.skipIf(disk === undefined)('a save too large for the room left fails with a message, and the previous one still loads', async () => {
      const saves = new SaveStore({ dir: disk });
      expect(await saves.save('s', story, game(3))).toBeUndefined();
      fillTmpfs(disk!, 16 * 1024);
      const big = game(400);
      const failed = await saves.save('s', story, big);
      expect(failed?.message).toMatch(/could not be written \(ENOSPC\), so nothing was saved/);
      const back = await new SaveStore({ dir: disk }).load('s', story);
      expect(back).not.toBeInstanceOf(SaveError);
      expect((back as SavedGame).history).toEqual(game(3).history);
      expect((await readdir(disk!)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });
  });
});

describe('a link planted in the save folder', () => {
  it('is never written through: the save is refused and the file it points to is untouched', async () => {
    const victim = join(await mkdtemp(join(tmpdir(), 'hyosan-victim-')), 'victim.txt');
    await writeFile(victim, 'precious\n');
    await symlink(victim, join(dir, 'autosave-save-test.json'));
    const failed = await new SaveStore({ dir }).autosave(story, game(2));
    expect(failed?.message).toContain('autosave-save-test.json: is a link (is a link, and hyosan never follows links in the save folder)');
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    expect((await lstat(join(dir, 'autosave-save-test.json'))).isSymbolicLink()).toBe(true);
  });

  it('is never read as a save, nor its target quoted', async () => {
    const secret = join(await mkdtemp(join(tmpdir(), 'hyosan-secret-')), 'shadow');
    await writeFile(secret, 'root:$6$secret:20228:0:99999:7:::\n');
    await symlink(secret, join(dir, 'mine.json'));
    const loaded = await new SaveStore({ dir }).load('mine', story);
    expect(loaded).toBeInstanceOf(SaveError);
    expect((loaded as SaveError).message).toContain('is a link, and hyosan never follows links in the save folder');
    expect((loaded as SaveError).message).not.toContain('root');
  });

  it('given on the command line, is followed, but its bytes are never echoed when it is not a save', async () => {
    const secret = join(await mkdtemp(join(tmpdir(), 'hyosan-secret-')), 'shadow.json');
    await writeFile(secret, 'root:$6$secret:20228:0:99999:7:::\n');
    const loaded = await new SaveStore({ dir }).loadFile(secret, story);
    expect((loaded as SaveError).message).toMatch(/shadow\.json: is not valid JSON — /);
    expect((loaded as SaveError).message).not.toContain('root');
    const run = runHyosan(['--load', secret, '--plain'], { env: { HYOSAN_SAVE_DIR: dir } });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('root');
  });

  it('a JSON mistake is placed by line and column instead of quoting the text around it', () => {
    const parsed = parseUntrustedJson('{\n  "secret": 1,\n}\n', 'x.json');
    expect((parsed as SaveError).message).toMatch(/^x\.json: is not valid JSON \(line 3, column 1\) — /);
    expect((parsed as SaveError).message).not.toContain('secret');
  });
});
