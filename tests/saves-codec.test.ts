import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAVE_SCHEMA_PATH, generateSaveSchema } from '../scripts/gen-save-schema.js';
import { loadStoryDir } from '../src/story/load.js';
import { enabledChoiceIds, replay, sceneView, step } from '../src/engine/index.js';
import type { Story } from '../src/engine/story-types.js';
import {
  MAX_JSON_DEPTH,
  MAX_SAVE_BYTES,
  SAVE_FORMAT_VERSION,
  SaveError,
  decodeSave,
  encodeSave,
  migrateToCurrent,
  newGame,
  playChoice,
  readSaveDocument,
  rewind,
  type LoadedGame,
  type SaveDocument,
  type SavedGame,
} from '../src/saves/index.js';
import { v1ToV2, v2ToV3, v3ToV4 } from '../src/saves/migrate.js';
import type { SaveV1, SaveV2, SaveV3 } from '../src/saves/format.js';
import { playPicks, saveStory, saveStoryScenes } from './helpers/save-story.js';

const NOW = new Date('2026-03-14T09:05:00.000Z');
const story = saveStory();
// gate:sign hall:wait hall:left lab:back hall:right yard:inside hall:wait hall:left lab:touch ...
const PICKS = [0, 2, 0, 0, 1, 0, 2, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0];

/** The part of a game that decides how it plays on. */
function core(game: SavedGame): SavedGame {
  return { seed: game.seed, start: game.start, history: game.history, state: game.state };
}

function loaded(result: LoadedGame | SaveError): LoadedGame {
  if (result instanceof SaveError) throw new Error(`expected a game, got: ${result.message}`);
  return result;
}

function refused(result: LoadedGame | SaveError): SaveError {
  if (!(result instanceof SaveError)) throw new Error('expected a SaveError, got a game');
  return result;
}

function played(picks = PICKS, s: Story = story, seed = 7): SavedGame {
  return playPicks(s, newGame(s, seed), picks);
}

function docOf(game: SavedGame, s: Story = story): SaveDocument {
  return JSON.parse(encodeSave(s, game, NOW)) as SaveDocument;
}

describe('round trip', () => {
  it('a loaded game plays on exactly like the game that was saved', () => {
    for (let cut = 0; cut <= PICKS.length; cut += 3) {
      const before = played(PICKS.slice(0, cut));
      const after = loaded(decodeSave(encodeSave(story, before, NOW), story, 'test.json'));
      expect(after.state).toEqual(before.state);
      expect(after.history).toEqual(before.history);
      expect(after.notices).toEqual([]);
      const rest = [2, 0, 1, 1, 0, 2, 1, 0, 0, 1, 1, 1, 0];
      expect(core(playPicks(story, after, rest, true))).toEqual(core(playPicks(story, before, rest, true)));
    }
  });

  it('survives JSON.stringify → JSON.parse of the state (plain data only)', () => {
    const game = played();
    expect(JSON.parse(JSON.stringify(game.state))).toEqual(game.state);
  });

  it('records what the save list shows: scene title, chapter, clock, date, name, condition, turn', () => {
    const game = played([0, 1]);
    const doc = docOf(game);
    expect(doc.format).toBe('hyosan-save');
    expect(doc.version).toBe(SAVE_FORMAT_VERSION);
    expect(doc.story).toEqual({ id: 'save-test', version: '1', hash: 'original' });
    expect(doc.seed).toBe(7);
    expect(doc.meta).toEqual({
      sceneTitle: 'yard',
      chapter: 'Chapter 2: The Yard',
      clock: sceneView(story, game.state).clock,
      savedAt: '2026-03-14T09:05:00.000Z',
      playerName: 'Mi-rae 0',
      condition: 'well',
      turn: 2,
    });
    expect(doc.history).toEqual([
      { scene: 'gate', choice: 'sign', input: 'Mi-rae 0' },
      { scene: 'hall', choice: 'right' },
    ]);
  });

  it('records typed answers as the engine kept them, so they replay the same', () => {
    const game = playChoice(story, newGame(story, 1), 'sign', '  \u001b[31mA very long name indeed  ');
    expect(game.history[0]!.input).toBe(game.state.vars.name);
    expect(loaded(decodeSave(encodeSave(story, game, NOW), story, 'x.json')).state).toEqual(game.state);
  });

  it('a game begun at another scene (--start-at) resumes from that scene', () => {
    const fromHall = { ...story, start: 'hall' };
    const game = playPicks(fromHall, newGame(fromHall, 3), [0, 0, 1]);
    const back = loaded(decodeSave(encodeSave(fromHall, game, NOW), story, 'x.json'));
    expect(back.start).toBe('hall');
    expect(back.state).toEqual(game.state);
  });
});

