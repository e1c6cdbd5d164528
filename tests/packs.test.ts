/**
 * Story packs: a pack compiled against a small story (tests/fixtures/
 * pack-base) adds scenes, names and hooks, adds paragraphs and choices to
 * the story's scenes, and is refused — at its own file:line:col — whenever
 * it would replace what is the story's, reach outside its namespace, or
 * extend what the story no longer has.
 */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { choicesOf, sceneView, start, step } from '../src/engine/index.js';
import type { Story } from '../src/engine/story-types.js';
import { loadStoryDir } from '../src/story/load.js';
import { loadPack, readPackFolder } from '../src/story/pack-load.js';
import { addPacks, compilePack, isSound, type CompiledPack } from '../src/story/packs.js';
import { formatProblem } from '../src/story/problem.js';

const BASE = 'tests/fixtures/pack-base';
const CELLAR = 'tests/fixtures/packs/cellar';

let story: Story;
beforeAll(async () => {
  const loaded = await loadStoryDir(BASE);
  expect(loaded.problems).toEqual([]);
  story = loaded.story!;
});

const MANIFEST = `id: attic
title: The Attic
version: 0.1.0
author: Someone
story: { id: school, versions: ">=1.0.0 <2.0.0" }
`;

/** A pack compiled from `files` (path inside the pack → text), pack.yaml defaulting to a sound one. */
function pack(files: Record<string, string>, folder = 'attic/'): CompiledPack {
  const all = { 'pack.yaml': MANIFEST, ...files };
  return compilePack(story, {
    folder,
    files: Object.entries(all).map(([path, text]) => ({ path: `${folder}${path}`, text })),
    problems: [],
  });
}

/** Every problem of a pack, as `check` prints them. */
function problems(p: CompiledPack, severity?: 'error' | 'warning'): string[] {
  return p.problems.filter((q) => severity === undefined || q.severity === severity).map(formatProblem);
}

const ATTIC_SCENE = `id: attic.loft
title: The Loft
text: Dust, and a skylight.
choices:
  - id: down
    text: Climb down
    goto: "@back"
`;

describe('a sound pack', () => {
  it('adds its scenes, names and the choices and paragraphs its extends give the story’s scenes', async () => {
    const cellar = await loadPack(story, CELLAR);
    expect(problems(cellar, 'error')).toEqual([]);
    const { story: played, added } = addPacks(story, [cellar]);
    expect(added).toEqual([cellar]);
    expect(played.packs).toEqual([{ id: 'cellar', version: '1.0.0', title: 'The Cellar' }]);
    expect(played.scenes.has('cellar.steps')).toBe(true);
    expect(played.scenes.size).toBe(story.scenes.size + 2);
    expect(Object.keys(played.stats)).toEqual(['health', 'noise', 'cellar.damp']);
    expect(played.items['cellar.key']?.label).toBe('Iron key');
    expect(played.characters['cellar.caretaker']?.name).toBe('The caretaker');
    // The story's own scene gains the pack's choice after its own, its id in the pack's namespace.
    const hall = played.scenes.get('hall')!;
    expect(hall.choices.map((c) => c.id)).toEqual(['search', 'up', 'cellar.down']);
    expect(hall.text.length).toBe(story.scenes.get('hall')!.text.length + 1);
    // And the story itself is untouched.
    expect(story.scenes.get('hall')!.choices.map((c) => c.id)).toEqual(['search', 'up']);
    expect(story.packs).toBeUndefined();
    expect(played.hash).not.toBe(story.hash);
  });

  it('plays into the pack’s scene and back into the story’s scene as it was', async () => {
    const { story: played } = addPacks(story, [await loadPack(story, CELLAR)]);
    let state = start(played, 1);
    expect(sceneView(played, state).paragraphs.join('\n')).toContain('a low door');
    expect(choicesOf(played, state).map((c) => c.id)).toContain('cellar.down');
    state = step(played, state, 'cellar.down');
    expect(state.scene).toBe('cellar.steps');
    state = step(played, state, 'caretaker');
    expect(state.scene).toBe('hall');
    expect(state.items['cellar.key']).toBe(1);
    expect(state.party).toContain('cellar.caretaker');
    // The paragraph and the choice are gone once the cellar was opened.
    expect(choicesOf(played, state).map((c) => c.id)).toEqual(['search', 'up']);
  });

  it('runs the effects it adds to a story’s choice after the choice’s own', async () => {
    const { story: played } = addPacks(story, [await loadPack(story, CELLAR)]);
    const state = step(played, start(played, 1), 'search');
    expect(state.items.torch).toBe(1);
    expect(state.stats['cellar.damp']).toBe(1);
  });

  it('gets the prefix on a choice it adds, written or not', () => {
    const p = pack({
      'loft.yaml': ATTIC_SCENE,
      'way-in.yaml': `extend:
  scene: stair
  choices:
    - { id: attic.hatch, text: Push the hatch, call: attic.loft }
    - { text: Knock on the ceiling, call: attic.loft }
`,
    });
    expect(problems(p, 'error')).toEqual([]);
    expect(addPacks(story, [p]).story.scenes.get('stair')!.choices.map((c) => c.id)).toEqual([
      'out',
      'fall',
      'attic.hatch',
      'attic.knock-on-the-ceiling',
    ]);
  });
});

