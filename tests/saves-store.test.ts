import { mkdir, mkdtemp, readFile, readdir, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import envPaths from 'env-paths';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { savesCommand } from '../src/cli/saves-command.js';
import {
  SaveError,
  SaveStore,
  autosaveSlot,
  checkSlotName,
  chooseSaveDir,
  defaultSaveDir,
  newGame,
  type SavedGame,
  type StoredGame,
} from '../src/saves/index.js';
import { playPicks, saveStory } from './helpers/save-story.js';
import { sceneView } from '../src/engine/index.js';
import { SAVE_FORMAT_VERSION } from '../src/saves/versions.js';

const story = saveStory();
let dir: string;
let clock: number;

/** A store whose clock moves a minute on every save, so "latest" is well defined. */
function store(): SaveStore {
  return new SaveStore({ dir, now: () => new Date((clock += 60_000)) });
}

function game(picks: number[], seed = 5): SavedGame {
  return playPicks(story, newGame(story, seed), picks);
}

function loaded(result: StoredGame | SaveError): StoredGame {
  if (result instanceof SaveError) throw new Error(`expected a game, got: ${result.message}`);
  return result;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyosan-store-'));
  clock = Date.parse('2026-02-01T10:00:00Z');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('deleting and renaming a slot', () => {
  it('deletes a slot with its backup, and says so when there is nothing to delete', async () => {
    const s = store();
    await s.save('old', story, game([0]));
    await s.save('old', story, game([0, 1]));
    await s.save('other', story, game([1]));
    expect((await readdir(dir)).sort()).toEqual(['old.bak.json', 'old.json', 'other.json']);
    expect(await s.remove('old')).toBeUndefined();
    expect(await readdir(dir)).toEqual(['other.json']);
    expect((await s.remove('old'))?.message).toBe('save slot "old": is not there — see \'hyosan saves\' for the saves there are.');
    expect((await s.remove('../other'))?.kind).toBe('bad-slot');
    expect(await readdir(dir)).toEqual(['other.json']);
  });

  it('renames a slot with its backup, and never over another save', async () => {
    const s = store();
    const last = game([0, 1]);
    await s.save('before', story, game([0]));
    await s.save('before', story, last);
    await s.save('taken', story, game([1]));
    const refused = await s.rename('before', 'taken');
    expect(refused?.message).toBe('save slot "taken": is the name of another save — choose another name, or delete that save first.');
    expect(await s.rename('before', 'after')).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual(['after.bak.json', 'after.json', 'taken.json']);
    expect(loaded(await store().load('after', story)).history).toEqual(last.history);
    expect((await s.rename('gone', 'new'))?.kind).toBe('missing');
    expect((await s.rename('after', 'a/b'))?.kind).toBe('bad-slot');
  });
});

describe('slots', () => {
  it('a game saved to a slot loads back the same', async () => {
    const g = game([0, 1, 0]);
    expect(await store().save('before the gym', story, g)).toBeUndefined();
    const back = loaded(await store().load('before the gym', story));
    expect(back.state).toEqual(g.state);
    expect(back.history).toEqual(g.history);
    expect(back.slot).toBe('before the gym');
    expect(back.notices).toEqual([]);
    expect(await readdir(dir)).toEqual(['before the gym.json']);
  });

  it('the autosave goes to one slot per story', async () => {
    expect(autosaveSlot(story)).toBe('autosave-save-test');
    expect(autosaveSlot({ id: 'a.b/../c' })).toBe('autosave-a-b-c');
    await store().autosave(story, game([0]));
    expect(await readdir(dir)).toEqual(['autosave-save-test.json']);
  });

  it.each([
    ['../../etc/passwd', 'path separator'],
    ['/etc/passwd', 'path separator'],
    ['C:\\Windows\\win', 'path separator'],
    ['..', "contains '..'"],
    ['', 'is empty'],
    ['a\u0000b', 'control characters'],
    ['tab\there', 'control characters'],
    ['x'.repeat(41), 'longer than 40'],
    ['.hidden', 'characters a slot name cannot have'],
    ['semi;colon', 'characters a slot name cannot have'],
    ['trailing ', 'ends in a space'],
    ['CON', 'Windows reserves'],
  ])('refuses the slot name %j (%s) and writes nothing', async (name, why) => {
    const error = checkSlotName(name);
    expect(error?.kind).toBe('bad-slot');
    expect(error?.message).toContain(why);
    expect(error?.message).not.toMatch(/[\u0000-\u001f]/);
    expect(await store().save(name, story, game([0]))).toBeInstanceOf(SaveError);
    expect(await store().load(name, story)).toBeInstanceOf(SaveError);
    expect(await readdir(dir)).toEqual([]);
    expect(await readdir(join(dir, '..')).then((names) => names.includes('passwd.json'))).toBe(false);
  });

  it('accepts ordinary names', () => {
    for (const name of ['a', 'Slot 1', 'before-the_gym', 'x'.repeat(40)]) expect(checkSlotName(name)).toBeUndefined();
  });
});

describe('backups', () => {
  it("keeps the slot's previous save as <slot>.bak.json", async () => {
    const first = game([0]);
    const second = game([0, 1, 0]);
    await store().save('s', story, first);
    await store().save('s', story, second);
    expect((await readdir(dir)).sort()).toEqual(['s.bak.json', 's.json']);
    const backup = loaded(await store().loadFile(join(dir, 's.bak.json'), story));
    expect(backup.state).toEqual(first.state);
  });

  it('loads the backup, with a message, when the main file is damaged', async () => {
    await store().save('s', story, game([0]));
    await store().save('s', story, game([0, 1]));
    await truncate(join(dir, 's.json'), 40);
    const back = loaded(await store().load('s', story));
    expect(back.state).toEqual(game([0]).state);
    expect(back.notices).toHaveLength(1);
    expect(back.notices[0]).toMatch(/s\.json is damaged \(is not valid JSON.*\); loaded its backup from \d{4}-\d\d-\d\d \d\d:\d\d instead\.$/);
  });

  it('loads the backup when the main file is missing', async () => {
    await store().save('s', story, game([0]));
    await store().save('s', story, game([0, 1]));
    await rm(join(dir, 's.json'));
    const back = loaded(await store().load('s', story));
    expect(back.notices[0]).toContain('s.json is missing');
  });

  it('a damaged main file never replaces the good backup', async () => {
    await store().save('s', story, game([0]));
    await store().save('s', story, game([0, 1]));
    await writeFile(join(dir, 's.json'), '{"format": "hyosan-save", garbage');
    await store().save('s', story, game([0, 1, 0]));
    const backup = loaded(await store().loadFile(join(dir, 's.bak.json'), story));
    expect(backup.state).toEqual(game([0]).state);
  });

  it('checks the main file again when it changed since this store wrote it', async () => {
    const same = store();
    await same.save('s', story, game([0]));
    await same.save('s', story, game([0, 1]));
    // Damaged behind the store's back: the same store must not trust what it remembers writing.
    await writeFile(join(dir, 's.json'), '{"format": "hyosan-save", garbage');
    await same.save('s', story, game([0, 1, 0]));
    const backup = loaded(await same.loadFile(join(dir, 's.bak.json'), story));
    expect(backup.state).toEqual(game([0]).state);
    expect(loaded(await same.load('s', story)).state).toEqual(game([0, 1, 0]).state);
  });

  it('when both files are damaged, the message is about the main file', async () => {
    await store().save('s', story, game([0]));
    await store().save('s', story, game([0, 1]));
    await writeFile(join(dir, 's.json'), 'nope');
    await writeFile(join(dir, 's.bak.json'), 'nope');
    const error = await store().load('s', story);
    expect(error).toBeInstanceOf(SaveError);
    expect((error as SaveError).message).toMatch(/s\.json: is not valid JSON/);
  });
});

describe('a damaged file affects no other save', () => {
  it('other slots load, list and continue normally', async () => {
    const good = game([0, 1, 0, 0]);
    await store().save('good', story, good);
    await store().save('bad', story, game([0]));
    await writeFile(join(dir, 'bad.json'), '\u0000\u0001 not json at all');
    expect(loaded(await store().load('good', story)).state).toEqual(good.state);
    const list = await store().list();
    if (list instanceof SaveError) throw list;
    expect(list.map((e) => [e.slot, e.error?.kind ?? 'ok'])).toEqual([
      ['good', 'ok'],
      ['bad', 'not-json'],
    ]);
    // "bad" was saved last but cannot even be dated: --continue resumes "good".
    const latest = loaded(await store().loadLatest(story));
    expect(latest.slot).toBe('good');
    expect(latest.notices).toEqual([]);
  });

  it('--continue resumes from the backup of a newest slot whose main file is damaged', async () => {
    await store().save('good', story, game([0, 1, 0, 0]));
    await store().save('newest', story, game([0]));
    await store().save('newest', story, game([0, 1]));
    await truncate(join(dir, 'newest.json'), 100);
    const list = await store().list();
    if (list instanceof SaveError) throw list;
    expect(list[0]).toMatchObject({ slot: 'newest', fromBackup: true, error: { kind: 'not-json' } });
    const latest = loaded(await store().loadLatest(story));
    expect(latest.slot).toBe('newest');
    expect(latest.state).toEqual(game([0]).state);
    expect(latest.notices[0]).toContain('newest.json is damaged');
  });

  it('stray files in the save folder are ignored', async () => {
    await store().save('good', story, game([0]));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, 'good.json.1234abcd'), '{"half a temp file');
    await mkdir(join(dir, 'folder.json'));
    const list = await store().list();
    if (list instanceof SaveError) throw list;
    expect(list.map((e) => e.slot).sort()).toEqual(['folder', 'good']);
    expect(list.find((e) => e.slot === 'folder')?.error?.kind).toBe('unreadable');
  });

  it('a file over 1 MiB is refused without being read', async () => {
    await writeFile(join(dir, 'huge.json'), Buffer.alloc(2 * 1024 * 1024, 0x20));
    const error = await store().load('huge', story);
    expect((error as SaveError).kind).toBe('too-large');
  });
});