describe('rewind', () => {
  it('undoes the last n choices, as if they had never been made', () => {
    const game = played();
    for (const n of [0, 1, 4, PICKS.length]) {
      const back = rewind(story, game, n);
      expect(back.history).toEqual(game.history.slice(0, game.history.length - n));
      expect(back.state).toEqual(replay(story, 7, back.history).state);
    }
  });

  it('rewinding past the first choice goes back to the start', () => {
    const back = rewind(story, played(), 1000);
    expect(back.history).toEqual([]);
    expect(back.state).toEqual(newGame(story, 7).state);
  });

  it('works after quitting and loading the save again', () => {
    const game = played();
    const again = loaded(decodeSave(encodeSave(story, game, NOW), story, 'x.json'));
    expect(core(rewind(story, again, 3))).toEqual(core(rewind(story, game, 3)));
  });
});

describe('migrations', () => {
  /** The same game as a version-3 document: no `said`, no exposure times or fates. */
  function asV3(game: SavedGame): SaveV3 {
    const doc = docOf(game);
    const { said: _said, ...state } = doc.state;
    const characters: SaveV3['state']['characters'] = {};
    for (const [id, c] of Object.entries(state.characters)) {
      const { exposedAt: _at, fate: _fate, ...rest } = c;
      characters[id] = rest;
    }
    return { ...doc, version: 3, state: { ...state, characters } };
  }

  /** The same game as a version-2 document: flags as a `{ flag: true }` map in the snapshot. */
  function asV2(game: SavedGame): SaveV2 {
    const doc = asV3(game);
    const flags = Object.fromEntries(doc.state.flags.map((f) => [f, true as const]));
    return { ...doc, version: 2, state: { ...doc.state, flags } };
  }

  it('version 3 → 4 adds an empty `said` and takes an incubating character’s exposure time from the incubation', () => {
    const v3 = asV3(played());
    const incubating = {
      status: 'exposed' as const,
      immunity: 0.5,
      hunger: 0,
      bitten: true,
      incubation: { outcome: 'immune' as const, exposedAt: 42, resolvesAt: 90, route: 'bite' as const, emotion: 'calm' as const },
    };
    const v4 = v3ToV4({ ...v3, state: { ...v3.state, characters: { ...v3.state.characters, onjo: incubating } } });
    expect(v4.version).toBe(4);
    expect(v4.state.said).toEqual([]);
    expect(v4.state.characters.onjo?.exposedAt).toBe(42);
    expect(v4.state.characters.player).toEqual(v3.state.characters.player);
    expect(v4.history).toEqual(v3.history);
  });

  it('a version-3 save loads into the same game as the version-4 save', () => {
    const game = played();
    const fromV3 = loaded(decodeSave(JSON.stringify(asV3(game)), story, 'old.json'));
    expect(fromV3.state).toEqual(game.state);
    expect(fromV3.history).toEqual(game.history);
    expect(fromV3.notices).toEqual([]);
  });

  /** The same game as a version-1 document: bare choice ids, no start. */
  function asV1(game: SavedGame): SaveV1 {
    const { history, start: _start, version: _v, ...rest } = asV2(game);
    return { ...rest, version: 1, history: history.map((m) => m.choice) };
  }

  it('version 2 → 3 turns the snapshot’s flag map into the sorted list of flags set', () => {
    const game = played();
    const v2 = asV2(game);
    const v3 = v2ToV3({ ...v2, state: { ...v2.state, flags: { zebra: true, alpha: true } } });
    expect(v3.version).toBe(3);
    expect(v3.state.flags).toEqual(['alpha', 'zebra']);
    expect(v3.history).toEqual(v2.history);
  });

  it('a version-2 save loads into the same game as the version-3 save', () => {
    const game = played();
    const fromV2 = loaded(decodeSave(JSON.stringify(asV2(game)), story, 'old.json'));
    expect(fromV2.state).toEqual(game.state);
    expect(fromV2.notices).toEqual([]);
  });

  it('version 1 → 2 recovers the scene of every choice and the typed answers', () => {
    const game = played();
    const v2 = v1ToV2(asV1(game), story);
    expect(v2.version).toBe(2);
    expect(v2.start).toBe('gate');
    expect(v2.history).toEqual(game.history);
  });

  it('a version-1 save loads into the same game as the version-2 save', () => {
    const game = played();
    const fromV1 = loaded(decodeSave(JSON.stringify(asV1(game)), story, 'old.json'));
    expect(fromV1.state).toEqual(game.state);
    expect(fromV1.history).toEqual(game.history);
    expect(fromV1.notices).toEqual([]);
  });

  it('version 1 of an edited story: the moves past the break stay in the scene where replay stopped', () => {
    const game = played();
    const edited = saveStory(withoutChoice('lab', 'back'), 'edited');
    const v1 = asV1(game);
    const v2 = v1ToV2(v1, edited);
    const breakAt = game.history.findIndex((m) => m.choice === 'back');
    expect(v2.history.slice(0, breakAt)).toEqual(game.history.slice(0, breakAt));
    expect(v2.history.slice(breakAt).every((m) => m.scene === 'lab')).toBe(true);
    const back = loaded(decodeSave(JSON.stringify(v1), edited, 'old.json'));
    expect(back.history).toHaveLength(breakAt);
    expect(back.notices[0]).toContain(`the choice 'back' is gone from "lab"`);
  });

  it('the current version needs no migration', () => {
    const doc = docOf(played());
    expect(migrateToCurrent(doc, story)).toBe(doc);
  });
});

