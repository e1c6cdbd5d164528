/**
 * docs/AUTHORING.md's worked example works as written: on a copy of story/,
 * each step's command and snippet, taken from the guide itself, gives what
 * the guide shows. Counts that change whenever the story grows (the summary
 * line's totals, how many random games reach the new scene) are compared by
 * their form only.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = process.cwd();
const cli = join(root, 'dist', 'cli.js');

/** The guide's worked example, cut into its fenced blocks (indentation taken off). */
async function exampleBlocks(): Promise<string[]> {
  const guide = await readFile(join(root, 'docs', 'AUTHORING.md'), 'utf8');
  const start = guide.indexOf('## Worked example: adding a scene');
  const section = guide.slice(start, guide.indexOf('\n## ', start + 1));
  return [...section.matchAll(/\n( *)```\w*\n([\s\S]*?)\n\1```/g)].map(([, indent, body]) =>
    body!
      .split('\n')
      .map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line))
      .join('\n'),
  );
}

/** Runs `hyosan ARGS` in `dir`; its output, stdout then stderr. */
async function hyosan(dir: string, command: string): Promise<string> {
  const args = command.replace(/^hyosan /, '').split(' ');
  const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  return stdout + stderr;
}

/** Inserts `snippet` after the first line that is `after` (trimmed) once past the line that is `past`. */
function insertAfter(text: string, past: string, after: string, snippet: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.trim() === past);
  const at = lines.findIndex((l, i) => i > from && l.trim() === after);
  expect([from, at].every((i) => i >= 0), `'${past}' … '${after}'`).toBe(true);
  lines.splice(at + 1, 0, ...snippet.trimEnd().split('\n'));
  return lines.join('\n');
}

/** A summary line with its counts blanked: they change whenever the story grows. */
const countsBlanked = (text: string) => text.replace(/^story\/: [\d,]+ scenes, [\d,]+ choices, [\d,]+ endings, [\d,]+ words/m, 'story/: N');

describe('the worked example in docs/AUTHORING.md', () => {
  let dir = '';
  let blocks: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hyosan-worked-example-'));
    await cp(join(root, 'story'), join(dir, 'story'), { recursive: true });
    await cp(join(root, 'schema'), join(dir, 'schema'), { recursive: true });
    blocks = await exampleBlocks();
  });

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('gives what each step shows, from the new file to a clean check and a playtest', async () => {
    const [create, created, scene, link, checked, torch, grep, grepped] = blocks;
    expect(blocks).toHaveLength(8);

    // 1. new scene writes where the guide says, and says so.
    expect((await hyosan(dir, create!.trim())).trim()).toBe(created!.trim());
    const file = join(dir, 'story/season1/act2/s1/library-returns.yaml');
    expect(await readFile(file, 'utf8')).toContain('id: s1.library-returns');

    // 2 and 3. the scene, and the choice that leads to it, indented like s1.library's own choices.
    await writeFile(file, `${scene}\n`);
    const library = join(dir, 'story/season1/act2/library.yaml');
    const libraryText = await readFile(library, 'utf8');
    const ownBlood = /\n( *)- id: own-blood\n/.exec(libraryText)!;
    expect(/^( *)- id: returns/.exec(link!)![1]).toBe(ownBlood[1]);
    await writeFile(library, insertAfter(libraryText, '- id: own-blood', 'goto: s1.library-fever', link!));

    // 4. check's three warnings, word for word.
    expect(countsBlanked((await hyosan(dir, 'hyosan check story')).trim())).toBe(countsBlanked(checked!.trim()));

    // The fixes: a torch in the staff room's raid, and the keys tested.
    const staffRoom = join(dir, 'story/season1/act1/fourth-floor.yaml');
    await writeFile(staffRoom, insertAfter(await readFile(staffRoom, 'utf8'), '- id: raid', '- give: snacks', torch!));
    const written = await readFile(file, 'utf8');
    expect(written.match(/if: has\("torch"\)\n/g)).toHaveLength(2);
    await writeFile(file, written.replaceAll('if: has("torch")\n', 'if: has("torch") and not has("library_keys")\n'));
    expect(await hyosan(dir, 'hyosan check story --strict')).toMatch(/ — no problems\n$/);

    // 5. a playtest that ends OK, and the new scene's counts in --json.
    expect(await hyosan(dir, 'hyosan randomtest story -n 2000')).toMatch(
      /\nOK: every game reached an ending, and every scene was shown at its time of day\.\n$/,
    );
    const json = await hyosan(dir, grep!.trim().replace(/ \| grep library-returns$/, ''));
    const found = json.split('\n').filter((line) => line.includes('library-returns'));
    const form = (lines: string[]) => lines.map((line) => line.replace(/\d+/g, 'N'));
    expect(form(found)).toEqual(form(grepped!.split('\n')));
  }, 120_000);
});
