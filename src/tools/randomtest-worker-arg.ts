/**
 * The argument a `randomtest --workers` thread is started with. The CLI's
 * entry looks for it before loading anything: every start checks whether it
 * is such a thread, and `node:worker_threads` alone would cost that check
 * milliseconds.
 */
export const RANDOMTEST_WORKER_ARG = '--hyosan-randomtest-worker';
