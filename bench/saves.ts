/**
 * Saves after a long game: the time to write one (encode, atomic write,
 * backup of the previous one) and to read it back (read, validate, replay the
 * history), and its size on disk.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Story } from '../src/engine/story-types.js';
import { SaveError, SaveStore, encodeSave } from '../src/saves/index.js';
import type { PlayedGame } from './long-game.js';
import type { BenchContext, Row } from './rows.js';
import { unmeasured } from './rows.js';
import { median } from './stats.js';

const SLOT = 'bench';

/** Write and read times and the size of a save of `played`. */
export async function saveRows(ctx: BenchContext, story: Story | string, played: PlayedGame | undefined): Promise<Row[]> {
  const section = 'Saves (after a long game)';
  const rows = {
    write: { id: 'saves.write', section, label: 'write a save (atomic, with backup)', unit: 'ms' },
    read: { id: 'saves.read', section, label: 'read a save (validate, replay)', unit: 'ms' },
    size: { id: 'saves.size', section, label: 'save size', unit: 'KB' },
  };
  if (typeof story === 'string' || played === undefined) {
    const why = typeof story === 'string' ? story : 'no game was played';
    return Object.values(rows).map((r) => unmeasured(r, why));
  }
  const times = ctx.quick ? 5 : 40;
  const game = played.game;
  const note = `a game of ${played.moves.length} choices (the longest of the random games), median of ${times}`;
  ctx.log(`saves: ${times} writes and reads of a ${played.moves.length}-choice game`);
  const store = new SaveStore({ dir: await mkdtemp(join(ctx.tmp, 'bench-saves-')) });
  const writes: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const error = await store.save(SLOT, story, game);
    writes.push(performance.now() - started);
    if (error !== undefined) return Object.values(rows).map((r) => unmeasured(r, `the save failed: ${error.message}`));
  }
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const loaded = await store.load(SLOT, story);
    reads.push(performance.now() - started);
    if (loaded instanceof SaveError) return Object.values(rows).map((r) => unmeasured(r, `the load failed: ${loaded.message}`));
  }
  const bytes = Buffer.byteLength(encodeSave(story, game, new Date()));
  return [
    { ...rows.write, value: median(writes), target: { op: '<=', value: 5 }, note },
    { ...rows.read, value: median(reads), target: { op: '<=', value: 5 } },
    { ...rows.size, value: bytes / 1024, target: { op: '<=', value: 64 } },
  ];
}