function withoutChoice(scene: string, choice: string) {
  const scenes = saveStoryScenes();
  scenes[scene]!.choices = scenes[scene]!.choices!.filter((c) => c.id !== choice);
  return scenes;
}

describe('loading after the story was edited', () => {
  const game = played();
  const text = encodeSave(story, game, NOW);

  it('a choice added above the others: the whole history still replays, loaded silently', () => {
    const scenes = saveStoryScenes();
    scenes.hall!.choices!.unshift({ id: 'phone', goto: 'hall' });
    scenes.gate!.choices!.unshift({ id: 'shout', goto: 'hall' });
    const edited = saveStory(scenes, 'edited');
    const back = loaded(decodeSave(text, edited, 'x.json'));
    expect(back.notices).toEqual([]);
    expect(back.movesLost).toBe(0);
    expect(back.state).toEqual(game.state);
  });

  it('a choice removed: resumes at the last point that replays, and says what changed', () => {
    const edited = saveStory(withoutChoice('hall', 'wait'), 'edited');
    const breakAt = game.history.findIndex((m) => m.choice === 'wait');
    const back = loaded(decodeSave(text, edited, 'x.json'));
    const lost = game.history.length - breakAt;
    expect(back.history).toEqual(game.history.slice(0, breakAt));
    expect(back.state).toEqual(replay(story, 7, game.history.slice(0, breakAt)).state);
    expect(back.notices).toEqual([
      `The story changed since this save: the choice 'wait' is gone from "hall" — resumed at "hall", ${lost} choices back.`,
    ]);
    // The game goes on from there: no soft-lock.
    expect(enabledChoiceIds(edited, back.state).length).toBeGreaterThan(0);
  });

  it('a scene removed: resumes before the first choice that led into it', () => {
    const scenes = saveStoryScenes();
    delete scenes.lab;
    scenes.hall!.choices = scenes.hall!.choices!.filter((c) => c.id !== 'left');
    const edited = saveStory(scenes, 'edited');
    const back = loaded(decodeSave(text, edited, 'x.json'));
    const breakAt = game.history.findIndex((m) => m.choice === 'left');
    expect(back.history).toEqual(game.history.slice(0, breakAt));
    expect(back.notices[0]).toMatch(/^The story changed since this save: the choice 'left' is gone from "hall" — resumed at "hall", \d+ choices back\.$/);
  });

  it('a choice that now leads elsewhere: stops where the recorded scene no longer matches', () => {
    const scenes = saveStoryScenes();
    scenes.hall!.choices!.find((c) => c.id === 'left')!.goto = 'yard';
    const edited = saveStory(scenes, 'edited');
    const back = loaded(decodeSave(text, edited, 'x.json'));
    expect(back.movesLost).toBeGreaterThan(0);
    expect(back.notices[0]).toContain('an earlier choice no longer leads to "lab"');
  });

  it('the last choice now ends in another scene: loads there and says so', () => {
    const short = played([0, 0]); // gate → hall → lab
    const scenes = saveStoryScenes();
    scenes.hall!.choices!.find((c) => c.id === 'left')!.goto = 'yard';
    const edited = saveStory(scenes, 'edited');
    const back = loaded(decodeSave(encodeSave(story, short, NOW), edited, 'x.json'));
    expect(back.state.scene).toBe('yard');
    expect(back.notices).toEqual([
      'The story changed since this save: your choices now lead to "yard" instead of "lab" — resumed at "yard".',
    ]);
  });

  it('a story that now fails (a redirect loop) resumes just before the failing choice', () => {
    const scenes = saveStoryScenes();
    scenes.lab!.onEnter = [{ kind: 'goto', scene: 'lab2' }];
    scenes.lab2 = { onEnter: [{ kind: 'goto', scene: 'lab' }], choices: [{ id: 'x', goto: 'hall' }] };
    const edited = saveStory(scenes, 'edited');
    const back = loaded(decodeSave(text, edited, 'x.json'));
    const breakAt = game.history.findIndex((m) => m.choice === 'left');
    expect(back.history).toHaveLength(breakAt);
    expect(back.notices[0]).toContain(`the story fails after the choice 'left'`);
  });

  it('the same story with a hand-edited history: resumes where it stops fitting, with a notice', () => {
    const doc = docOf(game);
    doc.history[3] = { ...doc.history[3]!, choice: 'nonsense' };
    const back = loaded(decodeSave(JSON.stringify(doc), story, 'x.json'));
    expect(back.history).toHaveLength(3);
    expect(back.notices[0]).toMatch(/^This save no longer replays to the end: /);
  });
});

