/**
 * The save loader takes untrusted input: random text, random JSON and
 * mutated real saves must always give a clear SaveError or a valid game,
 * never an uncaught exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enabledChoiceIds, isEnded, replay } from '../src/engine/index.js';
import { SaveError, decodeSave, encodeSave, newGame, type LoadedGame } from '../src/saves/index.js';
import { playPicks, saveStory } from './helpers/save-story.js';

const story = saveStory();
const WHERE = '/fuzz/slot.json';
const NOW = new Date('2026-05-05T05:05:05.000Z');
const good = playPicks(story, newGame(story, 11), [0, 2, 0, 0, 1, 0, 2, 0, 1, 0]);
const goodText = encodeSave(story, good, NOW);
const goodDoc = JSON.parse(goodText) as unknown;

/** The result is a clear one-line error naming the file, or a game that is sound and playable. */
function expectSound(result: LoadedGame | SaveError): void {
  if (result instanceof SaveError) {
    expect(result.message.startsWith(`${WHERE}: `) || result.message.startsWith('save slot')).toBe(true);
    expect(result.message).not.toMatch(/[\n\r]/);
    expect(result.message).toMatch(/ — .+\.$/);
    return;
  }
  expect(story.scenes.has(result.state.scene)).toBe(true);
  // Loading is replaying: the game is exactly what its (kept) history replays to.
  const again = replay({ ...story, start: result.start }, result.seed, result.history);
  expect(again.applied).toBe(result.history.length);
  expect(again.state).toEqual(result.state);
  // Never a soft-lock: the game has somewhere to go, or is over.
  expect(isEnded(story, result.state) || enabledChoiceIds(story, result.state).length > 0).toBe(true);
  for (const notice of result.notices) expect(notice).not.toMatch(/[\n\r]/);
}

function decode(text: string): LoadedGame | SaveError {
  return decodeSave(text, story, WHERE);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a node of a JSON tree, the root included. */
function pathsOf(value: Json, here: Path = []): Path[] {
  const found: Path[] = [here];
  if (Array.isArray(value)) value.forEach((v, i) => found.push(...pathsOf(v, [...here, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) found.push(...pathsOf(v, [...here, k]));
  }
  return found;
}

function clone(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** The container and key of a path's node (undefined for the root). */
function parentOf(root: Json, path: Path): { container: Json[] | Record<string, Json>; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: Json = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, Json>)[step]!;
  return { container: node as Json[] | Record<string, Json>, key: path[path.length - 1]! };
}

/** A mutation of a real save: replace, delete or add at a node, or change its text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.jsonValue() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), fc.string()),
    value: fc.jsonValue(),
  }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: fc.oneof(fc.integer(), fc.double()) }),
  fc.record({
    kind: fc.constant('choice' as const),
    at: fc.nat(),
    choice: fc.constantFrom('sign', 'climb', 'left', 'right', 'wait', 'back', 'touch', 'inside', 'run', 'nope'),
  }),
  fc.record({ kind: fc.constant('scene' as const), at: fc.nat(), scene: fc.constantFrom('gate', 'hall', 'lab', 'yard', 'gone') }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(doc: Json, m: Mutation): Json {
  const paths = pathsOf(doc);
  const path = paths[m.at % paths.length]!;
  const where = parentOf(doc, path);
  const set = (value: Json) => {
    if (where === undefined) return value;
    (where.container as Record<string | number, Json>)[where.key] = value;
    return doc;
  };
  const moves = doc !== null && typeof doc === 'object' ? (doc as { history?: Json[] }).history : undefined;
  switch (m.kind) {
    case 'replace':
      return set(m.value as Json);
    case 'delete':
      if (where === undefined) return null;
      if (Array.isArray(where.container)) where.container.splice(where.key as number, 1);
      else delete where.container[where.key as string];
      return doc;
    case 'add': {
      let node: Json = doc;
      for (const step of path) node = (node as Record<string | number, Json>)[step]!;
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        // defineProperty, so `__proto__` becomes an own key as JSON.parse would make it.
        Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      }
      return doc;
    }
    case 'number':
      return set(m.value);
    case 'choice':
    case 'scene': {
      if (!Array.isArray(moves) || moves.length === 0) return doc;
      const move = moves[m.at % moves.length] as Record<string, Json>;
      if (move === null || typeof move !== 'object') return doc;
      if (m.kind === 'choice') move.choice = m.choice;
      else move.scene = m.scene;
      return doc;
    }
    default: {
      const _never: never = m;
      return _never;
    }
  }
}

describe('the save decoder under fuzzing', () => {
  it('random text: always a SaveError, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = decode(text);
        expect(result).toBeInstanceOf(SaveError);
        expectSound(result);
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON documents: always a SaveError, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectSound(decode(JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 500 },
    );
  });

  it('random documents that claim to be saves: a SaveError or a sound game', () => {
    const claim = fc.record({
      format: fc.constant('hyosan-save'),
      version: fc.constantFrom(1, 2, 3),
      story: fc.record({ id: fc.constantFrom('save-test', 'x'), version: fc.string(), hash: fc.string() }),
      seed: fc.oneof(fc.nat(), fc.double()),
      start: fc.constantFrom('gate', 'hall', 'nowhere'),
      history: fc.array(
        fc.oneof(
          fc.record({ scene: fc.constantFrom('gate', 'hall', 'lab', 'yard'), choice: fc.constantFrom('sign', 'left', 'right', 'back', 'inside') }),
          fc.constantFrom('sign', 'left', 'right'),
        ),
        { maxLength: 30 },
      ),
      state: fc.constant((goodDoc as { state: unknown }).state),
      meta: fc.constant((goodDoc as { meta: unknown }).meta),
    });
    fc.assert(
      fc.property(claim, (doc) => expectSound(decode(JSON.stringify(doc)))),
      { numRuns: 500 },
    );
  });

  it('mutated real saves: a SaveError or a sound game', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let doc = clone(goodDoc);
        for (const m of mutations) doc = mutate(doc, m);
        expectSound(decode(JSON.stringify(doc) ?? 'null'));
      }),
      { numRuns: 1000 },
    );
  });

  it('damaged text of a real save (cut short, characters changed): a SaveError or a sound game', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: goodText.length }),
        fc.array(fc.record({ at: fc.nat(), char: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) }), { maxLength: 3 }),
        (cut, edits) => {
          let text = goodText.slice(0, cut);
          for (const { at, char } of edits) {
            const i = text.length === 0 ? 0 : at % text.length;
            text = text.slice(0, i) + char + text.slice(i + 1);
          }
          expectSound(decode(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the undamaged save loads (the fuzzing starts from a real game)', () => {
    const result = decode(goodText);
    expectSound(result);
    expect(result).not.toBeInstanceOf(SaveError);
  });
});
