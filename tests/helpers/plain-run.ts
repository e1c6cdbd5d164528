/**
 * Plays scripted input through plain mode, in memory: what it printed, and
 * the ports it saved to. The suites that check what plain mode tells (say
 * lines, the changes line, check labels, a scene come back to) share it.
 */
import { PassThrough } from 'node:stream';
import type { Story } from '../../src/engine/index.js';
import { newGame, type SavedGame } from '../../src/saves/index.js';
import { playPlain } from '../../src/ui/plain/plain.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/ui/ports.js';
import { MemoryPorts } from './memory-ports.js';

export interface PlainRun {
  /** The game to play from; a new game with seed 1 by default. */
  readonly game?: SavedGame;
  readonly settings?: Settings;
  readonly ports?: MemoryPorts;
}

export async function playPlainText(story: Story, input: string, run: PlainRun = {}): Promise<{ out: string; ports: MemoryPorts }> {
  const ports = run.ports ?? new MemoryPorts(story, 1);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stdin.end(input);
  await playPlain(story, { game: run.game ?? newGame(story, 1), notices: [] }, ports, {
    input: stdin,
    output: stdout,
    echo: true,
    settings: run.settings ?? DEFAULT_SETTINGS,
  });
  return { out, ports };
}