describe('--continue and --load', () => {
  it('--continue resumes the newest save of this story, ignoring other stories', async () => {
    const other = { ...story, id: 'other-story' };
    await store().save('old', story, game([0]));
    await store().autosave(story, game([0, 1]));
    await store().save('foreign', other, playPicks(other, newGame(other, 1), [0]));
    const latest = loaded(await store().loadLatest(story));
    expect(latest.slot).toBe('autosave-save-test');
    expect(latest.state).toEqual(game([0, 1]).state);
  });

  it('the title screen sees the newest save of this story (or its backup), and where it is', async () => {
    const other = { ...story, id: 'other-story' };
    const where = (g: SavedGame) => ({ sceneTitle: sceneView(story, g.state).title, clock: sceneView(story, g.state).clock });
    expect(await store().newestSaveOf(story.id)).toBeUndefined();
    await writeFile(join(dir, 'junk.json'), '{ not json');
    await writeFile(join(dir, 'stray.json'), JSON.stringify({ format: 'something-else', story: { id: story.id } }));
    await store().save('foreign', other, playPicks(other, newGame(other, 1), [0]));
    expect(await store().newestSaveOf(story.id)).toBeUndefined();
    expect(await store().newestSaveOf(other.id)).toBeDefined();

    await store().save('older', story, game([0, 1]));
    await store().save('mine', story, game([0]));
    expect(await store().newestSaveOf(story.id)).toMatchObject(where(game([0])));
    // Only the backup left readable: still the game to continue (loading falls back to it).
    await store().save('mine', story, game([0, 2]));
    await writeFile(join(dir, 'mine.json'), 'damaged');
    expect(await store().newestSaveOf(story.id)).toMatchObject(where(game([0])));
    expect(loaded(await store().loadLatest(story)).state).toEqual(game([0]).state);
  });

  it('never passes control characters from a hand-edited save to the title screen', async () => {
    await store().save('mine', story, game([0]));
    const doc = JSON.parse(await readFile(join(dir, 'mine.json'), 'utf8'));
    doc.meta.sceneTitle = 'The \u001b[2JGym';
    await writeFile(join(dir, 'mine.json'), JSON.stringify(doc));
    expect((await store().newestSaveOf(story.id))?.sceneTitle).toBe('The \\x1B[2JGym');
  });

  it('a missing save folder means nothing to continue, not an error', async () => {
    expect(await new SaveStore({ dir: join(dir, 'not-made-yet') }).newestSaveOf(story.id)).toBeUndefined();
  });

  it('--continue with no saves says so', async () => {
    const error = await store().loadLatest(story);
    expect((error as SaveError).kind).toBe('no-saves');
    expect((error as SaveError).message).toContain('has no saved game of "Save Test"');
  });

  it('--load takes a slot name, a path with a slash, or a .json file', async () => {
    const g = game([0, 1]);
    await store().save('mine', story, g);
    await writeFile(join(dir, 'exported.json'), await readFile(join(dir, 'mine.json')));
    expect(loaded(await store().loadTarget('mine', story)).slot).toBe('mine');
    expect(loaded(await store().loadTarget(join(dir, 'mine.json'), story)).state).toEqual(g.state);
    const byPath = loaded(await store().loadTarget(join(dir, 'exported.json'), story));
    expect(byPath.slot).toBeUndefined();
    expect(byPath.where).toBe(join(dir, 'exported.json'));
  });

  it('--load of something that is not there names it', async () => {
    const missing = (await store().loadTarget('nothing', story)) as SaveError;
    expect(missing.kind).toBe('missing');
    expect(missing.message).toContain('save slot "nothing": is not in');
    const noFile = (await store().loadTarget(join(dir, 'nope.json'), story)) as SaveError;
    expect(noFile.kind).toBe('missing');
    expect((await store().loadTarget(dir, story)) as SaveError).toBeInstanceOf(SaveError);
    expect(((await store().loadTarget('../../etc/passwd', story)) as SaveError).kind).not.toBe(undefined);
  });

  it('--load of a folder is refused cleanly', async () => {
    const error = (await store().loadFile(dir, story)) as SaveError;
    expect(error.kind).toBe('unreadable');
    expect(error.message).toContain('is a folder, not a regular file');
  });
});

