/**
 * A process in a pseudo-terminal (80×24 unless told otherwise) without a native module: util-linux
 * `script` gives the command a pty, `stty` sizes it, and we read what the
 * terminal shows through `script`'s stdout and type through its stdin. The
 * terminal's own cost is in every measurement made this way, so compare
 * them with each other (`node -e 0` is measured the same way), not with
 * numbers taken otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** The columns and rows every measurement uses. */
export const COLUMNS = 80;
export const ROWS = 24;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]|\r/g;

/** What a terminal would show as text: escape sequences and carriage returns removed. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Quotes a word for `sh -c`. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command running in a pty: its output so far, and a way to type into it. */
export class PtyProcess {
  /** Everything the terminal received, as text. */
  output = '';
  /** When the process was spawned (`performance.now()`). */
  readonly startedAt: number;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();
  private exited = false;
  private readonly exit: Promise<number | null>;

  constructor(
    argv: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
    cwd?: string,
    { columns = COLUMNS, rows = ROWS }: { readonly columns?: number; readonly rows?: number } = {},
  ) {
    const command = `stty cols ${columns} rows ${rows} && exec ${argv.map(shellWord).join(' ')}`;
    this.startedAt = performance.now();
    // detached: its own process group, so stop() ends the command and everything it started.
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...env, TERM: env.TERM ?? 'xterm-256color', COLUMNS: String(columns), LINES: String(rows) },
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true,
      ...(cwd === undefined ? {} : { cwd }),
    });
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => {
      this.output += chunk;
      for (const wake of [...this.waiters]) wake();
    });
    this.exit = new Promise((resolve) => {
      this.child.on('close', (code) => {
        this.exited = true;
        for (const wake of [...this.waiters]) wake();
        resolve(code);
      });
    });
  }

  /** Resolves when `done(output)` holds (with the time it did), or undefined on exit or timeout. */
  waitFor(done: (output: string) => boolean, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        if (done(this.output)) {
          finish(performance.now());
          return true;
        }
        if (this.exited) finish(undefined);
        return this.exited;
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const finish = (at: number | undefined): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(at);
      };
      const wake = (): void => {
        check();
      };
      if (!check()) this.waiters.add(wake);
    });
  }

  /** Resolves when no output has arrived for `quietMs` (or after `timeoutMs`). */
  async settle(quietMs: number, timeoutMs = 5000): Promise<void> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const length = this.output.length;
      await new Promise((r) => setTimeout(r, quietMs));
      if (this.output.length === length || this.exited || performance.now() > until) return;
    }
  }

  /** Types `text` into the terminal. */
  type(text: string): void {
    this.child.stdin?.write(text);
  }

  /** Resolves with the exit code when the command ends (`script` passes it on with -e). */
  exitCode(): Promise<number | null> {
    return this.exit;
  }

  /** Ends the command and everything it started. */
  async stop(): Promise<void> {
    if (!this.exited && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    }
    await this.exit;
  }
}
