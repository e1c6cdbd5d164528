import { describe, expect, it } from 'vitest';
import {
  ChoiceError,
  choicesOf,
  enabledChoiceIds,
  isEnded,
  replay,
  sceneView,
  start,
  step,
} from '../src/engine/index.js';
import type { GameState } from '../src/engine/state-types.js';
import type { Story } from '../src/engine/story-types.js';
import { buildStory, cond } from './helpers/build-story.js';

const lab = buildStory(
  {
    lab: {
      chapter: 'Chapter 1',
      text: ['The lab smells of bleach.', 'Your name is {name}. Stamina {stamina}.'],
      onEnter: [{ kind: 'time', minutes: 10 }],
      choices: [
        { id: 'hide', goto: 'bench', effects: [{ kind: 'set', flags: ['hid'] }] },
        {
          id: 'swing',
          goto: 'corridor',
          if: cond('has("extinguisher")', (s) => (s.items.extinguisher ?? 0) > 0),
          effects: [{ kind: 'add', stats: { stamina: -3 } }],
        },
        {
          id: 'run',
          goto: 'corridor',
          requires: cond('stamina > 8', (s) => (s.stats.stamina ?? 0) > 8),
          hint: 'You are too tired.',
        },
        { id: 'grab', goto: 'lab2', effects: [{ kind: 'give', item: 'extinguisher', count: 1 }] },
      ],
    },
    lab2: {
      choices: [
        {
          id: 'swing',
          goto: 'corridor',
          if: cond('has("extinguisher")', (s) => (s.items.extinguisher ?? 0) > 0),
          effects: [{ kind: 'add', stats: { stamina: -30 } }],
        },
      ],
    },
    bench: {
      text: [],
      choices: [
        { id: 'wait', goto: 'bench-end', effects: [{ kind: 'time', minutes: 120 }] },
        {
          id: 'peek',
          goto: 'corridor',
          effects: [
            { kind: 'chance', percent: 50, then: [{ kind: 'goto', scene: 'caught' }], else: [] },
          ],
        },
      ],
    },
    corridor: { choices: [{ id: 'on', goto: 'bench-end' }] },
    caught: { ending: 'Caught' },
    'bench-end': { ending: 'Hidden' },
  },
  { stats: { stamina: { start: 6 } }, vars: { name: 'Ji-woo' } },
);

describe('starting a game', () => {
  it('enters the start scene and runs its on_enter effects', () => {
    const s = start(lab, 1);
    expect(s.scene).toBe('lab');
    expect(s.time).toBe(10);
    expect(s.visits).toEqual({ lab: 1 });
    expect(s.chapter).toBe('Chapter 1');
    expect(s.stats).toEqual({ stamina: 6 });
  });

  it('fills placeholders in scene text from variables and stats', () => {
    const view = sceneView(lab, start(lab, 1));
    expect(view.paragraphs).toEqual(['The lab smells of bleach.', 'Your name is Ji-woo. Stamina 6.']);
    expect(view.clock).toBe('Day 1, 08:10');
  });
});

describe('choices', () => {
  it('hides a choice whose `if` fails and disables one whose `requires` fails, with its hint', () => {
    const views = choicesOf(lab, start(lab, 1));
    expect(views.map((c) => [c.id, c.enabled, c.hint])).toEqual([
      ['hide', true, undefined],
      ['run', false, 'You are too tired.'],
      ['grab', true, undefined],
    ]);
    expect(enabledChoiceIds(lab, start(lab, 1))).toEqual(['hide', 'grab']);
  });

  it('refuses a hidden, a disabled or an unknown choice with a ChoiceError', () => {
    const s = start(lab, 1);
    expect(() => step(lab, s, 'swing')).toThrow(ChoiceError);
    expect(() => step(lab, s, 'run')).toThrow(/is disabled now/);
    expect(() => step(lab, s, 'fly')).toThrow(/has no choice 'fly'/);
  });

  it('keeps flags sorted and counts visits', () => {
    const story = buildStory({
      a: { choices: [{ id: 'go', goto: 'b', effects: [{ kind: 'set', flags: ['zeta', 'alpha', 'mid'] }] }] },
      b: { choices: [{ id: 'back', goto: 'a', effects: [{ kind: 'clear', flags: ['mid'] }, { kind: 'set', flags: ['alpha'] }] }] },
    });
    const s = step(story, step(story, step(story, start(story, 1), 'go'), 'back'), 'go');
    expect(s.flags).toEqual(['alpha', 'mid', 'zeta']);
    expect(s.visits).toEqual({ a: 2, b: 2 });
  });

  it('applies effects in order and keeps stats within their bounds', () => {
    const s = step(lab, step(lab, start(lab, 1), 'grab'), 'swing');
    expect(s.items).toEqual({ extinguisher: 1 });
    expect(s.stats.stamina).toBe(0);
    expect(s.scene).toBe('corridor');
    expect(s.turn).toBe(2);
  });

  it('never mutates the state it was given', () => {
    const s0 = start(lab, 1);
    const copy = JSON.parse(JSON.stringify(s0)) as GameState;
    step(lab, s0, 'hide');
    expect(s0).toEqual(copy);
  });

  it('lets a goto effect override where a choice leads', () => {
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      outcomes.add(step(lab, step(lab, start(lab, seed), 'hide'), 'peek').scene);
    }
    expect(outcomes).toEqual(new Set(['caught', 'corridor']));
  });
});

