/** What a command may use from the outside world, passed in so tests can supply their own. */

import type { Readable, Writable } from 'node:stream';
import type { LoadResult } from '../story/load.js';

/** A terminal output stream; `columns`/`isTTY` are set when it is a terminal. */
export type TerminalOutput = Writable & { readonly isTTY?: boolean; readonly columns?: number };

/** A terminal input stream; `isTTY` is set when it is a terminal. */
export type TerminalInput = Readable & { readonly isTTY?: boolean };

/** Everything a command may use from the outside world. */
export interface CliContext {
  readonly stdin: TerminalInput;
  readonly stdout: TerminalOutput;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The shipped story, loaded: in the bundle, rebuilt from the image the
   * build precompiled (no YAML parsed), with the loader's warnings and the
   * story's size, so every command (play, check, graph, …) starts from it.
   */
  readonly shippedStory: () => Promise<LoadResult>;
  /** The script `randomtest` starts its worker threads from (the CLI bundle itself); absent, it runs in one thread. */
  readonly workerScript?: string | URL;
  /** How the player started hyosan (`npx hyosan`, `node dist/cli.js`; see launch-command.ts), for the line that says how to resume; `hyosan` when absent. */
  readonly launchedAs?: string;
  /** Calls `listener` on Ctrl+C (SIGINT) instead of ending the process; returns a function that stops it. */
  readonly onInterrupt?: (listener: () => void) => () => void;
}

/** Reports a feature that parses but is not built yet; resolves to exit code 2. */
export function notAvailableYet(ctx: CliContext, what: string): number {
  ctx.stderr.write(`hyosan: ${what} is not available yet in this version.\n`);
  return 2;
}
