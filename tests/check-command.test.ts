import { describe, expect, it } from 'vitest';
import { checkCommand } from '../src/cli/check-command.js';
import { loadStoryDir, type LoadResult } from '../src/story/load.js';
import { packStoryImage, storyFromPacked } from '../src/story/packed-story.js';
import { storyImage } from '../src/story/story-image.js';

function noShippedStory(): Promise<LoadResult> {
  throw new Error('this test checks a folder, not the shipped story');
}

async function check(
  opts: Parameters<typeof checkCommand>[0],
  shippedStory: () => Promise<LoadResult> = noShippedStory,
): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  // A folder with no story/ in it: the hint about the working folder is a test of its own.
  const code = await checkCommand(opts, { stdout, shippedStory, cwd: 'tests' } as Parameters<typeof checkCommand>[1]);
  return { code, out };
}

/** A story as the bundle ships it: precompiled, packed, and rebuilt. */
function precompiled(result: LoadResult): LoadResult {
  if (result.story === undefined) throw new Error('a story with errors has no image');
  return storyFromPacked(packStoryImage(storyImage(result.story, result.stats, result.problems)));
}

const F = 'tests/fixtures/analysis';

describe('check command', () => {
  it('says that it checked the built-in story when no folder is given, and how to check the working files', async () => {
    const shipped = precompiled(await loadStoryDir(`${F}/clean`));
    let out = '';
    const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    const io = { stdout, shippedStory: () => Promise.resolve(shipped), cwd: '.' } as Parameters<typeof checkCommand>[1];
    expect(await checkCommand({ json: false, strict: false }, io)).toBe(0);
    expect(out).toBe(
      'the built-in story: 5 scenes, 7 choices, 2 endings, 63 words — no problems\n' +
        '(That is the story hyosan was built with. To check your working files: hyosan check story)\n',
    );
  });

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

  it.each(['never-true', 'soft-lock', 'unreachable', 'unused-flag', 'unused-item'])(
    'reports on the shipped story from its precompiled image exactly as from its YAML (%s)',
    async (name) => {
      const dir = `${F}/${name}`;
      const shipped = precompiled(await loadStoryDir(dir));
      for (const flags of [
        { json: false, strict: false },
        { json: false, strict: true },
        { json: true, strict: false },
      ]) {
        const fromYaml = await check({ dir, ...flags });
        const fromImage = await check(flags, () => Promise.resolve(shipped));
        expect(fromYaml.out).toMatch(/warning/);
        expect(fromImage).toEqual({ code: fromYaml.code, out: fromYaml.out.replace(`\n${dir}/: `, '\nthe built-in story: ') });
      }
    },
  );
});

describe('check: follow-on problems', () => {
  it('prints the unreadable file first and marks what follows from it in --json', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hyosan-follow-'));
    writeFileSync(join(dir, 'story.yaml'), 'id: t\ntitle: T\nversion: 1.0.0\nstart: a-hall\n');
    writeFileSync(join(dir, 'a-hall.yaml'), 'id: a-hall\ntitle: Hall\nchoices:\n  - id: k\n    text: Kiln\n    goto: z-kiln\n');
    writeFileSync(join(dir, 'z-kiln.yaml'), 'id: z-kiln\ntitle: Kiln\ntext: It says: hot\nending: { title: E }\n');
    const text = (await check({ dir, json: false, strict: false })).out.split('\n');
    expect(text[0]).toBe(`${dir}/z-kiln.yaml (1 error)`);
    expect(text[3]).toBe(`${dir}/a-hall.yaml (1 error)`);
    const json = JSON.parse((await check({ dir, json: true, strict: false })).out) as { problems: { file: string; cause?: string }[] };
    expect(json.problems.map((p) => p.cause)).toEqual([`${dir}/z-kiln.yaml:3:14`, undefined]);
  });
});