describe('refusing what is not a save of this story', () => {
  const good = docOf(played([0, 1]));
  const decode = (value: unknown) => refused(decodeSave(typeof value === 'string' ? value : JSON.stringify(value), story, '/saves/slot.json'));

  it('a save of another story, with a message naming both', () => {
    const error = decode({ ...good, story: { ...good.story, id: 'other' } });
    expect(error.kind).toBe('other-story');
    expect(error.message).toBe(
      '/saves/slot.json: is a save of the story "other", not "save-test" — load it with the story it was made for (--story DIR).',
    );
  });

  it('a save from a newer hyosan', () => {
    const error = decode({ ...good, version: SAVE_FORMAT_VERSION + 1 });
    expect(error.kind).toBe('too-new');
    expect(error.message).toContain('update hyosan');
  });

  it('a save older than the minimum loadable version', () => {
    expect(decode({ ...good, version: 0 }).kind).toBe('too-old');
  });

  it('JSON that is not a save, and text that is not JSON', () => {
    expect(decode({ hello: 'world' }).kind).toBe('not-a-save');
    expect(decode([1, 2]).kind).toBe('not-a-save');
    expect(decode('{"format": "hyosan-save", "ver').kind).toBe('not-json');
    expect(decode('').kind).toBe('not-json');
  });

  it('a damaged field, naming the field', () => {
    const error = decode({ ...good, history: [{ scene: 'gate', choice: 42 }] });
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/^\/saves\/slot\.json: is not a valid save: "history\[0\]\.choice": expected string/);
  });

  // zod/mini comes with no messages of its own: these are zod's English ones, installed by src/story/zod.ts.
  it.each([
    ['a seed that is text', { seed: 'abc' }, '"seed": expected number, received string'],
    ['a fractional seed', { seed: 1.5 }, '"seed": expected int, received number'],
    ['a date that is not one', { meta: { ...good.meta, savedAt: 'yesterday' } }, '"meta.savedAt": Invalid ISO datetime'],
    ['an empty scene id', { history: [{ scene: '', choice: 'x' }] }, '"history[0].scene": Too small: expected string to have >=1 characters'],
  ])('a damaged field in zod\'s own words: %s', (_what, damage, words) => {
    expect(decode({ ...good, ...damage }).message).toContain(`is not a valid save: ${words} — `);
  });

  it('files over 1 MiB, before parsing', () => {
    const huge = JSON.stringify({ ...good, padding: 'x'.repeat(MAX_SAVE_BYTES) });
    expect(decode(huge).kind).toBe('too-large');
  });

  it(`nesting deeper than ${MAX_JSON_DEPTH}`, () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(decode(deep).kind).toBe('too-deep');
    expect(decode('['.repeat(500_000)).kind).toBe('too-deep');
    // Brackets inside strings do not count.
    const stringy = { ...good, meta: { ...good.meta, sceneTitle: '[[[[[[[[' .repeat(20) } };
    expect(decodeSave(JSON.stringify(stringy), story, 'x')).not.toBeInstanceOf(SaveError);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a "%s" key anywhere', (key) => {
    const text = JSON.stringify(good).replace('"stats":{', `"stats":{"${key}":1,`);
    const error = decode(text);
    expect(error.kind).toBe('forbidden-key');
    expect(error.message).toContain(`state.stats.${key}`);
  });

  it('control characters in display text (terminal escapes in a hand-edited save)', () => {
    expect(decode({ ...good, meta: { ...good.meta, sceneTitle: '\u001b[2Jgone' } }).kind).toBe('invalid');
  });

  it('every message is one line', () => {
    const error = decode('{"format":\n"hyosan-save",\n"version": "2"}');
    expect(error.message).not.toMatch(/\n/);
  });
});