describe('what a pack may not do', () => {
  it('replace a scene of the story', () => {
    const p = pack({ 'hall.yaml': 'id: hall\ntitle: My Hall\ntext: Mine now.\nending: { title: Mine }\n' });
    expect(problems(p)).toEqual([
      `attic/hall.yaml:1:5: error: pack 'attic' tries to replace scene 'hall' of the story: a pack can only add to it with extend (see docs/AUTHORING.md, "Writing a pack")`,
    ]);
    expect(isSound(p)).toBe(false);
  });

  it('extend a scene the story does not have, naming it as gone', () => {
    const p = pack({ 'way-in.yaml': 'extend:\n  scene: stairs\n  text: A draught.\n' });
    expect(problems(p)).toEqual([
      "attic/way-in.yaml:2:10: error: pack 'attic' extends the scene 'stairs', which school 1.2.0 does not have — did you mean 'stair'? (the story may have changed since the pack was written for school >=1.0.0 <2.0.0)",
    ]);
  });

  it('extend a choice the scene does not have, naming it as gone', () => {
    const p = pack({ 'way-in.yaml': 'extend:\n  scene: hall\n  choice: serch\n  effects: [ { set: attic.x } ]\n' });
    expect(problems(p, 'error')).toEqual([
      "attic/way-in.yaml:3:11: error: pack 'attic' extends the choice 'serch' of scene 'hall', which school 1.2.0 does not have — did you mean 'search'? (the story may have changed since the pack was written for school >=1.0.0 <2.0.0)",
    ]);
  });

  it('send a story’s choice elsewhere, or add choices to an ending', () => {
    const p = pack({
      'loft.yaml': ATTIC_SCENE,
      'way-in.yaml': `extend:
  - scene: stair
    choice: out
    effects:
      - chance: 50
        then: [ { goto: attic.loft } ]
  - scene: roof
    text: The wind drops.
    choices:
      - { id: again, text: Go back down, goto: hall }
`,
    });
    expect(problems(p, 'error')).toEqual([
      "attic/way-in.yaml:5:7: error: effects added to the story's choice cannot include a goto: where the story's choice leads is the story's; add a choice of the pack's own instead",
      "attic/way-in.yaml:9:5: error: scene 'roof' is an ending: a pack may add text to it, not choices (whether the story goes on from there is the story's)",
    ]);
  });

  it('add names outside its namespace', () => {
    const p = pack({
      'loft.yaml': `id: loft
title: The Loft
text: Dust.
choices:
  - id: take
    text: Take the box
    effects: [ { give: box }, { set: [attic.took, took_box] }, { give: torch } ]
    goto: "@back"
`,
    });
    expect(problems(p, 'error')).toEqual([
      "attic/loft.yaml:1:5: error: pack 'attic' adds the scene 'loft' outside its namespace: every name a pack adds starts with 'attic.' (write 'attic.loft')",
      "attic/loft.yaml:7:24: error: pack 'attic' adds the item 'box' outside its namespace: every name a pack adds starts with 'attic.' (write 'attic.box')",
      "attic/loft.yaml:7:51: error: pack 'attic' adds the flag 'took_box' outside its namespace: every name a pack adds starts with 'attic.' (write 'attic.took_box')",
    ]);
  });

  it('change the story’s settings: its start, its stats, its hooks', () => {
    const p = pack({
      'pack.yaml': `${MANIFEST}start: attic.loft
stats:
  health: { min: 0, max: 3, start: 3 }
  luck: { min: 0, max: 3, start: 1 }
hooks:
  on_death: attic.loft
  on_turn: attic.loft
`,
      'loft.yaml': ATTIC_SCENE,
    });
    expect(problems(p, 'error')).toEqual([
      "attic/pack.yaml:6:1: error: a pack cannot set 'start': it is the story's own setting, which a pack may not change (a pack adds scenes and names, and leads into its scenes with extend)",
      "attic/pack.yaml:8:3: error: pack 'attic' tries to replace the story's stat 'health': a pack cannot change the story's settings; name the pack's own stat attic.health",
      "attic/pack.yaml:9:3: error: pack 'attic' adds the stat 'luck' outside its namespace: every name a pack adds starts with 'attic.' (write 'attic.luck')",
      "attic/pack.yaml:11:3: error: pack 'attic' tries to replace the story's hook on_death (dead): the story's hooks are its own; a pack may set only a hook the story leaves unset",
    ]);
  });

  it('be for another story, or take an id the story’s own names start with', () => {
    const other = pack({ 'pack.yaml': MANIFEST.replace('id: school', 'id: hyosan') });
    expect(problems(other, 'error')).toEqual([
      "attic/pack.yaml:5:14: error: this pack is for the story 'hyosan', not 'school' (the story it is played with): a pack adds to one story",
    ]);
    const taken = compilePack(story, {
      folder: 'cellar2/',
      files: [{ path: 'cellar2/pack.yaml', text: MANIFEST.replace('id: attic', 'id: stair') }],
      problems: [],
    });
    expect(problems(taken, 'error')).toEqual([]);
    const prefixed = compilePack((addPacks(story, [pack({ 'loft.yaml': ATTIC_SCENE })]).story), {
      folder: 'again/',
      files: [{ path: 'again/pack.yaml', text: MANIFEST }],
      problems: [],
    });
    expect(problems(prefixed, 'error')).toEqual([
      "again/pack.yaml:1:5: error: the pack id 'attic' is taken: the story's own names start with 'attic.' (attic.loft); choose another id",
    ]);
  });

  it('says when the story is not a version it was written for, and loads all the same', () => {
    const p = pack({ 'pack.yaml': MANIFEST.replace('>=1.0.0 <2.0.0', '~1.1.0') });
    expect(problems(p)).toEqual([
      "attic/pack.yaml:5:32: warning: pack 'attic' was written for school ~1.1.0, and this is school 1.2.0: check that what it extends is still there, then widen versions",
    ]);
    expect(isSound(p)).toBe(true);
  });

  it('carry a control character, as no story file may', () => {
    const p = pack({ 'loft.yaml': ATTIC_SCENE.replace('Dust, and a skylight.', '"Dust\\u001b[2J"') });
    expect(problems(p, 'error').join('\n')).toMatch(/loft\.yaml:3:7: error: .*control character/);
  });
});

