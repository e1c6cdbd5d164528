/**
 * Who plays `randomtest`'s batches: this thread, and worker threads when they
 * pay. A batch's result does not depend on the thread that plays it, so the
 * threads only change how long a run takes.
 *
 * `--workers K` starts K − 1 worker threads at once and this thread plays
 * too. Without `--workers` the run must never be slower than one thread, and
 * what pays depends on the machine: a worker costs up to a second of CPU to
 * start (it loads the bundle and the story), two vCPUs may be one core's
 * worth, and other programs may be using the cores. So it is measured as
 * the run goes (`ThreadPolicy`):
 *
 * 1. This thread plays alone for `SOLO_SECONDS` (the JIT warms up), timing
 *    its batches and watching how busy the machine's cores are.
 * 2. Then, once, it starts workers only if the batches still to play would
 *    take it more than `FAN_OUT_SECONDS` alone (at its latest pace) and
 *    other cores sat idle meanwhile: as many as there were idle cores, at
 *    most one per other core. It keeps playing too.
 * 3. From the first batch a worker returns, it counts the batches all the
 *    threads finish in `PAY_WINDOW_SECONDS`. Unless that is `PAY_MARGIN`
 *    times what this thread played alone, the workers finish the batches
 *    they hold and stop, and this thread plays the rest alone.
 */
import { cpus } from 'node:os';
import type { Story } from '../engine/story-types.js';
import { playBatch } from './randomtest.js';
import type { RandomTestOptions, RandomTestPart } from './randomtest-result.js';
import { startWorker, type BatchJob, type WorkerStart, type WorkerThread } from './randomtest-worker.js';

/** How long this thread plays alone before deciding (seconds). */
export const SOLO_SECONDS = 0.5;
/** Fan out only when this thread alone would need longer than this for the rest (seconds). */
export const FAN_OUT_SECONDS = 2;
/** How long the workers play before it is judged whether they pay (seconds). */
export const PAY_WINDOW_SECONDS = 1;
/** All threads together must play this many times this thread's batches alone to keep the workers. */
export const PAY_MARGIN = 1.1;
// Batches a worker holds at once, so it has the next while this thread is busy with its own.
const WORKER_DEPTH = 2;
// This thread's pace: the median of its latest batches alone.
const PACE_BATCHES = 3;

/** Whether starting workers may pay: this thread alone would need more than `FAN_OUT_SECONDS` for the rest. */
export function worthFanningOut(batchSeconds: number, batchesLeft: number): boolean {
  return batchSeconds * batchesLeft > FAN_OUT_SECONDS;
}

/** Whether the workers paid: all the threads together played `PAY_MARGIN` times this thread's rate alone. */
export function workersPay(soloBatchesPerSecond: number, batches: number, seconds: number): boolean {
  return seconds > 0 && batches / seconds >= soloBatchesPerSecond * PAY_MARGIN;
}

/** How the batches may be spread. */
export interface ThreadPlan {
  /** As asked (`--workers K`): K threads from the start. Absent: measured, as above. */
  readonly workers?: number;
  /** The cores there are (`os.availableParallelism()`). */
  readonly cores: number;
  /** The most batches the whole run may play, across every `play` (what "the rest" is). */
  readonly totalBatches: number;
}

/**
 * The rule above, apart from the threads it runs: told how long batches
 * took and how idle the other cores were, it says when to start workers and
 * when to stop them.
 */
export class ThreadPolicy {
  private readonly pace: number[] = [];
  private aloneSeconds = 0;
  private decided = false;
  /** Batches finished since the first a worker returned, and when that was. */
  private window: { start: number; batches: number } | undefined;
  private judged = false;

  constructor(private readonly plan: ThreadPlan) {}

  /** The workers to start before anything is played: as many as asked for, one thread being this one. */
  atStart(): number {
    const asked = this.plan.workers ?? 1;
    const workers = Math.max(0, Math.min(asked - 1, this.plan.totalBatches - 1));
    this.decided ||= this.plan.workers !== undefined;
    return workers;
  }

  /**
   * This thread played a batch alone in `seconds`, with `batchesLeft` still
   * to play, while `idleCores` cores' worth sat idle on average since the run
   * began: the workers to start now.
   */
  playedAlone(seconds: number, batchesLeft: number, idleCores: () => number): number {
    if (this.decided) return 0;
    this.aloneSeconds += seconds;
    this.pace.push(seconds);
    if (this.pace.length > PACE_BATCHES) this.pace.shift();
    if (this.aloneSeconds < SOLO_SECONDS || batchesLeft === 0) return 0;
    this.decided = true;
    if (this.plan.cores < 2 || !worthFanningOut(this.batchSeconds(), batchesLeft)) return 0;
    return Math.max(0, Math.min(this.plan.cores - 1, Math.floor(idleCores() + 0.5), batchesLeft));
  }

  /** A batch finished on some thread at `now` (seconds); `byWorker` when a worker played it. True: stop the workers. */
  finished(now: number, byWorker: boolean): boolean {
    if (this.window === undefined) {
      if (byWorker) this.window = { start: now, batches: 0 };
      return false;
    }
    this.window.batches++;
    const seconds = now - this.window.start;
    if (this.judged || this.plan.workers !== undefined || seconds < PAY_WINDOW_SECONDS) return false;
    this.judged = true;
    return !workersPay(1 / this.batchSeconds(), this.window.batches, seconds);
  }