describe('reading a save without a story (for listing)', () => {
  it('reads any loadable version and refuses damage the same way', () => {
    const game = played([0, 1]);
    const doc = readSaveDocument(encodeSave(story, game, NOW), 'x.json');
    expect(doc).not.toBeInstanceOf(SaveError);
    expect(readSaveDocument('nope', 'x.json')).toBeInstanceOf(SaveError);
  });

  it('the step function is what the play loop would call: playChoice = step plus a recorded move', () => {
    const game = newGame(story, 9);
    expect(playChoice(story, game, 'climb').state).toEqual(step(story, game.state, 'climb'));
  });
});

describe('the committed schema and example saves', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));

  it('saves/save.schema.json matches the zod schema', async () => {
    const committed = await readFile(join(root, SAVE_SCHEMA_PATH), 'utf8').catch(() => '');
    expect(
      committed === generateSaveSchema(),
      `${SAVE_SCHEMA_PATH} is stale: run 'node --import tsx scripts/gen-save-schema.ts'`,
    ).toBe(true);
  });

  it('every example save loads into the shipped story and reaches its scene', async (ctx) => {
    const shipped = await loadStoryDir(join(root, 'story'));
    // A story with errors is reported by the story's own tests; there is nothing to load into.
    if (shipped.story === undefined) ctx.skip();
    const files = (await readdir(join(root, 'saves/examples'))).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(join(root, 'saves/examples', file), 'utf8');
      const game = loaded(decodeSave(text, shipped.story!, `saves/examples/${file}`));
      const hint = `saves/examples/${file} no longer replays: run 'node --import tsx scripts/gen-save-examples.ts'`;
      expect(game.notices, hint).toEqual([]);
      expect(game.state.scene, hint).toBe(JSON.parse(text).state.scene);
    }
  });
});
