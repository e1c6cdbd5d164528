/**
 * Saves remember the packs a game was played with (save format 7): a game
 * with packs autosaves apart from the story's plain games, loads with its
 * packs inside their scenes, and loads without one by saying which pack is
 * missing and resuming as far as the story without it allows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/story-types.js';
import { SAVE_FORMAT_VERSION, decodeSave, encodeSave, newGame, playChoice, SaveError, type LoadedGame } from '../src/saves/index.js';
import type { SaveDocument } from '../src/saves/format.js';
import { v6ToV7 } from '../src/saves/migrate.js';
import { autosaveFamily, autosaveSlot, isAutosaveOfStory } from '../src/saves/slots.js';
import { loadStoryDir } from '../src/story/load.js';
import { loadPack } from '../src/story/pack-load.js';
import { addPacks } from '../src/story/packs.js';

const NOW = new Date('2026-03-02T10:00:00Z');
let story: Story;
let withCellar: Story;
beforeAll(async () => {
  story = (await loadStoryDir('tests/fixtures/pack-base')).story!;
  withCellar = addPacks(story, [await loadPack(story, 'tests/fixtures/packs/cellar')]).story;
});

function loaded(result: LoadedGame | SaveError): LoadedGame {
  if (result instanceof SaveError) throw new Error(result.message);
  return result;
}

describe('a save of a game with packs', () => {
  it('records each pack’s id, version and title; a game without packs records none', () => {
    const doc = JSON.parse(encodeSave(withCellar, newGame(withCellar, 1), NOW)) as SaveDocument;
    expect(doc.version).toBe(SAVE_FORMAT_VERSION);
    expect(doc.packs).toEqual([{ id: 'cellar', version: '1.0.0', title: 'The Cellar' }]);
    const plain = JSON.parse(encodeSave(story, newGame(story, 1), NOW)) as SaveDocument;
    expect('packs' in plain).toBe(false);
  });

  it('loads with the pack into the pack’s scene', () => {
    const game = playChoice(withCellar, newGame(withCellar, 1), 'cellar.down');
    const back = loaded(decodeSave(encodeSave(withCellar, game, NOW), withCellar, 'x.json'));
    expect(back.state.scene).toBe('cellar.steps');
    expect(back.notices).toEqual([]);
  });

  it('loads without the pack by saying which is missing, and resumes where the story goes on without it', () => {
    const game = playChoice(withCellar, playChoice(withCellar, newGame(withCellar, 1), 'cellar.down'), 'back');
    const back = loaded(decodeSave(encodeSave(withCellar, game, NOW), story, 'x.json'));
    expect(back.state.scene).toBe('hall');
    expect(back.history).toEqual([]);
    expect(back.notices).toEqual([
      'This save was played with the pack "The Cellar" (cellar 1.0.0), which is not on now: resumed at "The Hall", 2 choices back, where the story goes on without it.',
    ]);
  });

  it('that never went into the pack loads whole without it, and says the pack is not on', () => {
    const game = playChoice(withCellar, newGame(withCellar, 1), 'up');
    const back = loaded(decodeSave(encodeSave(withCellar, game, NOW), story, 'x.json'));
    expect(back.state.scene).toBe('stair');
    expect(back.notices).toEqual(['This save was played with the pack "The Cellar" (cellar 1.0.0), which is not on now; the game goes on without it.']);
  });

  it('of save format 6 moves to 7 with no packs', () => {
    const doc = JSON.parse(encodeSave(story, newGame(story, 1), NOW)) as SaveDocument;
    const v6 = { ...doc, version: 6 as const };
    expect(v6ToV7(v6)).toEqual({ ...doc, version: 7 });
    expect(loaded(decodeSave(JSON.stringify(v6), withCellar, 'old.json')).notices).toEqual([]);
  });
});

describe('autosaves of a game with packs', () => {
  it('go to a slot of their own, the same whatever the packs’ versions or order', () => {
    const plain = autosaveSlot(story);
    const packed = autosaveSlot(withCellar);
    expect(plain).toBe('autosave-school');
    expect(packed).toMatch(/^autosave-school-p[0-9a-f]{8}$/);
    const updated = { id: 'school', packs: [{ id: 'cellar', version: '2.0.0', title: 'The Cellar, again' }] };
    expect(autosaveSlot(updated)).toBe(packed);
    const two = (ids: string[]) => autosaveSlot({ id: 'school', packs: ids.map((id) => ({ id, version: '1.0.0', title: id })) });
    expect(two(['a', 'b'])).toBe(two(['b', 'a']));
    expect(two(['a', 'b'])).not.toBe(packed);
  });

  it('are continued from whichever packs are on, but never from another folder’s story', () => {
    for (const slot of [...autosaveFamily(autosaveSlot(story)), ...autosaveFamily(autosaveSlot(withCellar))]) {
      expect(isAutosaveOfStory(story, undefined, slot)).toBe(true);
    }
    expect(isAutosaveOfStory(story, undefined, autosaveSlot(story, '/some/folder'))).toBe(false);
    expect(isAutosaveOfStory(story, '/some/folder', autosaveSlot(withCellar, '/some/folder'))).toBe(true);
    expect(isAutosaveOfStory(story, undefined, 'autosave-school-kept-20260101-100000')).toBe(false);
    expect(isAutosaveOfStory(story, undefined, 'autosave-schoolhouse')).toBe(false);
  });
});
