/**
 * `randomtest --workers K`: the same batches as `runRandomTest`, played on
 * worker threads and merged, so the result does not depend on K.
 *
 * A worker must be able to start from the single bundled file dist/cli.js,
 * so the worker script IS the CLI: the caller passes the script's URL (in
 * the bundle, `import.meta.url`), started with `RANDOMTEST_WORKER_ARG`; the
 * CLI's entry sees that argument, checks `isRandomTestWorker()` and, if so, calls `serveRandomTestWorker()`
 * instead of running the command line. Each worker loads the story itself
 * from the folder it is given, or (`shipped`) takes the shipped story the
 * bundle precompiled, and checks it got the same story as the main thread
 * by its hash. Batches are handed out one at a time,
 * which balances the load; which worker plays a batch does not matter.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Story } from '../engine/types.js';
import type { LoadResult } from '../story/load.js';
import { RANDOMTEST_WORKER_ARG } from './randomtest-worker-arg.js';
import { batchCount, mergeParts, playBatch, type RandomTestOptions, type RandomTestPart } from './randomtest.js';

const KIND = 'hyosan-randomtest-worker';

/** Where a worker finds the story: the folder to read, or the shipped story the bundle precompiled; and the pack folders added to it. */
export type StorySource = ({ readonly dir: string } | { readonly shipped: true }) & { readonly packs?: readonly string[] };

interface WorkerInput {
  readonly kind: typeof KIND;
  readonly source: StorySource;
  readonly options: RandomTestOptions;
}

type ToWorker = { readonly batch: number } | { readonly done: true };
type FromWorker =
  | { readonly ready: true; readonly hash: string }
  | { readonly batch: number; readonly part: RandomTestPart }
  | { readonly failed: string };

/** True inside a thread started by `runRandomTestInWorkers`. */
export function isRandomTestWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.kind === KIND;
}

/**
 * The worker's side: load the story, then play each batch the main thread
 * sends until told to stop. `shipped` gives the precompiled shipped story
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
  port.on('message', (message: ToWorker) => {
    if ('done' in message) {
      port.close();
      return;
    }
    try {
      send({ batch: message.batch, part: playBatch(loadedStory, input.options, message.batch) });
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

/** How to spread the run. */
export interface WorkerPlan {
  readonly workers: number;
  /** The script each worker runs (a path, a URL, or a `file:` URL string): in the bundle, dist/cli.js's own `import.meta.url`. */
  readonly script: string | URL;
  /** The hash of the story the main thread loaded; a worker that loads another story fails the run. */
  readonly hash: string;
  readonly onProgress?: (gamesDone: number) => void;
}

/** Plays the run's batches on `plan.workers` threads and merges what they found. */
export function runRandomTestInWorkers(
  source: StorySource,
  options: RandomTestOptions,
  plan: WorkerPlan,
): Promise<RandomTestPart> {
  const total = batchCount(options.runs);
  const count = Math.max(1, Math.min(plan.workers, total));
  const parts: RandomTestPart[] = [];
  let nextBatch = 0;
  let gamesDone = 0;
  const workers: Worker[] = [];
  // Worker takes a path or a URL object, not a `file:` URL in a string (what import.meta.url is).
  const script = typeof plan.script === 'string' && plan.script.startsWith('file:') ? new URL(plan.script) : plan.script;
  return new Promise<RandomTestPart>((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      reject(new Error(`randomtest worker: ${message}`));
    };
    let running = count;
    const input: WorkerInput = { kind: KIND, source, options };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: input, argv: [RANDOMTEST_WORKER_ARG] });
      workers.push(worker);
      const feed = (): void => {
        if (nextBatch < total) worker.postMessage({ batch: nextBatch++ } satisfies ToWorker);
        else worker.postMessage({ done: true } satisfies ToWorker);
      };
      worker.on('message', (message: FromWorker) => {
        if ('failed' in message) return fail(message.failed);
        if ('ready' in message) {
          if (message.hash !== plan.hash) return fail('the story changed on disk while randomtest was starting');
          return feed();
        }
        parts.push(message.part);
        gamesDone += message.part.games;
        plan.onProgress?.(gamesDone);
        feed();
      });
      worker.on('error', (error) => fail(error.message));
      worker.on('exit', (code) => {
        running--;
        if (settled) return;
        if (code !== 0) return fail(`a worker stopped with exit code ${code}`);
        if (running > 0) return;
        if (parts.length !== total) return fail(`only ${parts.length} of ${total} batches came back`);
        settled = true;
        resolve(mergeParts(parts));
      });
    }
  });
}
