import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../src/cli/check-command.js';

async function check(opts: Parameters<typeof checkCommand>[0]): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const code = await checkCommand(opts, { stdout } as Parameters<typeof checkCommand>[1]);
  return { code, out };
}

const F = 'tests/fixtures/analysis';

describe('check command', () => {
  it('passes a clean story with a one-line summary', async () => {
    const { code, out } = await check({ dir: `${F}/clean`, json: false, strict: true });
    expect(code).toBe(0);
    expect(out).toBe(`${F}/clean/: 5 scenes, 7 choices, 2 endings, 63 words — no problems\n`);
  });

  it('groups problems under a line per file, then sums them up', async () => {
    const { code, out } = await check({ dir: `${F}/never-true`, json: false, strict: false });
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${F}/never-true/scenes.yaml (4 warnings)`);
    expect(lines.slice(1, 5).every((l) => l.startsWith(`${F}/never-true/scenes.yaml:`) && l.includes(': warning: '))).toBe(true);
    expect(lines[5]).toBe('');
    expect(lines[6]).toMatch(/^tests\/fixtures\/analysis\/never-true\/: 2 scenes, 5 choices, 1 ending, \d+ words — 4 warnings$/);
  });

  it('fails on warnings with --strict', async () => {
    const { code, out } = await check({ dir: `${F}/unused-flag`, json: false, strict: true });
    expect(code).toBe(1);
    expect(out).toContain('— 1 warning (--strict: warnings fail)');
  });

  it('fails on load errors, and runs no analysis on a story that did not load', async () => {
    const { code, out } = await check({ dir: `${F}/dead-end`, json: false, strict: false });
    expect(code).toBe(1);
    expect(out).toContain(`${F}/dead-end/scenes.yaml:10:9: error: scene 'nowhere' has no choices and is not an ending`);
    expect(out).toContain('— 1 error');
  });

  it('prints one JSON object with --json', async () => {
    const { code, out } = await check({ dir: `${F}/soft-lock`, json: true, strict: false });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { ok: boolean; problems: unknown[]; stats: unknown };
    expect(Object.keys(json)).toEqual(['ok', 'problems', 'stats']);
    expect(json.ok).toBe(true);
    expect(json.stats).toEqual({ scenes: 3, choices: 4, endings: 1, words: expect.any(Number) });
    expect(json.problems).toEqual([
      {
        file: `${F}/soft-lock/scenes.yaml`,
        line: 19,
        col: 5,
        severity: 'warning',
        message: expect.stringContaining("scene 'gate' may leave the player no choice"),
      },
    ]);
  });

  it('checks files given in memory (the shipped story) when no folder is given', async () => {
    const files = await Promise.all(
      ['story.yaml', 'scenes.yaml'].map(async (name) => ({
        path: `story/${name}`,
        text: await readFile(`${F}/unused-item/${name}`, 'utf8'),
      })),
    );
    const { code, out } = await check({ files, json: false, strict: false });
    expect(code).toBe(0);
    expect(out).toContain("story/scenes.yaml:6:9: warning: item 'mop' is given here");
    expect(out).toMatch(/\nstory\/: 2 scenes/);
  });
});
