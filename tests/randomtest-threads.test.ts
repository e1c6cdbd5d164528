/**
 * The rule that decides randomtest's threads, fed made-up timings: no test
 * here depends on how fast this machine is.
 */
import { describe, expect, it } from 'vitest';
import {
  FAN_OUT_SECONDS,
  PAY_MARGIN,
  PAY_WINDOW_SECONDS,
  SOLO_SECONDS,
  ThreadPolicy,
  workersPay,
  worthFanningOut,
} from '../src/tools/randomtest-threads.js';

const idle = (cores: number) => () => cores;

/** Feeds `policy` batches of `seconds` alone until it decides; the workers it starts. */
function playAlone(policy: ThreadPolicy, seconds: number, batches: number, idleCores: number): number {
  for (let left = batches - 1; left >= 0; left--) {
    const start = policy.playedAlone(seconds, left, idle(idleCores));
    if (start > 0) return start;
  }
  return 0;
}

describe('the default number of randomtest threads', () => {
  it(`fans out only when the rest would take this thread more than ${FAN_OUT_SECONDS} s`, () => {
    expect(worthFanningOut(0.05, 40)).toBe(false);
    expect(worthFanningOut(0.05, 41)).toBe(true);
  });

  it('plays alone a short run: 1,000 games of 40 ms batches', () => {
    expect(playAlone(new ThreadPolicy({ cores: 8, totalBatches: 10 }), 0.04, 10, 7)).toBe(0);
  });

  it(`decides once it has played alone for ${SOLO_SECONDS} s, starting a worker per idle core, at most one per other core`, () => {
    const policy = new ThreadPolicy({ cores: 4, totalBatches: 500 });
    const decidedAfter = Math.ceil(SOLO_SECONDS / 0.04);
    for (let b = 1; b < decidedAfter; b++) expect(policy.playedAlone(0.04, 500 - b, idle(3))).toBe(0);
    expect(policy.playedAlone(0.04, 500 - decidedAfter, idle(3))).toBe(3);
    expect(playAlone(new ThreadPolicy({ cores: 4, totalBatches: 500 }), 0.04, 500, 9)).toBe(3);
    expect(playAlone(new ThreadPolicy({ cores: 4, totalBatches: 500 }), 0.04, 500, 1.6)).toBe(2);
  });

  it('judges by its latest pace, not the first batches that warm the JIT', () => {
    const policy = new ThreadPolicy({ cores: 2, totalBatches: 60 });
    // Slow at first, then 20 ms a batch: 48 batches left take under a second.
    const times = [0.2, 0.15, 0.1, 0.02, 0.02, 0.02, 0.02];
    const started = times.map((t, i) => policy.playedAlone(t, 60 - i - 1, idle(1)));
    expect(started).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('never fans out on one core, when no other core is idle, or after deciding not to', () => {
    expect(playAlone(new ThreadPolicy({ cores: 1, totalBatches: 500 }), 0.04, 500, 1)).toBe(0);
    expect(playAlone(new ThreadPolicy({ cores: 2, totalBatches: 500 }), 0.04, 500, 0.3)).toBe(0);
    const policy = new ThreadPolicy({ cores: 2, totalBatches: 500 });
    expect(playAlone(policy, 0.04, 500, 0)).toBe(0);
    expect(policy.playedAlone(0.04, 100, idle(1))).toBe(0);
  });

  it(`stops the workers when all the threads together play less than ${PAY_MARGIN}× this thread alone`, () => {
    expect(workersPay(25, 27, 1)).toBe(false);
    expect(workersPay(25, 28, 1)).toBe(true);
    const policy = new ThreadPolicy({ cores: 2, totalBatches: 500 });
    expect(playAlone(policy, 0.04, 500, 1)).toBe(1); // 25 batches/s alone
    expect(policy.finished(10, false)).toBe(false); // this thread's batches before any worker's count for nothing
    expect(policy.finished(10.5, true)).toBe(false); // the window opens
    for (let i = 1; i < 26; i++) expect(policy.finished(10.5 + (i * PAY_WINDOW_SECONDS) / 26, i % 2 === 0)).toBe(false);
    expect(policy.finished(10.5 + PAY_WINDOW_SECONDS, false)).toBe(true); // 26 in a second: not 27.5
    expect(policy.finished(12, true)).toBe(false); // judged once
  });

  it('keeps the workers when they pay', () => {
    const policy = new ThreadPolicy({ cores: 2, totalBatches: 500 });
    playAlone(policy, 0.04, 500, 1);
    policy.finished(0, true);
    for (let i = 1; i < 40; i++) policy.finished(i / 40, false);
    expect(policy.finished(PAY_WINDOW_SECONDS, true)).toBe(false);
  });

  it('starts K − 1 workers at once for --workers K (no more than the batches), and never judges them', () => {
    expect(new ThreadPolicy({ workers: 3, cores: 2, totalBatches: 10 }).atStart()).toBe(2);
    expect(new ThreadPolicy({ workers: 8, cores: 2, totalBatches: 3 }).atStart()).toBe(2);
    expect(new ThreadPolicy({ workers: 1, cores: 8, totalBatches: 10 }).atStart()).toBe(0);
    expect(new ThreadPolicy({ cores: 8, totalBatches: 10 }).atStart()).toBe(0);
    const asked = new ThreadPolicy({ workers: 2, cores: 2, totalBatches: 500 });
    asked.atStart();
    expect(playAlone(asked, 1, 500, 1)).toBe(0);
    asked.finished(0, true);
    expect(asked.finished(100, false)).toBe(false);
  });
});
