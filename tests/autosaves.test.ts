/**
 * Issue 15, items 4, 5, 10 and 15: no game is lost to another. A story
 * folder claiming the shipped story's id autosaves to a slot of its own; a
 * new game keeps the game in progress aside (and says where); a damaged
 * autosave is reported as damaged and kept aside; two games at once in one
 * save folder autosave to different slots. Player-named slots may not
 * start with `autosave-`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlayServices } from '../src/cli/play-services.js';
import { Autosaver } from '../src/saves/autosaver.js';
import { SaveError, SaveStore, newGame, playChoice, type SavedGame } from '../src/saves/index.js';
import { lockFileOf, takeLock } from '../src/saves/slot-lock.js';
import { autosaveSlot, slotFile } from '../src/saves/slots.js';
import { loadStoryDir } from '../src/story/load.js';
import { playPicks, saveStory } from './helpers/save-story.js';
import { SMALL_SCENES_YAML, repoRoot, runHyosan, writeStory } from './helpers/run-cli.js';

const gym = 'tests/fixtures/cli-story';
const story = saveStory();
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `hyosan-${name}-`));
const game = (picks: number[], seed = 5): SavedGame => playPicks(story, newGame(story, seed), picks);

/** The slots `hyosan saves --json` lists in `dir`. */
function slotsIn(dir: string, story = gym): string[] {
  const run = runHyosan(['saves', '--json', '--story', story], { env: { HYOSAN_SAVE_DIR: dir } });
  return (JSON.parse(run.stdout) as { slot: string }[]).map((r) => r.slot).sort();
}

