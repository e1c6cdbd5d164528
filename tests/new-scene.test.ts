import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args.js';
import { newCommand, sceneIdProblem, scenePath } from '../src/cli/new-command.js';
import { loadStoryDir } from '../src/story/load.js';
import { runHyosan } from './helpers/run-cli.js';
import { fillTmpfs, mountSmallTmpfs, unmountSmallTmpfs } from './helpers/small-tmpfs.js';

/** Captures what a command writes. */
function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    streams: {
      stdout: { write: (s: string) => ((out.stdout += s), true) },
      stderr: { write: (s: string) => ((out.stderr += s), true) },
    } as unknown as Parameters<typeof newCommand>[1],
  };
}

describe('new scene', () => {
  let root = '';
  let story = '';

  beforeEach(async () => {
    // A repository layout: schema/ beside story/.
    root = await mkdtemp(join(tmpdir(), 'hyosan-new-'));
    story = join(root, 'story');
    await mkdir(join(root, 'schema'), { recursive: true });
    await writeFile(join(root, 'schema', 'scene.schema.json'), '{}');
    await mkdir(story);
    await writeFile(
      join(story, 'story.yaml'),
      'id: t\ntitle: T\nversion: 1.0.0\nstart: s1.library-stacks\nclock: { day: 1, time: "09:00" }\n',
    );
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('maps an id to a path: each dot a folder, the last part the file', () => {
    expect(scenePath('story', 's1.library-stacks')).toBe(join('story', 's1', 'library-stacks.yaml'));
    expect(scenePath('story', 'title')).toBe(join('story', 'title.yaml'));
    expect(scenePath('my', 's2.zone.gate')).toBe(join('my', 's2', 'zone', 'gate.yaml'));
  });

  it('writes a scene that loads, with the schema line for editors', async () => {
    const { out, streams } = io();
    expect(await newCommand(['scene', 's1.library-stacks', '--dir', story], streams)).toBe(0);
    const path = join(story, 's1', 'library-stacks.yaml');
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/scene.schema.json');
    expect(text).toContain('id: s1.library-stacks\ntitle: Library Stacks\n');
    expect(out.stdout).toContain(`Created ${path}`);
    expect(out.stderr).toBe('');

    const loaded = await loadStoryDir(story);
    expect(loaded.problems).toEqual([]);
    const scene = loaded.story?.scenes.get('s1.library-stacks');
    expect(scene?.choices.map((c) => c.id)).toEqual(['go-on']);
  });

  it('refuses to overwrite an existing file, and leaves it as it was', async () => {
    const path = join(story, 's1', 'library-stacks.yaml');
    await mkdir(join(story, 's1'));
    await writeFile(path, 'mine\n');
    const { out, streams } = io();
    expect(await newCommand(['scene', 's1.library-stacks', '--dir', story], streams)).toBe(1);
    expect(out.stderr).toBe(`hyosan: ${path} already exists; not overwriting it (pick another id, or edit that file)\n`);
    expect(await readFile(path, 'utf8')).toBe('mine\n');
  });

  it('refuses an id another file already has, wherever that file is, and writes nothing', async () => {
    await mkdir(join(story, 'act2'));
    const other = join(story, 'act2', 'stacks.yaml');
    await writeFile(other, 'scenes:\n  - id: s1.library-stacks\n    title: Stacks\n    choices:\n      - id: s1.gate\n        text: Go\n        goto: s1.library-stacks\n');
    const { out, streams } = io();
    expect(await newCommand(['scene', 's1.library-stacks', '--dir', story], streams)).toBe(1);
    expect(out.stderr).toBe(
      `hyosan: ${other} already has a scene with the id 's1.library-stacks'; pick another id (scene ids are unique in a story)\n`,
    );
    await expect(readFile(join(story, 's1', 'library-stacks.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);
    // A choice's id is not a scene's, and neither is the story's own id.
    expect(await newCommand(['scene', 's1.gate', '--dir', story], io().streams)).toBe(0);
    expect(await newCommand(['scene', 't', '--dir', story], io().streams)).toBe(0);
  });

  it('refuses an invalid id as a mistake on the command line, without writing anything', async () => {
    for (const id of ['Library Stacks', 's1..stacks', 's1.', '.s1', '__proto__', 's1/stacks', '../x']) {
      expect(sceneIdProblem(id), id).toBeDefined();
      await expect(newCommand(['scene', id, '--dir', story], io().streams), id).rejects.toThrow(
        /^new scene: '.*' is not a valid scene id/,
      );
    }
    expect(sceneIdProblem('s1.library-stacks_2')).toBeUndefined();
    expect(await readdir(story)).toEqual(['story.yaml']);
  });

  it('refuses an id over 100 characters, and names Windows keeps for devices, leaving nothing behind', async () => {
    const cases: [string, RegExp][] = [
      [`s1.${'x'.repeat(300)}`, /^new scene: 's1\.x+\.\.\.' is 303 characters long; a scene id has at most 100$/],
      ['CON', /^new scene: 'CON' cannot be a file name: Windows keeps 'CON' for a device/],
      ['s1.nul', /Windows keeps 'nul' for a device/],
      ['com1.gate', /Windows keeps 'com1' for a device/],
      ['lpt9', /Windows keeps 'lpt9' for a device/],
    ];
    for (const [id, message] of cases) {
      await expect(newCommand(['scene', id, '--dir', story], io().streams), id).rejects.toThrow(message);
    }
    expect(sceneIdProblem(`s1.${'x'.repeat(97)}`)).toBeUndefined();
    expect(sceneIdProblem('s1.console')).toBeUndefined();
    expect(await readdir(story)).toEqual(['story.yaml']);
  });

  it('exits 2 from the command line for a bad id, with one line and no stack trace', () => {
    for (const id of ['../x', `s1.${'x'.repeat(300)}`, 'CON']) {
      const run = runHyosan(['new', 'scene', id, '--dir', story]);
      expect(run.status, id).toBe(2);
      expect(run.stderr, id).toMatch(/^hyosan: new scene: '.*'.*\nTry 'hyosan --help'\.\n$/);
    }
  });

  it('says what went wrong, without a stack trace, when the folder cannot be made', async () => {
    // A file where the new scene's folder would go.
    await writeFile(join(story, 'blocker'), 'x');
    const { out, streams } = io();
    expect(await newCommand(['scene', 'blocker.deeper.gate', '--dir', story], streams)).toBe(1);
    expect(out.stderr).toMatch(/^hyosan: cannot write .*gate\.yaml \(ENOTDIR\); nothing was created\n$/);
    expect((await readdir(story)).sort()).toEqual(['blocker', 'story.yaml']);
  });

  describe('on a full disk', () => {
    const disk = mountSmallTmpfs(64);
    afterAll(() => unmountSmallTmpfs(disk));

    it.skipIf(disk === undefined)('takes away the folders it made when the file cannot be written', async () => {
      const full = join(disk!, 'story');
      await mkdir(full);
      await writeFile(join(full, 'story.yaml'), 'id: t\ntitle: T\nstart: a\n');
      fillTmpfs(disk!, 0);
      const { out, streams } = io();
      expect(await newCommand(['scene', 's1.deep.gate', '--dir', full], streams)).toBe(1);
      expect(out.stderr).toMatch(/^hyosan: cannot write .*gate\.yaml \(ENOSPC\); nothing was created\n$/);
      expect(await readdir(full)).toEqual(['story.yaml']);
    });
  });

  it('points the schema line beside the story folder, with a note, when it finds no schema', async () => {
    await rm(join(root, 'schema'), { recursive: true });
    const { out, streams } = io();
    expect(await newCommand(['scene', 'gate', '--dir', story], streams)).toBe(0);
    const text = await readFile(join(story, 'gate.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scene.schema.json');
    expect(out.stderr).toContain('no schema/scene.schema.json found');
  });

  it('asks what to create when the word scene or the id is missing', async () => {
    const { streams } = io();
    await expect(newCommand(['room', 'x'], streams)).rejects.toThrow(UsageError);
    await expect(newCommand(['scene'], streams)).rejects.toThrow("new scene: give the new scene's id");
    await expect(newCommand(['scene', 'x', '--force'], streams)).rejects.toThrow("unknown option '--force'");
  });
});
