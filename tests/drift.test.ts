/**
 * Stats that drift with story time (`drift:`), scenes that pause or change
 * it, and what running out costs (`at_min:`), on tests/fixtures/survival.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAnySplitOfTime } from './helpers/time-splits.js';
import { buildStory } from './helpers/build-story.js';
import { loadFixture, played } from './helpers/fixture-story.js';
import { advance, start, startOwned, step } from '../src/engine/index.js';
import type { GameState, Story } from '../src/engine/index.js';
import { decodeSave, encodeSave } from '../src/saves/codec.js';
import { SAVE_FORMAT_VERSION } from '../src/saves/versions.js';
import { loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { SaveError } from '../src/saves/errors.js';
import { newGame, playChoice } from '../src/saves/game.js';
import { changesLine } from '../src/ui/changes.js';

let story: Story;

beforeAll(async () => {
  story = await loadFixture('tests/fixtures/survival');
});

const play = (...choices: string[]): GameState => played(story, ...choices);

describe('drift', () => {
  it('moves a stat by its step every so much lived time: noise falls 1 an hour', () => {
    expect(play('wait-hour').stats.noise).toBe(5);
    expect(play('wait-hour', 'wait-hour', 'wait-hour').stats.noise).toBe(3);
    // Supplies fall 1 every 8 hours.
    expect(play('wait-long').stats.supplies).toBe(2);
    expect(play('wait-long', 'wait-long').stats.supplies).toBe(1);
  });

  it('keeps the minutes toward the next step in the state, so steps fall at the same time however time is split', () => {
    const half = play('wait-half');
    expect(half.stats.noise).toBe(6);
    expect(half.drift).toEqual({ stamina: 0, supplies: 30, noise: 30 });
    expect(play('wait-half', 'wait-half').stats.noise).toBe(5);
    expect(play('wait-half', 'wait-half').drift?.noise).toBe(0);
    // Twelve half-hours are six hours, step for step.
    const halves = play(...Array<string>(12).fill('wait-half'));
    const long = play('wait-long');
    expect(halves.stats).toEqual(long.stats);
    expect(halves.drift).toEqual(long.drift);
  });

  it('stops at the stat’s bounds', () => {
    expect(play('wait-long', 'wait-long').stats.noise).toBe(0);
  });

  it('counts nothing for time skipped off-screen (skip_time), as hunger does not', () => {
    const skipped = play('wait-half', 'months');
    expect(skipped.time).toBe(30 + 24 * 60);
    expect(skipped.stats.noise).toBe(6);
    expect(skipped.stats.supplies).toBe(2);
    expect(skipped.drift).toEqual(play('wait-half').drift);
  });

  it('follows the scene the player is in: the shelter pauses noise and brings stamina back every 30 minutes', () => {
    const rested = play('rest', 'sleep');
    expect(rested.stats.noise).toBe(6);
    expect(rested.stats.stamina).toBe(9);
    // Supplies are not named by the shelter: they drift as usual.
    expect(rested.drift?.supplies).toBe(120);
    // Back at camp, stamina has no drift of its own and noise falls again.
    const after = step(story, rested, 'wait-hour');
    expect(after.stats.stamina).toBe(9);
    expect(after.stats.noise).toBe(5);
  });

  it('pauses everything in a scene with drift: off, for its on_enter and its choices alike', () => {
    const cellar = play('eat-all', 'hide', 'wait');
    expect(cellar.time).toBe(4 * 60);
    expect(cellar.stats).toEqual(play('eat-all').stats);
  });
});

describe('running out (at_min)', () => {
  it('costs health and stamina every 6 hours the stat sits at its minimum, and says so', () => {
    const out = play('eat-all');
    expect(out.stats.supplies).toBe(0);
    const later = step(story, out, 'wait-long');
    expect(later.stats.health).toBe(9);
    expect(later.stats.stamina).toBe(4);
    expect(later.said).toEqual(['Hunger and thirst wear at you.']);
    expect(changesLine(story, out, later)).toBe('with time: Health −1, Stamina −1, Noise −6');
    const twice = step(story, later, 'wait-long');
    expect(twice.stats.health).toBe(8);
  });

  it('says its line once in a move that costs more than once, and counts the costs on the changes line, as time’s', () => {
    const out = play('eat-all');
    // Two long waits in one move would be 16 hours at the minimum: two costs, one line.
    const day = step(story, out, 'wait-day');
    expect(day.stats.health).toBe(8);
    expect(day.said).toEqual(['Hunger and thirst wear at you.']);
    expect(changesLine(story, out, day)).toBe('with time: Health −2, Stamina −2, Noise −6');
  });

  it('starts counting only once drift has run the stat out, within one long wait', () => {
    // Supplies 1 → 0 at 8 hours; the first cost falls 6 hours after that.
    const low = play('eat-all', 'forage');
    const at13 = step(story, step(story, low, 'wait-long'), 'wait-half');
    expect(at13.stats.supplies).toBe(1);
    const waited = play('eat-all', 'forage', 'wait-long', 'wait-long', 'wait-hour', 'wait-hour');
    // 14 hours: ran out at 8, so 6 hours at the minimum: one cost.
    expect(waited.stats.supplies).toBe(0);
    expect(waited.stats.health).toBe(9);
  });

  it('starts afresh when the stat leaves its minimum, even for a moment', () => {
    const almost = play('eat-all', 'wait-hour', 'wait-hour', 'wait-hour', 'wait-hour', 'wait-hour');
    expect(almost.atMin).toEqual({ supplies: 300 });
    const refilled = step(story, step(story, almost, 'forage'), 'eat-all');
    expect(refilled.atMin).toEqual({ supplies: 0 });
    expect(step(story, refilled, 'wait-hour').stats.health).toBe(10);
    expect(step(story, almost, 'wait-hour').stats.health).toBe(9);
  });

  it('can kill: health at its minimum sends the player to the on_death hook', () => {
    let state = play('eat-all');
    for (let i = 0; i < 10 && state.scene === 'camp'; i++) state = step(story, state, 'wait-long');
    expect(state.scene).toBe('dead');
    expect(state.stats.health).toBe(0);
  });
});

describe('drift in both engine paths and in saves', () => {
  it('advance in place reaches the same state as step, move by move', () => {
    const moves = ['wait-half', 'rest', 'sleep', 'eat-all', 'wait-long', 'hide', 'wait', 'forage', 'wait-long', 'months', 'wait-hour'];
    let kept = start(story, 5);
    const owned = startOwned(story, 5);
    for (const m of moves) {
      kept = step(story, kept, m);
      advance(story, owned, m);
      expect(JSON.parse(JSON.stringify(owned))).toEqual(JSON.parse(JSON.stringify(kept)));
    }
  });

  it('a saved game comes back with the same drift clocks', () => {
    let game = newGame(story, 1);
    for (const choice of ['wait-half', 'eat-all', 'wait-hour']) game = playChoice(story, game, choice);
    const text = encodeSave(story, game, new Date('2026-01-01T00:00:00Z'));
    const doc = JSON.parse(text) as { version: number; state: GameState };
    expect(doc.version).toBe(SAVE_FORMAT_VERSION);
    expect(doc.state.drift).toEqual({ stamina: 0, supplies: 90, noise: 30 });
    expect(doc.state.atMin).toEqual({ supplies: 60 });
    const back = decodeSave(text, story, 'x.json');
    if (back instanceof SaveError) throw back;
    expect(back.state).toEqual(game.state);
  });
});

describe('drift when the story loads', () => {
  const load = (stats: string, scene: string) =>
    loadStoryFiles([
      { path: 't/story.yaml', text: `id: t\ntitle: T\nstart: a\nstats:\n${stats}` },
      { path: 't/a.yaml', text: scene },
    ]);
  const errors = (r: LoadResult) => r.problems.filter((p) => p.severity === 'error').map(formatProblem);

  it('refuses an every of no time, a stat at_min names that does not exist, and a scene drifting an unknown stat', () => {
    const r = load(
      `  noise: { min: 0, max: 10, start: 0, drift: { every: 0m, by: -1 } }
  food: { min: 0, max: 5, start: 1, at_min: { every: 6h, add: { helth: -1 } } }
  health: { min: 0, max: 10, start: 10 }
`,
      `id: a
ending: { title: End }
drift: { nosie: off, noise: { every: 1h, by: 2 } }
`,
    );
    expect(errors(r)).toEqual([
      't/a.yaml:3:10: error: unknown stat \'nosie\': declare it under stats: in story.yaml — did you mean \'noise\'?',
      "t/story.yaml:5:55: error: '0m' is not a length of time above 0: write 30m, 1h, 8h or a number of minutes",
      "t/story.yaml:6:65: error: unknown stat 'helth': declare it under stats: in story.yaml — did you mean 'health'?",
    ]);
  });

  it('knows which stats time moves: those drifting in story.yaml or in a scene, and those with an at_min', () => {
    const r = load(
      `  noise: { min: 0, max: 10, start: 0, drift: { every: 1h, by: -1 } }
  stamina: { min: 0, max: 10, start: 5 }
  food: { min: 0, max: 5, start: 1, at_min: { every: 6h, add: { stamina: -1 } } }
  wits: { min: 0, max: 5, start: 1 }
`,
      `id: a
ending: { title: End }
drift: { stamina: { every: 30m, by: 1 }, wits: off }
`,
    );
    expect(errors(r)).toEqual([]);
    expect(r.story?.drifting).toEqual(['noise', 'stamina', 'food']);
    expect(start(r.story!, 1).drift).toEqual({ noise: 0, stamina: 0, food: 0 });
    expect(start(r.story!, 1).atMin).toEqual({ food: 0 });
  });
});

describe('drift, whatever the split of time', () => {
  it('time passed in any pieces drifts exactly as the same time passed at once', () => {
    const base = buildStory(
      {
        camp: {
          choices: [
            { id: 'pass', effects: [], goto: 'camp' },
            { id: 'starve', effects: [{ kind: 'setStat', stats: { food: 0 } }], goto: 'camp' },
          ],
        },
      },
      {
        stats: {
          noise: { start: 10, drift: { every: 45, by: -1 } },
          food: { start: 3, drift: { every: 200, by: -1 }, atMin: { every: 130, add: { health: -1 } } },
          health: { start: 10 },
        },
      },
    );
    const story: Story = { ...base, drifting: ['noise', 'food'] };
    expectAnySplitOfTime(story);
  });
});