describe('a story folder that claims the shipped story\'s id', () => {
  it('autosaves to a slot of its own: the shipped game\'s autosave and backup are untouched, and Continue resumes it', () => {
    const dir = tempDir('collide');
    const env = { HYOSAN_SAVE_DIR: dir };
    expect(runHyosan(['--plain', '--seed', '9'], { env, input: '1\n' }).status).toBe(0);
    expect(runHyosan(['--plain', '--continue'], { env, input: '1\n' }).status).toBe(0);
    const before = Object.fromEntries(readdirSync(dir).filter((n) => n.startsWith('autosave-hyosan')).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
    expect(Object.keys(before).sort()).toEqual(['autosave-hyosan.bak.json', 'autosave-hyosan.json']);

    const forged = writeStory({ 'story.yaml': 'id: hyosan\ntitle: Not Hyosan\nstart: hall\n', 'scenes.yaml': SMALL_SCENES_YAML });
    const played = runHyosan(['--story', forged, '--plain', '--seed', '1'], { env, input: '1\n' });
    expect(played.status).toBe(0);
    for (const [name, text] of Object.entries(before)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
    const own = autosaveSlot({ id: 'hyosan' }, realpathSync(forged));
    expect(own).toMatch(/^autosave-hyosan-[0-9a-f]{8}$/);
    expect(readdirSync(dir)).toContain(`${own}.json`);

    // The shipped game's Continue never picks up the forged story's newer autosave.
    const resumed = runHyosan(['--plain', '--continue'], { env });
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).not.toContain('The Hall');
  });

  it('a folder\'s key depends on the folder, and fits a slot name', () => {
    expect(autosaveSlot({ id: 'hyosan' })).toBe('autosave-hyosan');
    expect(autosaveSlot({ id: 'hyosan' }, '/a/story')).not.toBe(autosaveSlot({ id: 'hyosan' }, '/b/story'));
    expect(autosaveSlot({ id: 'hyosan' }, '/a/story')).toBe(autosaveSlot({ id: 'hyosan' }, '/a/story'));
    expect(autosaveSlot({ id: 'x'.repeat(100) }, '/a/story').length).toBeLessThanOrEqual(38);
  });
});

describe('a new game', () => {
  it('keeps the game in progress aside, in a dated slot that saves lists, and says so', () => {
    const dir = tempDir('newgame');
    const env = { HYOSAN_SAVE_DIR: dir };
    expect(runHyosan(['--story', gym, '--plain', '--seed', '1'], { env, input: '1\n' }).status).toBe(0);
    const own = autosaveSlot({ id: 'cli-test' }, realpathSync(join(repoRoot, gym)));
    const first = readFileSync(join(dir, `${own}.json`), 'utf8');

    const second = runHyosan(['--story', gym, '--plain', '--seed', '2'], { env, input: '2\n' });
    expect(second.status).toBe(0);
    const kept = /is kept as save slot "([^"]+)"/.exec(second.stdout)?.[1];
    expect(kept, second.stdout).toMatch(new RegExp(`^${own}-kept-\\d{8}-\\d{6}$`));
    expect(second.stdout).toContain('The game that was in progress (Listening, Day 1, 08:40) is kept as save slot');
    expect(readFileSync(join(dir, `${kept}.json`), 'utf8')).toBe(first);
    expect(slotsIn(dir)).toContain(kept);
    // The table shows the slot's whole name, which --load needs.
    expect(runHyosan(['saves', '--story', gym], { env }).stdout).toContain(`${kept} `);

    // And it loads.
    const back = runHyosan(['--story', gym, '--plain', '--load', kept!], { env });
    expect(back.stdout).toMatch(/^\[Chapter 1: Test\]\n\nListening\n/);
  });

  it('replaces a game that has ended, which is no longer in progress', () => {
    const dir = tempDir('ended');
    const env = { HYOSAN_SAVE_DIR: dir };
    const small = writeStory({ 'story.yaml': 'id: small\ntitle: Small\nstart: hall\n', 'scenes.yaml': SMALL_SCENES_YAML });
    expect(runHyosan(['--story', small, '--plain', '--seed', '1'], { env, input: '1\n' }).stdout).toContain('Outside');
    const again = runHyosan(['--story', small, '--plain', '--seed', '2'], { env, input: '1\n' });
    expect(again.stdout).not.toContain('is kept as save slot');
    expect(readdirSync(dir).filter((n) => n.includes('-kept-'))).toEqual([]);
  });

  it('replaces a game in which no choice was made, which has nothing to keep', () => {
    const dir = tempDir('unplayed');
    const env = { HYOSAN_SAVE_DIR: dir };
    // Started and left at once: saved, but with no choice in it.
    expect(runHyosan(['--story', gym, '--plain', '--seed', '1'], { env, input: '' }).status).toBe(0);
    const own = autosaveSlot({ id: 'cli-test' }, realpathSync(join(repoRoot, gym)));
    expect(slotsIn(dir)).toContain(own);
    const again = runHyosan(['--story', gym, '--plain', '--seed', '2'], { env, input: '1\n' });
    expect(again.stdout).not.toContain('is kept as save slot');
    expect(readdirSync(dir).filter((n) => n.includes('-kept-'))).toEqual([]);
  });

  it('on the title screen (the services behind both screens) keeps the game in progress too', async () => {
    const dir = tempDir('services');
    const store = new SaveStore({ dir });
    const services = () => new PlayServices({ story, store, newSeed: () => 7 });
    const a = services();
    const gameA = playChoice(story, a.newGame().game, 'climb');
    expect(await a.chose(gameA, 'climb')).toBeUndefined();
    await a.leave(gameA);

    const b = services();
    const loaded = await b.continueLatest();
    expect(typeof loaded).not.toBe('string');
    const gameB = playChoice(story, b.newGame().game, 'climb');
    const message = await b.chose(gameB, 'climb');
    expect(message).toMatch(/^The game that was in progress \(.*\) is kept as save slot "autosave-save-test-kept-\d{8}-\d{6}"/);
    await b.leave(gameB);
    const kept = readdirSync(dir).find((n) => /-kept-.*\.json$/.test(n) && !n.endsWith('.bak.json'))!;
    const keptGame = await store.load(kept.replace(/\.json$/, ''), story);
    expect((keptGame as SavedGame).history).toEqual(gameA.history);
  });
});

