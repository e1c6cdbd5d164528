/**
 * `advance` changes an owned state in place for bulk runs (random
 * playtests, replaying a save). It must follow exactly the rules `step`
 * follows: these tests play the shipped story both ways, move by move, and
 * compare the whole state after every move.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  advance,
  ChoiceError,
  enabledChoiceIds,
  isEnded,
  replay,
  sceneOf,
  start,
  startOwned,
  step,
} from '../src/engine/index.js';
import type { GameState, Move, Story } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { loadFixture } from './helpers/fixture-story.js';

let story: Story;
// Stats that drift, scenes that pause drift, running out, bonds.
let survival: Story;

beforeAll(async () => {
  const loaded = await loadStoryDir('story');
  if (loaded.story === undefined) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  story = loaded.story;
  survival = await loadFixture('tests/fixtures/survival');
});

/** A deep copy through JSON: what the state is, apart from object identity and freezing. */
function snapshot(state: GameState): unknown {
  return JSON.parse(JSON.stringify(state));
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

/** Plays `picks` (indices into the enabled choices, wrapped) both ways and checks they agree at every move. */
function playBothWays(seed: number, picks: readonly number[], story: Story = shipped()): { state: GameState; moves: Move[] } {
  let kept = start(story, seed);
  const owned = startOwned(story, seed);
  expect(snapshot(owned)).toEqual(snapshot(kept));
  const moves: Move[] = [];
  for (const pick of picks) {
    if (isEnded(story, kept)) break;
    const ids = enabledChoiceIds(story, kept);
    if (ids.length === 0) break;
    const id = ids[pick % ids.length]!;
    const input = sceneOf(story, kept).choices.find((c) => c.id === id)?.input !== undefined ? 'Mina' : undefined;
    const before = snapshot(kept);
    const next = step(story, kept, id, input);
    expect(snapshot(kept)).toEqual(before); // step never changes the state it is given
    advance(story, owned, id, input);
    expect(snapshot(owned)).toEqual(snapshot(next));
    moves.push(input === undefined ? { scene: kept.scene, choice: id } : { scene: kept.scene, choice: id, input });
    kept = next;
  }
  return { state: kept, moves };
}

const shipped = (): Story => story;

describe('advancing an owned state in place', () => {
  it('reaches the same state as step after every move, through both seasons', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 120 }), (seed, picks) => {
        playBothWays(seed, picks);
      }),
      { numRuns: 60 },
    );
  });

  it('reaches the same state as step with drifting stats, scenes that pause them, running out and bonds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 80 }), (seed, picks) => {
        playBothWays(seed, picks, survival);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves the state as it was when the choice cannot be made', () => {
    const owned = startOwned(story, 7);
    const before = snapshot(owned);
    expect(() => advance(story, owned, 'no-such-choice')).toThrow(ChoiceError);
    expect(snapshot(owned)).toEqual(before);
  });

  it('keeps the states that start and step return frozen, and the owned one writable', () => {
    const kept = start(story, 3);
    expect(isDeepFrozen(kept)).toBe(true);
    expect(isDeepFrozen(step(story, kept, enabledChoiceIds(story, kept)[0]!))).toBe(true);
    expect(Object.isFrozen(startOwned(story, 3))).toBe(false);
  });
});

describe('replay, which advances in place', () => {
  it('returns the state step reaches, frozen, and stops at a stale move with the state before it', () => {
    const { state, moves } = playBothWays(11, [0, 1, 2, 1, 0, 3, 2, 1, 0, 1, 2, 0, 1, 1, 0, 2]);
    const replayed = replay(story, 11, moves);
    expect(replayed.applied).toBe(moves.length);
    expect(snapshot(replayed.state)).toEqual(snapshot(state));
    expect(isDeepFrozen(replayed.state)).toBe(true);

    const stale = [...moves.slice(0, 3), { ...moves[3]!, choice: 'gone-in-an-edit' }, ...moves.slice(4)];
    const stopped = replay(story, 11, stale);
    expect(stopped.applied).toBe(3);
    expect(stopped.stoppedBecause).toContain("no choice 'gone-in-an-edit'");
    expect(snapshot(stopped.state)).toEqual(snapshot(replay(story, 11, moves.slice(0, 3)).state));
    expect(isDeepFrozen(stopped.state)).toBe(true);
  });
});