describe('writing', () => {
  it('many saves to one slot at once leave a loadable save and backup', async () => {
    const s = store();
    const last = game([0, 2, 1]);
    for (let i = 0; i < 19; i++) void s.save('busy', story, game([0, i % 3, 1]));
    void s.save('busy', story, last);
    await s.flush();
    // Queued in order: the last save started is the one on disk.
    expect(loaded(await s.load('busy', story)).state).toEqual(last.state);
    expect(loaded(await s.load('busy', story)).notices).toEqual([]);
    expect(await s.loadFile(join(dir, 'busy.bak.json'), story)).not.toBeInstanceOf(SaveError);
  });

  it('a folder that cannot be written gives a message, and the game goes on', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const blocked = new SaveStore({ dir: join(dir, 'a-file', 'saves') });
    const error = await blocked.save('s', story, game([0]));
    expect(error?.kind).toBe('write-failed');
    expect(error?.message).toMatch(/s\.json: could not be written \(E[A-Z]+\), so nothing was saved; the previous save and its backup are untouched — check that the save folder is writable/);
  });

  it('tidies temp files a killed save left behind, once they are old', async () => {
    const old = ['s.json.123456', 's.bak.json.99.tmp'];
    const fresh = 's.json.777';
    for (const name of [...old, fresh, 'other.json.5']) await writeFile(join(dir, name), '{"half');
    const longAgo = new Date(Date.now() - 3600_000);
    for (const name of [...old, 'other.json.5']) await utimes(join(dir, name), longAgo, longAgo);
    await store().save('s', story, game([0]));
    expect((await readdir(dir)).sort()).toEqual(['other.json.5', 's.json', fresh].sort());
  });

  it('creates the save folder when it does not exist yet', async () => {
    const nested = new SaveStore({ dir: join(dir, 'new', 'deeper') });
    expect(await nested.save('s', story, game([0]))).toBeUndefined();
  });
});