describe('a slot the player names', () => {
  it('may not start with autosave-, which the next autosave would overwrite', async () => {
    const refused = await new SaveStore({ dir: tempDir('named') }).save('autosave-save-test', story, game([0]));
    expect(refused).toBeInstanceOf(SaveError);
    expect(refused?.message).toContain('starts with "autosave-", which is kept for hyosan\'s own autosaves');
    const dir = tempDir('named-cli');
    const run = runHyosan(['--story', gym, '--plain', '--seed', '1'], { env: { HYOSAN_SAVE_DIR: dir }, input: 'save Autosave-cli-test\n' });
    expect(run.stdout).toContain('kept for hyosan\'s own autosaves');
  });

  it('a save renamed by the player may not take an autosave- name either', async () => {
    const store = new SaveStore({ dir: tempDir('rename') });
    expect(await store.save('mine', story, game([0]))).toBeUndefined();
    const refused = await store.rename('mine', 'autosave-save-test');
    expect(refused?.message).toContain('kept for hyosan\'s own autosaves');
    expect(await store.load('mine', story)).not.toBeInstanceOf(SaveError);
  });
});

describe('a damaged autosave', () => {
  it('is reported as damaged by --continue, not as no save at all', async () => {
    const dir = tempDir('damaged');
    const store = new SaveStore({ dir });
    await store.autosave(story, game([0, 1]));
    const file = slotFile(dir, 'autosave-save-test');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    const latest = await store.loadLatest(story);
    expect(latest).toBeInstanceOf(SaveError);
    expect((latest as SaveError).kind).not.toBe('no-saves');
    expect((latest as SaveError).message).toMatch(/autosave-save-test\.json: is not valid JSON.*: the game saved there is damaged — start a new game/);
  });

  it('is kept aside, and listed, before a new game is written in its place', async () => {
    const dir = tempDir('damaged-aside');
    const store = new SaveStore({ dir, now: () => new Date(2026, 2, 14, 9, 5, 1) });
    const file = slotFile(dir, 'autosave-save-test');
    writeFileSync(file, '{"format": "hyosan-save", "version": 3, "story": {');
    expect(await store.autosave(story, game([0]))).toBeUndefined();
    expect(store.takeNotices()).toEqual([
      `${file} is not valid JSON (line 1, column 51); it is kept as save slot "autosave-save-test-damaged-20260314-090501" (see 'hyosan saves'), and this save took its place.`,
    ]);
    expect(readFileSync(slotFile(dir, 'autosave-save-test-damaged-20260314-090501'), 'utf8')).toBe('{"format": "hyosan-save", "version": 3, "story": {');
    const listed = await store.list();
    expect((listed as { slot: string }[]).map((e) => e.slot).sort()).toEqual(['autosave-save-test', 'autosave-save-test-damaged-20260314-090501']);
  });

  it('from the command line: --continue says it is damaged, and the next game keeps it aside', () => {
    const dir = tempDir('damaged-cli');
    const env = { HYOSAN_SAVE_DIR: dir };
    runHyosan(['--story', gym, '--plain', '--seed', '1'], { env, input: '1\n' });
    const own = autosaveSlot({ id: 'cli-test' }, realpathSync(join(repoRoot, gym)));
    for (const name of readdirSync(dir)) if (name.startsWith(own)) writeFileSync(join(dir, name), '{"format": "hyo');
    const cont = runHyosan(['--story', gym, '--plain', '--continue'], { env });
    expect(cont.status).toBe(1);
    expect(cont.stderr).toContain('the game saved there is damaged — start a new game');
    const fresh = runHyosan(['--story', gym, '--plain', '--seed', '1'], { env, input: '1\n' });
    expect(fresh.stdout).toMatch(/is not valid JSON[^;]*; it is kept as save slot "autosave-cli-test-[0-9a-f]{8}-damaged-\d{8}-\d{6}"/);
    expect(slotsIn(dir).some((s) => s.includes('-damaged-'))).toBe(true);
  });
});

