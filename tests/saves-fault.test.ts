/**
 * Fault injection: a child process saves the same slot in a loop and is
 * killed with SIGKILL at random moments. Whatever is left on disk must load;
 * no kill may leave a save that is corrupt.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SaveError, SaveStore, decodeSave } from '../src/saves/index.js';
import { readSaveFile } from '../src/saves/files.js';
import { saveStory } from './helpers/save-story.js';

const KILLS = 30;
const story = saveStory();
let work: string;
let child: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hyosan-fault-'));
  child = join(work, 'save-loop.cjs');
  // A bundle starts in a few milliseconds, so many kills fit in a few seconds.
  await build({
    entryPoints: [fileURLToPath(new URL('./helpers/save-loop.ts', import.meta.url))],
    outfile: child,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Starts the saving loop and kills it `afterMs` after its first save (or before, when negative). */
function runAndKill(dir: string, afterMs: number): Promise<{ ready: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ready = false;
    let stderr = '';
    const kill = () => proc.kill('SIGKILL');
    proc.stdout.on('data', () => {
      if (!ready) {
        ready = true;
        if (afterMs >= 0) setTimeout(kill, afterMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Some kills land before the first save has finished, even during start-up.
    if (afterMs < 0) setTimeout(kill, -afterMs);
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the saving loop stopped by itself (code ${code}): ${stderr}`));
      else resolve({ ready, stderr });
    });
  });
}

/** Every save file left in `dir` decodes on its own; the slot loads without needing its backup. */
async function checkEverySave(dir: string): Promise<number> {
  let checked = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.json')) continue; // write-file-atomic's unfinished temp files
    const read = await readSaveFile(join(dir, name));
    if (read instanceof SaveError) throw read;
    const game = decodeSave(read.text, story, name);
    expect(game, `${name} is corrupt after a kill`).not.toBeInstanceOf(SaveError);
    checked++;
  }
  const loaded = await new SaveStore({ dir }).load('loop', story);
  if (checked > 0) {
    expect(loaded).not.toBeInstanceOf(SaveError);
    expect((loaded as { notices: readonly string[] }).notices).toEqual([]);
  }
  return checked;
}

it(`every save left behind by ${KILLS} SIGKILLs mid-save loads`, async () => {
  const { readyKills, filesChecked } = await killRepeatedly(join(work, 'saves'), KILLS, 1);
  expect(readyKills).toBeGreaterThanOrEqual(KILLS - Math.ceil(KILLS / 6));
  expect(filesChecked).toBeGreaterThan(KILLS);
}, 60_000);

async function killRepeatedly(dir: string, kills: number, seed: number) {
  let random = seed * 12_345;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  let readyKills = 0;
  let filesChecked = 0;
  for (let i = 0; i < kills; i++) {
    // Mostly while saving (0-60 ms after the first save); one in six during start-up.
    const afterMs = i % 6 === 5 ? -Math.floor(5 + next() * 60) : Math.floor(next() * 60);
    const { ready } = await runAndKill(dir, afterMs);
    if (ready) readyKills++;
    filesChecked += await checkEverySave(dir);
  }
  return { readyKills, filesChecked };
}