describe('the save folder', () => {
  it('is --save-dir, else HYOSAN_SAVE_DIR, else the user data directory', () => {
    expect(chooseSaveDir('/flag', '/env')).toBe('/flag');
    expect(chooseSaveDir(undefined, '/env')).toBe('/env');
    expect(chooseSaveDir(undefined, '')).toBe(defaultSaveDir());
    expect(defaultSaveDir()).toBe(envPaths('hyosan', { suffix: '' }).data);
    expect(new SaveStore().dir).toBe(defaultSaveDir());
  });
});

describe('hyosan saves', () => {
  async function run(json: boolean): Promise<{ code: number; text: string }> {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await savesCommand({ saveDir: dir, json, story }, out);
    return { code, text };
  }

  it('lists slot, scene, chapter, in-game time and date, newest first', async () => {
    await store().save('first', story, game([0]));
    await store().autosave(story, game([0, 1]));
    const { code, text } = await run(false);
    expect(code).toBe(0);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Saves in ${dir}`);
    expect(lines[2]).toMatch(/^SLOT\s+SCENE\s+CHAPTER\s+TIME\s+SAVED$/);
    expect(lines[3]).toMatch(/^autosave-save-test\s+yard\s+Chapter 2: The Yard\s+Day 1, \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(lines[4]).toMatch(/^first\s+hall\s+Chapter 1: The Gate\s+Day 1, \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('marks damaged saves and saves of other stories', async () => {
    await store().save('mine', story, game([0]));
    await store().save('theirs', { ...story, id: 'elsewhere' }, game([0]));
    await writeFile(join(dir, 'broken.json'), '{');
    const { text } = await run(false);
    expect(text).toMatch(/theirs .*another story: elsewhere/);
    expect(text).toMatch(/broken .*damaged \(see below\)/);
    expect(text).toContain('broken.json: is not valid JSON');
  });

  it('--json prints an array of objects for tools', async () => {
    await store().save('first', story, game([0]));
    await writeFile(join(dir, 'broken.json'), '{');
    const { code, text } = await run(true);
    expect(code).toBe(0);
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      slot: 'first',
      file: join(dir, 'first.json'),
      storyId: 'save-test',
      storyVersion: '1',
      sameStory: true,
      formatVersion: SAVE_FORMAT_VERSION,
      scene: 'hall',
      sceneTitle: 'hall',
      chapter: 'Chapter 1: The Gate',
      clock: expect.stringMatching(/^Day 1, /),
      savedAt: '2026-02-01T10:01:00.000Z',
      playerName: expect.any(String),
      condition: 'well',
      turn: 1,
      fromBackup: false,
      error: null,
    });
    expect(rows[1]).toMatchObject({ slot: 'broken', scene: null, error: expect.stringContaining('not valid JSON') });
  });

  it('an empty or missing folder lists nothing', async () => {
    expect((await run(false)).text).toBe(`No saves yet in ${dir}\n`);
    expect((await run(true)).text).toBe('[]\n');
  });
});