describe('two games at once in one save folder', () => {
  it('the second autosaves to a slot of its own, and is told which and why', async () => {
    const dir = tempDir('lock');
    const sleeper = spawn('sleep', ['60']);
    try {
      const store = new SaveStore({ dir });
      const first = new Autosaver(story, { store, pid: sleeper.pid! });
      first.begin(undefined);
      expect((await first.save(story, game([0]))).notices).toEqual([]);
      const second = new Autosaver(story, { store });
      second.begin(undefined);
      const saved = await second.save(story, game([1], 9));
      expect(saved.error).toBeUndefined();
      expect(saved.notices).toEqual([
        `Another hyosan (process ${sleeper.pid}) is playing "Save Test" with this save folder, so this game autosaves to save slot "autosave-save-test-2" instead: neither overwrites the other. (If no other game is running, delete autosave-save-test.lock in ${dir}.)`,
      ]);
      expect((await store.load('autosave-save-test', story)) as SavedGame).toMatchObject({ history: game([0]).history });
      expect((await store.load('autosave-save-test-2', story)) as SavedGame).toMatchObject({ history: game([1], 9).history });
      await second.release();
      await first.release();
    } finally {
      sleeper.kill();
    }
  });

  it('a first game in a save folder that does not exist yet locks its slot too', async () => {
    const dir = join(tempDir('fresh'), 'saves', 'hyosan');
    const saver = new Autosaver(story, { store: new SaveStore({ dir }) });
    saver.begin(undefined);
    expect(await saver.save(story, game([0]))).toEqual({ notices: [] });
    expect(readdirSync(dir).sort()).toEqual(['autosave-save-test.json', 'autosave-save-test.lock']);
    await saver.release();
    expect(readdirSync(dir)).toEqual(['autosave-save-test.json']);
  });

  it('a lock left by a process that is gone is stale, and taken over', async () => {
    const dir = tempDir('stale');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const lock = lockFileOf(slotFile(dir, 'autosave-save-test'));
    expect(await takeLock(lock, Number(gone.stdout))).toBe(true);
    const saver = new Autosaver(story, { store: new SaveStore({ dir }) });
    saver.begin(undefined);
    const saved = await saver.save(story, game([0]));
    expect(saved).toEqual({ notices: [] });
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n${(await import('node:os')).hostname()}\n`);
    await saver.release();
    expect(readdirSync(dir)).toEqual(['autosave-save-test.json']);
  });

  it('two real instances: the second is told, and both games are kept', async () => {
    const dir = tempDir('two');
    const env = { ...process.env, NO_COLOR: '1', HYOSAN_SAVE_DIR: dir };
    const first = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), '--story', gym, '--plain', '--seed', '1'], { cwd: repoRoot, env });
    let out = '';
    // Its first choice is saved (and the slot locked) before the next scene is shown.
    await new Promise<void>((resolve, reject) => {
      first.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Someone inside is breathing hard')) resolve();
      });
      first.on('exit', () => reject(new Error(`the first game ended early: ${out}`)));
      first.stdin.write('1\n');
    });
    const second = runHyosan(['--story', gym, '--plain', '--seed', '2'], { env: { HYOSAN_SAVE_DIR: dir }, input: '2\n' });
    expect(second.stdout).toContain(`Another hyosan (process ${first.pid}) is playing "The Locked Gym" with this save folder`);
    const ended = new Promise((resolve) => first.on('exit', resolve));
    first.stdin.end();
    await ended;
    const own = autosaveSlot({ id: 'cli-test' }, realpathSync(join(repoRoot, gym)));
    expect(slotsIn(dir)).toEqual([own, `${own}-2`].sort());
    expect(readdirSync(dir).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });
});
