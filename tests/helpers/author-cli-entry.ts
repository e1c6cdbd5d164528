/**
 * A stand-in for dist/cli.js's entry, bundled by the randomtest tests: it is
 * both the command line (`randomtest ARGS...`) and, started as a worker
 * thread, the randomtest worker — the same design main.ts follows.
 */
import { randomtestCommand } from '../../src/cli/randomtest-command.js';
import { isRandomTestWorker, serveRandomTestWorker } from '../../src/tools/randomtest-worker.js';

if (isRandomTestWorker()) {
  await serveRandomTestWorker();
} else {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'randomtest') throw new Error(`this test entry only runs randomtest, not '${command ?? ''}'`);
  process.exitCode = await randomtestCommand(rest, {
    stdout: process.stdout,
    stderr: process.stderr,
    shippedStory: () => Promise.reject(new Error('this test entry has no shipped story: give randomtest a folder')),
    workerScript: import.meta.url,
  });
}
