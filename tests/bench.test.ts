import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROW_IDS, type BenchReport } from '../bench/run.js';

const run = promisify(execFile);

/** Whether a command exists on this machine (the pty and memory rows need two). */
function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

// The benchmarks time things; this test only checks that they all still run
// and report, the way CI runs them: once, tiny, never failing on a time.
describe('npm run bench --quick', () => {
  let report: BenchReport;

  beforeAll(async () => {
    if (!existsSync('dist/cli.js')) await run(process.execPath, ['scripts/build.mjs']);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--json'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 600_000,
    });
    report = JSON.parse(stdout) as BenchReport;
  }, 660_000);

  it('prints every row, in order', () => {
    expect(report.rows.map((r) => r.id)).toEqual(ROW_IDS);
  });

  it('gives each row a number, or says why it could not be measured', () => {
    for (const row of report.rows) {
      // NaN travels through JSON as null.
      const value = row.value as number | null;
      if (value === null) expect(row.note, row.id).toMatch(/\w/);
      else expect(Number.isFinite(value), row.id).toBe(true);
    }
  });

  it('measures everything that needs no tool beyond Node', () => {
    const measured = (prefix: string) => report.rows.filter((r) => r.id.startsWith(prefix)).every((r) => r.value !== null);
    for (const section of ['story.', 'engine.', 'scale.', 'saves.', 'install.']) expect(measured(section), section).toBe(true);
    if (has('script') && has('stty')) expect(measured('startup.'), 'startup.').toBe(true);
    if (existsSync('/usr/bin/time')) expect(measured('memory.'), 'memory.').toBe(true);
  });

  it('records the machine and the date with the numbers', () => {
    expect(report.quick).toBe(true);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(report.date))).toBe(false);
  });
});