  /** This thread's latest pace alone: the median of its last batches. */
  private batchSeconds(): number {
    const sorted = [...this.pace].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  }
}

/** The cores' worth of CPU time the machine left idle since `since` (what `idleSince` returns), per second of `seconds`. */
export function idleCoresSince(since: number, seconds: number): number {
  return seconds > 0 ? (idleMilliseconds() - since) / 1000 / seconds : 0;
}

/** Every core's idle time so far, in milliseconds (Linux and macOS count it; elsewhere it may stay 0, which never fans out). */
export function idleMilliseconds(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
}

/** Where and how to play: the plan, how to start a worker, the clock and progress. */
export interface PlayersPlan extends ThreadPlan {
  /** How to start a worker; absent, everything is played in this thread. */
  readonly worker?: WorkerStart;
  /** The clock, in seconds (`performance.now() / 1000`). */
  readonly now?: () => number;
  /** How many cores' worth sat idle on average since the players were made (`idleCoresSince`). */
  readonly idleCores?: () => number;
  /** Told the games played so far after each batch. */
  readonly onProgress?: (gamesDone: number) => void;
}

/** One worker thread and the batches it holds. */
interface Helper {
  readonly thread: WorkerThread;
  ready: boolean;
  holding: number;
}

/** Plays batches on this thread and, when they pay, worker threads. Call `close()` when done. */
export class BatchPlayers {
  private readonly now: () => number;
  private readonly idleCores: () => number;
  private readonly policy: ThreadPolicy;
  private readonly helpers: Helper[] = [];
  private queue: BatchJob[] = [];
  private parts: RandomTestPart[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private gamesDone = 0;
  private batchesPlayed = 0;
  private retired = false;
  private started = 0;

  constructor(
    private readonly story: Story,
    private readonly options: RandomTestOptions,
    private readonly plan: PlayersPlan,
  ) {
    this.now = plan.now ?? (() => performance.now() / 1000);
    const began = this.now();
    const idle = idleMilliseconds();
    this.idleCores = plan.idleCores ?? (() => idleCoresSince(idle, this.now() - began));
    this.policy = new ThreadPolicy(plan);
    if (plan.worker !== undefined) this.startWorkers(plan.worker, this.policy.atStart());
  }

  /** How many workers were started (the measured default's choice). */
  get workersStarted(): number {
    return this.started;
  }

  /** Whether the workers were stopped because they did not pay. */
  get workersRetired(): boolean {
    return this.retired;
  }

  /** Plays `jobs` (in any order, on any thread); resolves to their parts. */
  async play(jobs: readonly BatchJob[]): Promise<RandomTestPart[]> {
    this.queue = [...jobs];
    this.parts = [];
    this.feedHelpers();
    while (this.queue.length > 0) {
      const job = this.queue.shift()!;
      const started = this.now();
      const part = playBatch(this.story, this.options, job.batch, job.steer);
      const left = this.plan.totalBatches - this.batchesPlayed - 1;
      const start = this.policy.playedAlone(this.now() - started, left, this.idleCores);
      if (start > 0 && this.plan.worker !== undefined) this.startWorkers(this.plan.worker, start);
      this.finished(part, false);
      // Lets the workers' messages in between this thread's batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.failure !== undefined) throw this.failure;
    }
    while (this.helpers.some((h) => h.holding > 0)) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.failure !== undefined) throw this.failure;
    }
    return this.parts;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.helpers.map((h) => h.thread.stop()));
  }

  private finished(part: RandomTestPart, byWorker: boolean): void {
    this.parts.push(part);
    this.batchesPlayed++;
    this.gamesDone += part.games;
    this.plan.onProgress?.(this.gamesDone);
    if (this.policy.finished(this.now(), byWorker) && !this.retired) {
      // The workers finish the batches they hold; this thread plays the rest.
      this.retired = true;
      for (const h of this.helpers) if (h.holding === 0) void h.thread.stop();
    }
  }

  private startWorkers(start: WorkerStart, count: number): void {
    for (let i = 0; i < count; i++) {
      const helper: Helper = {
        ready: false,
        holding: 0,
        thread: startWorker(start, {
          ready: () => {
            helper.ready = true;
            this.feedHelpers();
          },
          played: (_job, part) => {
            helper.holding--;
            this.finished(part, true);
            if (this.retired && helper.holding === 0) void helper.thread.stop();
            this.feedHelpers();
            this.wake?.();
          },
          failed: (message) => {
            this.failure ??= new Error(`randomtest worker: ${message}`);
            this.wake?.();
          },
        }),
      };
      this.helpers.push(helper);
    }
    this.started += count;
  }

  private feedHelpers(): void {
    if (this.retired) return;
    for (const h of this.helpers) {
      while (h.ready && h.holding < WORKER_DEPTH && this.queue.length > 0) {
        h.holding++;
        h.thread.play(this.queue.shift()!);
      }
    }
  }
}
