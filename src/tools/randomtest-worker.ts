/**
 * `randomtest`'s worker threads: each plays the same batches `playBatch`
 * plays in the main thread (randomtest-threads.ts decides how many run and
 * hands the batches out), so the result does not depend on the threads.
 *
 * A worker must be able to start from the single bundled file dist/cli.js,
 * so the worker script IS the CLI: the caller passes the script's URL (in
 * the bundle, `import.meta.url`), started with `RANDOMTEST_WORKER_ARG`; the
 * CLI's entry sees that argument, checks `isRandomTestWorker()` and, if so, calls `serveRandomTestWorker()`
 * instead of running the command line. Each worker loads the story itself
 * from the folder it is given, or (`shipped`) takes the shipped story the
 * bundle precompiled, and checks it got the same story as the main thread
 * by its hash. A worker runs until it is terminated.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Story } from '../engine/story-types.js';
import type { LoadResult } from '../story/load.js';
import { RANDOMTEST_WORKER_ARG } from './randomtest-worker-arg.js';
import type { Steering } from './explore.js';
import { playBatch } from './randomtest.js';
import type { RandomTestOptions, RandomTestPart } from './randomtest-result.js';

const KIND = 'hyosan-randomtest-worker';

/** A batch to play, and what steers it (`--until-covered`). */
export interface BatchJob {
  readonly batch: number;
  readonly steer?: Steering;
}

/** Where a worker finds the story: the folder to read, or the shipped story the bundle precompiled; and the pack folders added to it. */
export type StorySource = ({ readonly dir: string } | { readonly shipped: true }) & { readonly packs?: readonly string[] };

interface WorkerInput {
  readonly kind: typeof KIND;
  readonly source: StorySource;
  readonly options: RandomTestOptions;
}

/** A batch to play; `steer` only when it differs from the last batch's (a round's batches share theirs, a megabyte). */
type ToWorker = { readonly batch: number; readonly steer?: Steering; readonly sameSteer?: true };
type FromWorker =
  | { readonly ready: true; readonly hash: string }
  | { readonly batch: number; readonly part: RandomTestPart }
  | { readonly failed: string };

/** True inside a thread started by `startWorker`. */
export function isRandomTestWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.kind === KIND;
}

/**
 * The worker's side: load the story, then play each batch the main thread
 * sends, until it is terminated. `shipped` gives the precompiled shipped story
 * (the bundle passes it), for a `shipped` source.
 */
export async function serveRandomTestWorker(shipped?: () => Promise<LoadResult>): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('serveRandomTestWorker() runs only in a worker thread');
  const input = workerData as WorkerInput;
  const send = (message: FromWorker): void => port.postMessage(message);
  let story: Story | undefined;
  try {
    const loaded = await loadSource(input.source, shipped);
    story = loaded.story;
  } catch (error) {
    send({ failed: `could not load the story: ${error instanceof Error ? error.message : String(error)}` });
    port.close();
    return;
  }
  if (story === undefined) {
    send({ failed: 'the story has errors in this worker (did it change during the run?)' });
    port.close();
    return;
  }
  const loadedStory = story;
  let steer: Steering | undefined;
  port.on('message', (message: ToWorker) => {
    if (message.sameSteer !== true) steer = message.steer;
    try {
      send({ batch: message.batch, part: playBatch(loadedStory, input.options, message.batch, steer) });
    } catch (error) {
      send({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  send({ ready: true, hash: story.hash });
}

async function loadSource(source: StorySource, shipped: (() => Promise<LoadResult>) | undefined): Promise<LoadResult> {
  const alone = await loadStoryOf(source, shipped);
  const dirs = source.packs ?? [];
  if (dirs.length === 0 || alone.story === undefined) return alone;
  const [{ loadPack }, { addPacks }] = await Promise.all([import('../story/pack-load.js'), import('../story/packs.js')]);
  const story = alone.story;
  const packs = await Promise.all(dirs.map((dir) => loadPack(story, dir)));
  const packed = addPacks(story, packs);
  return packed.added.length === packs.length ? { ...alone, story: packed.story } : { problems: alone.problems, stats: alone.stats };
}

async function loadStoryOf(source: StorySource, shipped: (() => Promise<LoadResult>) | undefined): Promise<LoadResult> {
  // The CLI's entry imports this module to ask isRandomTestWorker(); the
  // loader (YAML, schemas) is imported only by a worker that reads YAML.
  if ('dir' in source) return (await import('../story/load.js')).loadStoryDir(source.dir);
  if (shipped === undefined) throw new Error('this worker was given no shipped story to play');
  return shipped();
}

/** What a worker needs besides the batches it is sent. */
export interface WorkerStart {
  readonly source: StorySource;
  readonly options: RandomTestOptions;
  /** The script the worker runs (a path, a URL, or a `file:` URL string): in the bundle, dist/cli.js's own `import.meta.url`. */
  readonly script: string | URL;
  /** The hash of the story the main thread loaded; a worker that loads another story fails. */
  readonly hash: string;
}

/** What a worker tells the thread that started it. */
export interface WorkerEvents {
  /** It loaded the same story and can be sent batches. */
  ready(): void;
  /** It played a batch. */
  played(job: BatchJob, part: RandomTestPart): void;
  /** It failed (or exited before it was told to stop); nothing more comes from it. */
  failed(message: string): void;
}

/** One worker thread, seen from the thread that started it. */
export interface WorkerThread {
  /** Sends a batch to play; batches are played in the order sent. */
  play(job: BatchJob): void;
  /** Ends the worker; resolves when it has stopped. */
  stop(): Promise<void>;
}

/** Starts a worker thread that loads the story and then plays the batches it is sent. */
export function startWorker(start: WorkerStart, events: WorkerEvents): WorkerThread {
  // Worker takes a path or a URL object, not a `file:` URL in a string (what import.meta.url is).
  const script = typeof start.script === 'string' && start.script.startsWith('file:') ? new URL(start.script) : start.script;
  const input: WorkerInput = { kind: KIND, source: start.source, options: start.options };
  const worker = new Worker(script, { workerData: input, argv: [RANDOMTEST_WORKER_ARG] });
  const sent = new Map<number, BatchJob>();
  let lastSteer: Steering | undefined;
  let over = false;
  const fail = (message: string): void => {
    if (over) return;
    over = true;
    void worker.terminate();
    events.failed(message);
  };
  worker.on('message', (message: FromWorker) => {
    if (over) return;
    if ('failed' in message) return fail(message.failed);
    if ('ready' in message) {
      if (message.hash !== start.hash) return fail('the story changed on disk while randomtest was starting');
      return events.ready();
    }
    const job = sent.get(message.batch);
    sent.delete(message.batch);
    if (job !== undefined) events.played(job, message.part);
  });
  worker.on('error', (error) => fail(error.message));
  worker.on('exit', (code) => fail(`a worker stopped with exit code ${code}`));
  return {
    play(job) {
      sent.set(job.batch, job);
      const same = job.steer === lastSteer;
      lastSteer = job.steer;
      const steer = same ? { sameSteer: true as const } : job.steer === undefined ? {} : { steer: job.steer };
      worker.postMessage({ batch: job.batch, ...steer } satisfies ToWorker);
    },
    async stop() {
      if (over) return;
      over = true;
      await worker.terminate();
    },
  };
}
