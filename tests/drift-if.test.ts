/**
 * A stat's drift and at_min that run only while a condition holds (`if:`):
 * paused exactly as a scene's `off` pauses them, resumed with the minutes
 * they had. On tests/fixtures/drift-if, where a halfbie eats no food.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAnySplitOfTime } from './helpers/time-splits.js';
import { buildStory, cond } from './helpers/build-story.js';
import { loadFixture, played } from './helpers/fixture-story.js';
import { step } from '../src/engine/index.js';
import type { GameState, Story } from '../src/engine/index.js';
import { loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { conditionsOf } from '../src/story/story-facts.js';
import { storyFromImage, storyImage, type StoryImage } from '../src/story/story-image.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { runRandomTest } from '../src/tools/randomtest.js';

let story: Story;

beforeAll(async () => {
  story = await loadFixture('tests/fixtures/drift-if');
});

const play = (...choices: string[]): GameState => played(story, ...choices);
const HALFBIE_RULE = 'status(player) != "semi-infected"';

describe('a stat rule with if', () => {
  it("does not eat a halfbie's supplies, while a healthy player's are eaten", () => {
    const healthy = play('wait-day');
    expect(healthy.stats.supplies).toBe(1);
    expect(healthy.drift?.supplies).toBe(4 * 60);
    const halfbie = play('turn', 'wait-day');
    expect(halfbie.characters.player?.status).toBe('semi-infected');
    expect(halfbie.stats.supplies).toBe(2);
    // Paused: not a minute counted toward the next meal.
    expect(halfbie.drift?.supplies).toBe(0);
  });

  it('costs a halfbie nothing at no supplies, while a healthy player pays every 6 hours', () => {
    const healthy = play('eat-all', 'wait-day');
    expect(healthy.stats.health).toBe(8);
    expect(healthy.stats.stamina).toBe(3);
    expect(healthy.said).toEqual(['Hunger and thirst wear at you.']);
    const halfbie = play('turn', 'eat-all', 'wait-day');
    expect(halfbie.stats.health).toBe(10);
    expect(halfbie.stats.stamina).toBe(5);
    expect(halfbie.said).toEqual([]);
    expect(halfbie.atMin?.supplies).toBe(0);
  });

  it('resumes with the minutes it had counted when the condition holds again', () => {
    // Six hours toward the next meal, then a day as a halfbie, then healthy again.
    const back = play('wait-long', 'turn', 'wait-day', 'heal');
    expect(back.drift?.supplies).toBe(6 * 60);
    expect(back.stats.supplies).toBe(2);
    const hour = step(story, back, 'wait-hour');
    expect(hour.stats.supplies).toBe(2);
    // The eighth lived healthy hour: the meal falls, as if the halfbie day had not been.
    expect(step(story, hour, 'wait-hour').stats.supplies).toBe(1);
  });

  it('resumes the at_min count with the minutes it had at the minimum', () => {
    const five = play('eat-all', 'wait-hour', 'wait-hour', 'wait-hour', 'wait-hour', 'wait-hour');
    expect(five.atMin?.supplies).toBe(5 * 60);
    const back = ['turn', 'wait-day', 'feed', 'heal'].reduce((s, c) => step(story, s, c), five);
    expect(back.atMin?.supplies).toBe(5 * 60);
    expect(back.stats.health).toBe(10);
    // One more healthy hour is the sixth at the minimum: the cost falls.
    const sixth = step(story, back, 'wait-hour');
    expect(sixth.stats.health).toBe(9);
    expect(sixth.stats.stamina).toBe(4);
  });

  it("gives way to a scene's own drift for the stat, its if with it", () => {
    // The kitchen's rule has no if: a halfbie picks at the tins there too.
    expect(play('turn', 'kitchen', 'linger').stats.supplies).toBe(0);
  });

  it('looks at its condition again after every step within one long wait', () => {
    // Warmth comes back only while there is food. In the second twelve hours
    // the last supplies go at hour 16: warmth stops there, not at the end.
    const days = play('wait-day', 'wait-day');
    expect(days.stats.supplies).toBe(0);
    expect(days.stats.warmth).toBe(16);
    const hours = play(...Array<string>(24).fill('wait-hour'));
    expect(hours.stats).toEqual(days.stats);
    expect(hours.drift).toEqual(days.drift);
    expect(hours.atMin).toEqual(days.atMin);
  });

  it('plays the same random games from the same seed, none stuck and none in error', () => {
    const options = { runs: 300, seed: 7 };
    const first = runRandomTest(story, options);
    expect(runRandomTest(story, options)).toEqual(first);
    expect(first.stuck).toEqual([]);
    expect(first.errors).toEqual([]);
    expect(first.scenes).toContain('kitchen');
  });
});

describe('a stat rule with if, whatever the split of time', () => {
  it('time passed in any pieces drifts exactly as the same time passed at once, conditions on drifting stats included', () => {
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
          food: {
            start: 3,
            drift: { every: 200, by: -1 },
            atMin: { every: 130, add: { health: -1 }, if: cond('warmth < 5', (s) => (s.stats.warmth ?? 0) < 5) },
          },
          warmth: { start: 0, max: 100, drift: { every: 45, by: 1, if: cond('food > 0', (s) => (s.stats.food ?? 0) > 0) } },
          health: { start: 10 },
        },
      },
    );
    const story: Story = { ...base, drifting: ['food', 'warmth'] };
    expectAnySplitOfTime(story, { clock: true });
  });
});

describe('a stat rule with if, when the story loads', () => {
  const load = (stats: string, scene = 'id: a\nending: { title: End }\n', flags = '') =>
    loadStoryFiles([
      { path: 't/story.yaml', text: `id: t\ntitle: T\nstart: a\n${flags}stats:\n${stats}` },
      { path: 't/a.yaml', text: scene },
    ]);
  const errors = (r: LoadResult) => r.problems.filter((p) => p.severity === 'error').map(formatProblem);

  it('reports a bad condition at its line and column in story.yaml, naming what is wrong', () => {
    const r = load(
      `  health: { min: 0, max: 10, start: 10 }
  supplies:
    min: 0
    max: 10
    start: 3
    drift: { every: 8h, by: -1, if: 'helth > 2' }
    at_min: { every: 6h, add: { health: -1 }, if: 'health >' }
`,
    );
    expect(errors(r)).toEqual([
      "t/story.yaml:10:38: error: unknown name 'helth': not a stat, a flag that is set anywhere, or a built-in (day, hour, time, hunger, turn) — did you mean 'health'?",
      // Where a choice's `if: 'health >'` is reported too: at the condition.
      "t/story.yaml:11:51: error: expected a value after '>'",
    ]);
  });

  it('refuses an if on a scene\'s drift rule: a scene\'s rule replaces the stat\'s, condition and all', () => {
    const r = load(
      '  noise: { min: 0, max: 10, start: 0 }\n',
      'id: a\nending: { title: End }\ndrift: { noise: { every: 1h, by: -1, if: "noise > 2" } }\n',
    );
    expect(errors(r)).toEqual(["t/a.yaml:3:38: error: unknown field 'if' (fields here: every, by)"]);
  });

  it('counts a flag tested only by a stat rule as tested, so check does not call it unused', () => {
    const ok = loadStoryFiles([
      { path: 't/story.yaml', text: 'id: t\ntitle: T\nstart: a\nstats:\n  noise: { min: 0, max: 10, start: 5, drift: { every: 1h, by: -1, if: hiding } }\n' },
      { path: 't/a.yaml', text: 'id: a\nchoices:\n  - { id: hide, text: Hide, effects: [ { set: hiding }, { time: 1h } ], goto: b }\n' },
      { path: 't/b.yaml', text: 'id: b\nending: { title: End }\n' },
    ]);
    expect(errors(ok)).toEqual([]);
    expect(conditionsOf(ok.story!).map((c) => c.src)).toEqual(['hiding']);
    expect(analyzeStory(ok.story!).map((p) => p.message).filter((m) => m.includes('hiding'))).toEqual([]);
  });
});

describe('a stat rule with if in the precompiled story image', () => {
  it('is kept as its source and compiled again, and plays the same', async () => {
    const image = JSON.parse(JSON.stringify(storyImage(story, { scenes: 0, choices: 0, endings: 0, words: 0 }, []))) as StoryImage;
    expect(image.story.stats.supplies?.drift?.if).toBe(HALFBIE_RULE);
    expect(image.story.stats.supplies?.atMin?.if).toBe(HALFBIE_RULE);
    expect(image.story.stats.warmth?.drift?.if).toBe('supplies > 0');
    const back = storyFromImage(image);
    expect(back.stats.supplies?.drift?.if?.src).toBe(HALFBIE_RULE);
    const moves = ['turn', 'eat-all', 'wait-day', 'heal', 'wait-long', 'kitchen', 'linger'];
    expect(played(back, ...moves)).toEqual(play(...moves));
  });
});
