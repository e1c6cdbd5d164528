/**
 * Cold start and keypress latency, in a pty of 80×24: the time from spawning
 * the process to its first frame (the Ink screen, or the first scene in
 * plain mode), beside `node -e 0` spawned the same way in the same rounds,
 * and the time from a key written to the terminal to the next frame.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { PtyProcess, stripAnsi } from './pty.js';
import type { BenchContext, Row } from './rows.js';
import { unmeasured } from './rows.js';
import { median, percentile } from './stats.js';

const FRAME_TIMEOUT_MS = 20_000;
const KEY_TIMEOUT_MS = 2_000;
const DOWN = '\u001b[B';
const UP = '\u001b[A';

/** How one kind of start is recognised: the text its first frame shows. */
interface StartKind {
  readonly name: string;
  readonly argv: readonly string[];
  /** Undefined: the process's exit is its "frame" (`node -e 0`). */
  readonly frame?: (screen: string) => boolean;
  /** Timed to the answer to a key typed as soon as the frame shows, instead of to the frame. */
  readonly answer?: { readonly key: string; readonly shows: (screen: string) => boolean };
}

/** The ratios and medians of cold start, and the keypress latency. */
export async function startupRows(ctx: BenchContext, title: string): Promise<Row[]> {
  const runs = ctx.quick ? 3 : 11;
  const env = await isolatedEnv(ctx);
  const node: StartKind = { name: 'node -e 0', argv: [process.execPath, '-e', '0'] };
  const ink: StartKind = {
    name: 'ink',
    argv: [process.execPath, ctx.cli, '--seed', '1'],
    frame: (screen) => screen.includes(title),
  };
  const plain: StartKind = {
    name: 'plain',
    argv: [process.execPath, ctx.cli, '--plain', '--seed', '1'],
    // The whole first scene is out when the prompt for a choice is.
    frame: (screen) => screen.includes(title) && /\n> $/.test(screen),
  };
  // The title screen is painted before Ink has loaded (src/ui/ink/title.ts): this
  // times how soon it answers a key, i.e. when Ink has taken over.
  const inkKey: StartKind = {
    ...ink,
    name: 'ink, first key',
    // No saves in its folder: Down skips the greyed Continue and Saved games.
    answer: { key: DOWN, shows: (screen) => screen.includes('❯ Settings') },
  };
  const kinds = [node, ink, inkKey, plain];
  const times = new Map<StartKind, number[]>(kinds.map((k) => [k, []]));
  const failures = new Map<StartKind, string>();
  ctx.log(`cold start: ${runs} rounds of ${kinds.map((k) => k.name).join(', ')}`);
  for (let round = 0; round < runs; round++) {
    // Rotating the order spreads the machine's noise over all three alike.
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[(round + i) % kinds.length] as StartKind;
      const ms = await timeStart(kind, env, ctx.root);
      if (typeof ms === 'number') times.get(kind)?.push(ms);
      else failures.set(kind, ms);
    }
  }
  const base = median(times.get(node) ?? []);
  const rows: Row[] = [];
  const section = 'Cold start (pty 80×24)';
  rows.push(startRow('startup.node', section, `node -e 0, median of ${runs}`, times.get(node), failures.get(node)));
  for (const [kind, label, target, id] of [
    [ink, 'Ink screen, first frame', 2.0, 'startup.ink'],
    [inkKey, 'Ink screen, first key answered', undefined, 'startup.inkKey'],
    [plain, 'plain mode, first scene', 1.5, 'startup.plain'],
  ] as const) {
    const ms = times.get(kind) ?? [];
    rows.push(startRow(`${id}.ms`, section, `${label}, median of ${runs}`, ms, failures.get(kind)));
    const ratio = median(ms) / base;
    rows.push(
      Number.isNaN(ratio)
        ? unmeasured({ id: `${id}.ratio`, section, label: `${label} ÷ node -e 0`, unit: '×' }, failures.get(kind) ?? 'no runs')
        : {
            id: `${id}.ratio`,
            section,
            label: `${label} ÷ node -e 0`,
            value: ratio,
            unit: '×',
            ...(target === undefined ? {} : { target: { op: '<=' as const, value: target } }),
          },
    );
  }
  rows.push(...(await keypressRows(ctx, ink, env)));
  return rows;
}

