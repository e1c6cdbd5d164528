/**
 * Peak memory (maximum resident set size) of a whole scripted game in plain
 * mode, as `/usr/bin/time -f %M` reports it for the process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Story } from '../src/engine/story-types.js';
import { plainModeLines } from '../src/tools/randomtest-report.js';
import { generateLoopStory, writeStory } from './gen-story.js';
import type { PlayedGame } from './long-game.js';
import type { BenchContext, Row } from './rows.js';
import { unmeasured } from './rows.js';
import { median } from './stats.js';

const TIME = '/usr/bin/time';
const LONG_GAME = 200;

/** Peak RSS of the longest scripted game on the shipped story, and of a 200-choice game. */
export async function memoryRows(ctx: BenchContext, story: Story | string, played: PlayedGame | undefined): Promise<Row[]> {
  const section = 'Memory (plain mode, peak RSS)';
  const shipped = { id: 'memory.shipped', section, label: 'shipped story, longest scripted game', unit: 'MB' };
  const long = { id: 'memory.long', section, label: `${LONG_GAME}-choice game (generated looping story)`, unit: 'MB' };
  if (!existsSync(TIME)) return [unmeasured(shipped, `${TIME} is not installed`), unmeasured(long, `${TIME} is not installed`)];
  const repeats = ctx.quick ? 1 : 3;
  const saves = await mkdtemp(join(ctx.tmp, 'memory-saves-'));
  const rows: Row[] = [];

  if (typeof story === 'string' || played === undefined) rows.push(unmeasured(shipped, typeof story === 'string' ? story : 'no game'));
  else {
    ctx.log(`memory: a scripted ${played.moves.length}-choice game in plain mode, ${repeats}×`);
    const lines = plainModeLines(story, played.seed, played.moves);
    const ending = story.scenes.get(played.game.state.scene)?.ending?.title ?? '';
    const argv = [ctx.cli, '--plain', '--seed', String(played.seed)];
    rows.push(await peakRow(shipped, argv, lines, ending, saves, repeats, `${played.moves.length} choices to an ending`));
  }

  ctx.log(`memory: a scripted ${LONG_GAME}-choice game on a generated story, ${repeats}×`);
  const dir = join(ctx.tmp, 'loop-story');
  await writeStory(dir, generateLoopStory(LONG_GAME));
  const argv = [ctx.cli, '--plain', '--seed', '1', '--story', dir];
  rows.push(await peakRow(long, argv, Array<string>(LONG_GAME).fill('1'), 'Out', saves, repeats, 'loads the story from YAML'));
  return rows;
}

async function peakRow(
  row: Omit<Row, 'value'>,
  argv: readonly string[],
  lines: readonly string[],
  ending: string,
  saveDir: string,
  repeats: number,
  note: string,
): Promise<Row> {
  const peaks: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const result = await peakRss(argv, lines, saveDir);
    if (typeof result === 'string') return unmeasured(row, result);
    if (ending !== '' && !result.stdout.includes(ending)) {
      return unmeasured(row, `the scripted game did not reach its ending '${ending}' (did plain mode's prompts change?)`);
    }
    peaks.push(result.kilobytes / 1024);
  }
  return { ...row, value: median(peaks), target: { op: '<=', value: 100 }, note };
}

/** Runs `node argv…` under /usr/bin/time with `lines` as its input; its output and peak RSS in KB. */
function peakRss(
  argv: readonly string[],
  lines: readonly string[],
  saveDir: string,
): Promise<{ stdout: string; kilobytes: number } | string> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HYOSAN_SAVE_DIR: saveDir };
    delete env.NODE_OPTIONS;
    const child = spawn(TIME, ['-f', 'peak-rss-kb %M', process.execPath, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.on('error', () => {}); // The game may end before reading every line.
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
    child.on('close', (code) => {
      const match = /peak-rss-kb (\d+)/.exec(stderr);
      if (match === null) resolve(`no peak RSS reported (exit ${String(code)}): ${stderr.trim().slice(-200)}`);
      else if (code !== 0) resolve(`the game exited with ${String(code)}: ${stderr.replace(match[0], '').trim().slice(-200)}`);
      else resolve({ stdout, kilobytes: Number(match[1]) });
    });
  });
}