describe('two packs', () => {
  it('with the same id cannot both be on: the second is refused, naming the first', async () => {
    const cellar = await loadPack(story, CELLAR);
    const twin = compilePack(story, { folder: 'copy/', files: (await readPackFolder(CELLAR)).files.map((f) => ({ ...f, path: f.path.replace(CELLAR, 'copy') })), problems: [] });
    expect(isSound(twin)).toBe(true);
    const { added, refused } = addPacks(story, [cellar, twin]);
    expect(added).toHaveLength(1);
    expect([...refused.values()].flat().map(formatProblem)).toEqual([
      `copy/pack.yaml:2:5: error: two packs have the id 'cellar' (the other is ${CELLAR}/pack.yaml:2:5): a pack's id must be its own; change one of them`,
    ]);
  });

  it('with their own ids never collide, and go in by id whatever order they are given in', async () => {
    const cellar = await loadPack(story, CELLAR);
    const attic = pack({
      'loft.yaml': ATTIC_SCENE,
      'way-in.yaml': 'extend:\n  scene: hall\n  choices:\n    - { id: hatch, text: Push the hatch, call: attic.loft }\n',
    });
    const one = addPacks(story, [cellar, attic]).story;
    const other = addPacks(story, [attic, cellar]).story;
    expect(one.scenes.get('hall')!.choices.map((c) => c.id)).toEqual(['search', 'up', 'attic.hatch', 'cellar.down']);
    expect(other.hash).toBe(one.hash);
    expect(other.packs).toEqual(one.packs);
  });
});