function startRow(id: string, section: string, label: string, ms: readonly number[] | undefined, failure?: string): Row {
  const value = median(ms ?? []);
  if (Number.isNaN(value)) return unmeasured({ id, section, label, unit: 'ms' }, failure ?? 'no runs');
  return {
    id,
    section,
    label,
    value,
    unit: 'ms',
    ...(failure === undefined ? {} : { note: `some runs failed: ${failure}` }),
  };
}

/** Milliseconds from spawn to the first frame (or exit), or why it failed. */
async function timeStart(kind: StartKind, env: NodeJS.ProcessEnv, cwd: string): Promise<number | string> {
  const pty = new PtyProcess(kind.argv, env, cwd);
  try {
    if (kind.frame === undefined) {
      const code = await pty.exitCode();
      return code === 0 ? performance.now() - pty.startedAt : `exit code ${String(code)}`;
    }
    const frame = kind.frame;
    const at = await pty.waitFor((out) => frame(stripAnsi(out)), FRAME_TIMEOUT_MS);
    if (at === undefined) return `no first frame in ${FRAME_TIMEOUT_MS / 1000} s: ${lastLine(pty.output)}`;
    if (kind.answer === undefined) return at - pty.startedAt;
    const { key, shows } = kind.answer;
    pty.type(key);
    const answered = await pty.waitFor((out) => shows(stripAnsi(out)), FRAME_TIMEOUT_MS);
    if (answered === undefined) return `no answer to a key in ${FRAME_TIMEOUT_MS / 1000} s: ${lastLine(pty.output)}`;
    return answered - pty.startedAt;
  } finally {
    await pty.stop();
  }
}

/** The median and 95th percentile from a key typed to the next output, on the Ink screen. */
async function keypressRows(ctx: BenchContext, ink: StartKind, env: NodeJS.ProcessEnv): Promise<Row[]> {
  const presses = ctx.quick ? 6 : 40;
  const section = 'Keypress to frame (pty 80×24)';
  const median_ = { id: 'keypress.median', section, label: `arrow key to next frame, median of ${presses}`, unit: 'ms' };
  const p95 = { id: 'keypress.p95', section, label: 'arrow key to next frame, 95th percentile', unit: 'ms' };
  ctx.log(`keypress latency: ${presses} arrow keys`);
  const pty = new PtyProcess(ink.argv, env, ctx.root);
  const latencies: number[] = [];
  let missed = 0;
  try {
    const frame = ink.frame ?? (() => true);
    if ((await pty.waitFor((out) => frame(stripAnsi(out)), FRAME_TIMEOUT_MS)) === undefined) {
      const why = `the Ink screen showed no first frame: ${lastLine(pty.output)}`;
      return [unmeasured(median_, why), unmeasured(p95, why)];
    }
    await pty.settle(300);
    for (let i = 0; i < presses; i++) {
      const before = pty.output.length;
      const sent = performance.now();
      pty.type(i % 2 === 0 ? DOWN : UP);
      const at = await pty.waitFor((out) => out.length > before, KEY_TIMEOUT_MS);
      if (at === undefined) missed++;
      else latencies.push(at - sent);
      // Let the frame finish, so each key starts from a quiet screen.
      await pty.settle(40);
    }
  } finally {
    await pty.stop();
  }
  if (latencies.length === 0) {
    const why = 'no key changed the screen (does the first screen have two items to move between?)';
    return [unmeasured(median_, why), unmeasured(p95, why)];
  }
  const note = missed > 0 ? `${missed} of ${presses} keys drew nothing within ${KEY_TIMEOUT_MS} ms` : undefined;
  return [
    { ...median_, value: median(latencies), target: { op: '<=', value: 16 }, ...(note === undefined ? {} : { note }) },
    { ...p95, value: percentile(latencies, 95) },
  ];
}

/** An environment whose saves and settings go to this run's scratch folder. */
async function isolatedEnv(ctx: BenchContext): Promise<NodeJS.ProcessEnv> {
  const saves = await mkdtemp(join(ctx.tmp, 'saves-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HYOSAN_SAVE_DIR: saves };
  delete env.NO_COLOR;
  delete env.NODE_OPTIONS;
  // A player's terminal, not CI's: under CI=true Ink draws only its last
  // frame, at exit, so there would be no first frame to time.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  return env;
}

function lastLine(output: string): string {
  const lines = stripAnsi(output).trim().split('\n');
  return JSON.stringify((lines[lines.length - 1] ?? '').slice(0, 120));
}
