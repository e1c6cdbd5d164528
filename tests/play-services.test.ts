/**
 * The services behind the Ink screen, against a real save folder: autosave,
 * slots, the Load list, continue, the endings found, the settings and the
 * transcript of an Ink game.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlayServices } from '../src/cli/play-services.js';
import { profileDir, readFoundEndings, readSettings } from '../src/cli/profile.js';
import { openTranscript } from '../src/cli/transcript.js';
import type { Story } from '../src/engine/index.js';
import { SaveStore, playChoice } from '../src/saves/index.js';
import { loadStoryDir } from '../src/story/load.js';
import type { GameStart } from '../src/ui/ports.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
let story: Story;

beforeAll(async () => {
  const result = await loadStoryDir(join(root, 'tests/fixtures/cli-story'));
  story = result.story!;
});

function services(extra: Partial<ConstructorParameters<typeof PlayServices>[0]> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hyosan-services-'));
  const now = () => new Date('2026-03-14T09:05:00Z');
  return new PlayServices({ story, store: new SaveStore({ dir, now }), newSeed: () => 5, now, ...extra });
}

function started(start: GameStart | string): GameStart {
  if (typeof start === 'string') throw new Error(start);
  return start;
}

describe('PlayServices', () => {
  it('autosaves each choice, and continues from the latest save', async () => {
    const s = services();
    expect(await s.continuePreview()).toBeUndefined();
    const game = playChoice(story, s.newGame().game, 'listen');
    expect(await s.chose(game, '1. Listen at the door')).toBeUndefined();
    expect(await s.continuePreview()).toBe('Listening · Day 1, 08:40');
    const back = started(await s.continueLatest());
    expect(back.game.state.scene).toBe('gym.listen');
    expect(back.game.history).toEqual(game.history);
  });

  it('lists this story\'s saves for the Load screen, and says which one is damaged', async () => {
    const s = services();
    await s.save('one', playChoice(story, s.newGame().game, 'listen'));
    writeFileSync(join(s.saveDir, 'two.json'), 'not json');
    const list = await s.listSaves();
    expect(list).toEqual([
      { slot: 'one', sceneTitle: 'Listening', chapter: 'Chapter 1: Test', clock: 'Day 1, 08:40', savedAt: expect.stringMatching(/^2026-03-1\d \d\d:05$/) },
      { slot: 'two', sceneTitle: '', chapter: '', clock: '', savedAt: '', note: 'damaged' },
    ]);
    expect(await s.load('two')).toMatch(/two\.json: is not valid JSON/);
  });

  it('refuses a slot name that would leave the save folder', async () => {
    const s = services();
    const result = await s.save('../escape', s.newGame().game);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('contains a path separator');
  });

  it('keeps the endings found and the settings in the save folder', async () => {
    const s = services();
    expect(await s.foundEndings()).toEqual([]);
    s.endingFound('gym.inside');
    s.endingFound('gym.caught');
    s.settingsChanged({ textSpeed: 'slow', colour: false, showChanges: false });
    await s.leave(undefined);
    expect((await readFoundEndings(profileDir(s.saveDir), story.id)).sort()).toEqual(['gym.caught', 'gym.inside']);
    expect(await readSettings(profileDir(s.saveDir))).toEqual({ textSpeed: 'slow', colour: false, showChanges: false });
  });

  it('treats a damaged endings or settings file as empty', async () => {
    const s = services();
    s.endingFound('gym.inside');
    await s.leave(undefined);
    writeFileSync(join(profileDir(s.saveDir), 'endings.json'), '{"__proto__": {}}');
    writeFileSync(join(profileDir(s.saveDir), 'settings.json'), '[1, 2');
    expect(await readFoundEndings(profileDir(s.saveDir), story.id)).toEqual([]);
    expect(await readSettings(profileDir(s.saveDir))).toEqual({ textSpeed: 'instant', colour: true, showChanges: true });
  });

  it("writes an Ink game's transcript: scenes with their choices, each choice made, and the ending", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-transcript-')), 't.txt');
    const transcript = openTranscript(file);
    if (typeof transcript === 'string') throw new Error(transcript);
    const s = services({ transcript });
    await s.foundEndings();
    const start = s.newGame().game;
    s.shown(start);
    await s.chose(playChoice(story, start, 'knock'), '2. Knock twice and wait');
    await s.leave(undefined);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[New game, seed 5.]');
    expect(text).toContain('The Gym Door\n============');
    expect(text).toContain('2. Knock twice and wait\n3. (unavailable) Force the chain');
    expect(text).toContain('> 2. Knock twice and wait\n');
    expect(text).toMatch(/\*\*\* THE END: (Safe for Now|Too Loud) \*\*\*/);
    expect(text).toContain('Endings: 1 of 2 found');
  });
});