describe('determinism', () => {
  function randomWalk(story: Story, seed: number, picks: number[]): GameState {
    let s = start(story, seed);
    for (const pick of picks) {
      const ids = enabledChoiceIds(story, s);
      if (ids.length === 0) break;
      s = step(story, s, ids[pick % ids.length]!);
    }
    return s;
  }

  it('gives the identical state for the same seed and the same choices', () => {
    for (let seed = 0; seed < 50; seed++) {
      const picks = [seed % 3, 1, seed % 2, 0];
      expect(randomWalk(lab, seed, picks)).toEqual(randomWalk(lab, seed, picks));
    }
  });

  it('behaves the same after the state goes through JSON', () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = step(lab, start(lab, seed), 'hide');
      const revived = JSON.parse(JSON.stringify(s)) as GameState;
      expect(step(lab, revived, 'peek')).toEqual(step(lab, s, 'peek'));
    }
  });
});

describe('endings', () => {
  it('is over in an ending scene with no choices', () => {
    const s = step(lab, step(lab, start(lab, 1), 'hide'), 'wait');
    expect(isEnded(lab, s)).toBe(true);
    expect(sceneView(lab, s).ending).toEqual({ title: 'Hidden' });
  });

  it('an ending scene with choices is an ending the player can go on from', () => {
    const story = buildStory({
      a: { choices: [{ id: 'go', goto: 'b' }] },
      b: { ending: 'Season over', choices: [{ id: 'next', goto: 'c' }] },
      c: { ending: 'All over' },
    });
    const s = step(story, start(story, 1), 'go');
    expect(sceneView(story, s).ending?.title).toBe('Season over');
    expect(isEnded(story, s)).toBe(false);
    expect(isEnded(story, step(story, s, 'next'))).toBe(true);
  });
});

describe('replaying a history', () => {
  it('reaches the same state as playing the moves', () => {
    const s = step(lab, step(lab, start(lab, 9), 'hide'), 'peek');
    const r = replay(lab, 9, [
      { scene: 'lab', choice: 'hide' },
      { scene: 'bench', choice: 'peek' },
    ]);
    expect(r.applied).toBe(2);
    expect(r.state).toEqual(s);
  });

  it('stops at the first move the story no longer has, keeping the state before it', () => {
    const r = replay(lab, 9, [
      { scene: 'lab', choice: 'hide' },
      { scene: 'bench', choice: 'dance' },
    ]);
    expect(r.applied).toBe(1);
    expect(r.state.scene).toBe('bench');
    expect(r.stoppedBecause).toMatch(/no choice 'dance'/);
  });
});

describe('typed input', () => {
  it('stores a cleaned, length-limited answer in the choice’s variable', () => {
    const story = buildStory(
      {
        name: {
          choices: [{ id: 'say', goto: 'end', input: { var: 'name', prompt: 'Name?', maxLength: 5 } }],
        },
        end: { ending: 'End', text: ['Hello {name}.'] },
      },
      { vars: { name: 'Ji-woo' } },
    );
    const s = step(story, start(story, 1), 'say', '  \u001b[31mMin-seo Park ');
    expect(s.vars.name).toBe('[31mM');
    expect(sceneView(story, step(story, start(story, 1), 'say', '하늘')).paragraphs).toEqual(['Hello 하늘.']);
    expect(step(story, start(story, 1), 'say', '  \u0007 ').vars.name).toBe('Ji-woo');
  });
});

describe('hooks', () => {
  it('sends the player to on_death when health reaches its minimum, wherever they are', () => {
    const story = buildStory(
      {
        a: { choices: [{ id: 'fall', goto: 'b', effects: [{ kind: 'add', stats: { health: -20 } }] }] },
        b: { choices: [{ id: 'x', goto: 'a' }] },
        dead: { ending: 'Dead' },
      },
      { stats: { health: { start: 10 } }, hooks: { on_death: 'dead' } },
    );
    const s = step(story, start(story, 1), 'fall');
    expect(s.scene).toBe('dead');
    expect(isEnded(story, s)).toBe(true);
  });

  it('follows on_enter redirects and refuses an endless loop', () => {
    const story = buildStory({
      a: { choices: [{ id: 'go', goto: 'b' }, { id: 'loop', goto: 'l1' }] },
      b: { onEnter: [{ kind: 'goto', scene: 'c' }] },
      c: { ending: 'C' },
      l1: { onEnter: [{ kind: 'goto', scene: 'l2' }] },
      l2: { onEnter: [{ kind: 'goto', scene: 'l1' }] },
    });
    expect(step(story, start(story, 1), 'go').scene).toBe('c');
    expect(() => step(story, start(story, 1), 'loop')).toThrow(/keeps redirecting/);
  });
});
