/**
 * Starts the Ink screen. The command line imports this module lazily, so
 * plain mode and `check` never evaluate React or Ink.
 */

import { render } from 'ink';
import type { Readable, Writable } from 'node:stream';
import type { GameState, Story } from '../engine/index.js';
import { App } from './App.js';

/** The terminal the screen draws on. */
export interface InkIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Colours allowed (false under NO_COLOR). */
  readonly color: boolean;
}

/** Plays from `state` on the Ink screen until the player leaves; resolves to the exit code. */
export async function playInk(story: Story, state: GameState, io: InkIo): Promise<number> {
  // The command line only gets here when stdin and stdout are terminals, so
  // these are the process's TTY streams that Ink's types ask for.
  const instance = render(<App story={story} initial={state} color={io.color} />, {
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    exitOnCtrlC: true,
  });
  try {
    const result = await instance.waitUntilExit();
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    io.stderr.write(`hyosan: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
