/**
 * Issue 15, items 2 and 16: `--transcript` takes a regular file (or a new
 * one) and nothing else, a mistake there exits 2 like any other mistake on
 * the command line, and a transcript that stops early (a full disk) is
 * reported when the game ends instead of being lost without a word.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTranscript, type TranscriptFs } from '../src/cli/transcript.js';
import { runHyosan } from './helpers/run-cli.js';
import { fillTmpfs, mountSmallTmpfs, unmountSmallTmpfs } from './helpers/small-tmpfs.js';

const LIMIT = { timeout: 15_000 };
const saveDir = mkdtempSync(join(tmpdir(), 'hyosan-transcript-saves-'));
const env = { HYOSAN_SAVE_DIR: saveDir };
const story = 'tests/fixtures/cli-story';

describe('--transcript refuses what is not a file, with exit status 2', () => {
  it.each([
    ['/', 'is a folder, not a file'],
    ['/dev/full', 'is a device, not a file'],
  ])('%s', (file, why) => {
    const run = runHyosan(['--story', story, '--plain', '--transcript', file], { ...LIMIT, env, input: '1\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`hyosan: --transcript '${file}' ${why}`);
  });

  it('a FIFO no one reads is refused at once instead of hanging the game', () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'hyosan-fifo-')), 't.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = runHyosan(['--story', story, '--plain', '--transcript', fifo], { ...LIMIT, env, input: '1\n' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is a FIFO (a named pipe), not a file');
  });
});

describe('a transcript whose writes fail', () => {
  const fakeFs = (write: TranscriptFs['writeSync']): TranscriptFs => ({ openSync, fstatSync, statSync, closeSync, writeSync: write });

  it('says why it stopped, and keeps what was written before', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-t-')), 't.txt');
    let calls = 0;
    const transcript = openTranscript(
      file,
      fakeFs((fd, buffer, offset, length) => {
        calls++;
        if (calls > 1) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return writeSync(fd, buffer, offset, length);
      }),
    );
    if (typeof transcript === 'string') throw new Error(transcript);
    transcript.write('first\n');
    expect(transcript.failure).toBeUndefined();
    transcript.write('second\n');
    transcript.write('third\n');
    transcript.close();
    expect(transcript.failure).toMatch(/^the transcript '.*t\.txt' stopped early: a write failed \(ENOSPC\)/);
    expect(readFileSync(file, 'utf8')).toBe('first\n');
  });

  it('writes the rest of the text when a write takes only part of it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-t-')), 't.txt');
    const transcript = openTranscript(
      file,
      fakeFs((fd, buffer, offset, length) => writeSync(fd, buffer, offset, Math.min(length, 3))),
    );
    if (typeof transcript === 'string') throw new Error(transcript);
    transcript.write('a longer line, in pieces — with ünïcode\n');
    transcript.close();
    expect(transcript.failure).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('a longer line, in pieces — with ünïcode\n');
  });

  describe('on a real full disk', () => {
    const disk = mountSmallTmpfs(64);
    afterAll(() => unmountSmallTmpfs(disk));

    it.skipIf(disk === undefined)('the game still ends, and the player is told, with exit status 1', () => {
      const file = join(disk!, 't.txt');
      fillTmpfs(disk!, 0);
      const run = runHyosan(['--story', story, '--plain', '--seed', '3', '--transcript', file], { ...LIMIT, env, input: '1\n' });
      expect(run.stdout).toContain('The Gym Door');
      expect(run.stderr).toMatch(/hyosan: the transcript '.*t\.txt' stopped early: a write failed \(ENOSPC\)/);
      expect(run.status).toBe(1);
    });
  });
});
