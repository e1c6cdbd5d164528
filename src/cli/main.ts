/**
 * The entry point of dist/cli.js: the one place that touches the real
 * process (argv, env, the standard streams, the exit code).
 */

import type { LoadResult } from '../story/load.js';
import { RANDOMTEST_WORKER_ARG } from '../tools/randomtest-worker-arg.js';
import { launchCommand } from './launch-command.js';
import { runCli } from './run.js';
import { shippedStory } from './shipped-story.js';

/** The shipped story, from the image the build writes beside this file (dist/story.br). */
const shipped = (): Promise<LoadResult> => shippedStory(new URL('story.br', import.meta.url));

// `randomtest --workers K` starts this same file as its worker threads; a
// game never loads the worker's code.
const worker = process.argv[2] === RANDOMTEST_WORKER_ARG ? await import('../tools/randomtest-worker.js') : undefined;
if (worker?.isRandomTestWorker() === true) {
  await worker.serveRandomTestWorker(shipped);
} else {
  await main();
}

async function main(): Promise<void> {
  // `hyosan --help | head -1` closes the pipe early; that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  // Ink colours through chalk, which honours FORCE_COLOR but not NO_COLOR. It
  // reads the variable when first evaluated, which is after this line because
  // the Ink screen is imported lazily.
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

  try {
    process.exitCode = await runCli(process.argv.slice(2), {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      shippedStory: shipped,
      workerScript: import.meta.url,
      launchedAs: launchCommand({ script: process.argv[1], env: process.env, cwd: process.cwd() }),
      onInterrupt: (listener) => {
        process.on('SIGINT', listener);
        return () => process.off('SIGINT', listener);
      },
    });
  } catch (error) {
    // A bug, not a player's or an author's mistake: say so and keep the details.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`hyosan: internal error, please report it:\n${detail}\n`);
    process.exitCode = 70;
  }
}
