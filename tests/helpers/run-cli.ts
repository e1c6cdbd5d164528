/**
 * The built command line (dist/cli.js, built by `npm test` before the tests)
 * run in a child process with piped input, and small story folders written
 * to a temp folder for it to read.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const cli = join(repoRoot, 'dist', 'cli.js');

/** What a run printed and how it ended (`status` is null when it was killed, e.g. after `timeout`). */
export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one run: the input piped in, extra environment, and a time limit that ends a hang. */
export interface CliRunOptions {
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Milliseconds before the child is killed (a hang then fails the test instead of stalling it). */
  readonly timeout?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs `hyosan ARGS` (never in a terminal: input and output are pipes). */
/**
 * Whether the user `nobody` (uid 65534) can run the built command line: not
 * when the checkout sits under a folder only its owner may enter (a
 * `mktemp -d` clone). Tests that drop to `nobody` when run as root skip then.
 */
export function nobodyCanRunCli(): boolean {
  const probe = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(cli)})`], {
    uid: 65534,
    gid: 65534,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

export function runHyosan(args: readonly string[], options: CliRunOptions = {}): CliRun {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: options.timeout ?? 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  };
  const result = spawnSync(process.execPath, [cli, ...args], spawnOptions);
  return {
    status: result.status,
    signal: result.signal,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
  };
}

/** story.yaml of a one-scene story with an ending, for `writeStory`. */
export const SMALL_STORY_YAML = `id: small
title: A Small Story
version: 1.0.0
start: hall
`;

/** A scene file that goes with SMALL_STORY_YAML: one choice that leads to an ending. */
export const SMALL_SCENES_YAML = `scenes:
  - id: hall
    title: The Hall
    text: |
      The hall is empty.
    choices:
      - id: leave
        text: Leave
        goto: out
  - id: out
    title: Outside
    text: |
      You are outside.
    ending:
      title: Out
`;

/** Writes `files` (path → text) into a new temp folder; returns the folder. */
export function writeStory(files: Readonly<Record<string, string>>, prefix = 'hyosan-story-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** True when `text` holds a character that could control a terminal (ESC, BEL, C1, bidi overrides...). */
export function hasRawControl(text: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text);
}