describe('hooks', () => {
  const withHook = (id: string) =>
    compilePack(story, {
      folder: `${id}/`,
      files: [
        { path: `${id}/pack.yaml`, text: `${MANIFEST.replace('id: attic', `id: ${id}`)}hooks:\n  on_turn: ${id}.turned\n` },
        { path: `${id}/turned.yaml`, text: `id: ${id}.turned\ntitle: Turned\ntext: Milk-white.\nending: { title: Turned }\n` },
      ],
      problems: [],
    });

  it('a pack may set one the story leaves unset; a second pack that sets it too is refused', () => {
    const [a, b] = [withHook('attic'), withHook('belfry')];
    expect(problems(a)).toEqual([]);
    const { story: played, added, refused } = addPacks(story, [b, a]);
    expect(played.hooks).toEqual({ on_death: 'dead', on_turn: 'attic.turned' });
    expect(added.map((p) => p.manifest?.id)).toEqual(['attic']);
    expect([...refused.values()].flat().map(formatProblem)).toEqual([
      "belfry/pack.yaml:1:5: error: pack 'belfry' sets the hook on_turn, which pack 'attic' (attic/pack.yaml:1:5) sets already: only one may",
    ]);
  });
});

describe('a pack’s folder', () => {
  it('is read as a story folder is: a link to a file outside it is refused and not followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyosan-pack-'));
    mkdirSync(join(dir, 'scenes'));
    writeFileSync(join(dir, 'pack.yaml'), MANIFEST);
    const outside = join(mkdtempSync(join(tmpdir(), 'hyosan-secret-')), 'secret.yaml');
    writeFileSync(outside, 'password: hunter2\n');
    symlinkSync(outside, join(dir, 'scenes', 'secret.yaml'));
    const read = await readPackFolder(dir);
    expect(read.files.map((f) => f.path)).toEqual([join(dir, 'pack.yaml')]);
    expect(read.problems.map((p) => p.message)).toEqual([
      'this is a link to a file outside the pack folder, which hyosan does not follow: copy the file into the folder instead',
    ]);
    expect(JSON.stringify(await loadPack(story, dir))).not.toContain('hunter2');
  });

  it('without pack.yaml, or holding a story.yaml, is told so', () => {
    const p = compilePack(story, {
      folder: 'x/',
      files: [{ path: 'x/story.yaml', text: 'id: x\ntitle: X\nstart: a\n' }],
      problems: [],
    });
    expect(problems(p)).toEqual([
      'x/: error: no pack.yaml here: a pack folder needs one (see docs/AUTHORING.md, "Writing a pack")',
      "x/story.yaml:1:1: error: a pack has pack.yaml, not story.yaml: this is a story's file (play a story folder with --story DIR)",
    ]);
  });
});
