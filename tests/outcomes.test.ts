/**
 * What a move shows and records: `say` lines, fates, exposures with a
 * decided outcome, `since_exposed`, death endings and `told`, played on the
 * fixture story tests/fixtures/outcomes (kept and in place, move by move).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  advance,
  enabledChoiceIds,
  isDeathEnding,
  isEnded,
  sceneOf,
  start,
  startOwned,
  step,
} from '../src/engine/index.js';
import type { GameState, Story } from '../src/engine/index.js';
import type { PlainParagraph } from '../src/engine/text-types.js';
import { loadStoryDir, loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { analyzeStory } from '../src/tools/analyze.js';

let story: Story;

beforeAll(async () => {
  const loaded = await loadStoryDir('tests/fixtures/outcomes');
  expect(loaded.problems.map(formatProblem)).toEqual([]);
  story = loaded.story!;
});

/** Plays `choices` from a new game with `seed`, both with `step` and in place, and checks they agree. */
function play(seed: number, ...choices: string[]): GameState {
  let kept = start(story, seed);
  const owned = startOwned(story, seed);
  for (const choice of choices) {
    kept = step(story, kept, choice);
    advance(story, owned, choice);
    expect(JSON.parse(JSON.stringify(owned))).toEqual(JSON.parse(JSON.stringify(kept)));
  }
  return kept;
}

describe('say', () => {
  it('shows the start scene’s on_enter lines in the first state, with placeholders filled in', () => {
    expect(start(story, 1).said).toEqual(['Ji-woo counts the steps.']);
  });

  it('collects a choice’s lines, then the next scene’s on_enter lines, in order', () => {
    expect(play(1, 'bell').said).toEqual(['The bell dies, mid-ring.', 'The rope sways.']);
  });

  it('says the lines of the branch taken inside chance, check and if', () => {
    expect(play(1, 'roll').said).toEqual(['You land it.', 'Loud, but alive.', 'The rope sways.']);
  });

  it('starts every move with nothing said: a move that says nothing leaves the list empty', () => {
    const state = play(1, 'bell', 'down');
    expect(state.scene).toBe('tower.roof');
    expect(state.said).toEqual([]);
  });

  it('goes on through a hook: a companion turning adds the hook scene’s lines; @return shows the hook choice’s lines', () => {
    const bitten = play(3, 'bite');
    expect(bitten.scene).toBe('tower.turns');
    expect(bitten.said).toEqual(['Teeth, in the dark.', 'The rope sways.', 'Woo-jin stops breathing.']);
    const after = play(3, 'bite', 'put-down');
    expect(after.scene).toBe('tower.belfry');
    expect(after.said).toEqual(['It takes both hands.']);
  });
});

describe('fates', () => {
  it('records the fate of the companion who turned, and the scene text reads it', () => {
    const state = play(3, 'bite', 'put-down');
    expect(state.characters.woojin?.fate).toBe('killed-by-you');
    expect(state.party).toEqual(['namra']);
    const text = sceneOf(story, state).text.map((p) => p as PlainParagraph).filter((p) => p.if === undefined || p.if.test(state)).map((p) => p.text.src);
    expect(text).toContain('You do not look at the stairs where Woo-jin fell.');
  });

  it('is the empty string in a condition until one is recorded', () => {
    const lost = play(3, 'bite', 'run');
    expect(lost.characters.woojin?.fate).toBe('lost');
    const shown = sceneOf(story, lost).text.map((p) => p as PlainParagraph).filter((p) => p.if !== undefined && p.if.test(lost));
    expect(shown).toEqual([]);
    expect(start(story, 3).characters.woojin?.fate).toBeUndefined();
  });
});

describe('a fate and a return', () => {
  it('forgets a parting once the companion joins again: they are no longer gone', () => {
    const loaded = loadStoryFiles([
      { path: 'r/story.yaml', text: 'id: r\ntitle: R\nversion: 1.0.0\nstart: a\ncharacters: { onjo: { name: On-jo, party: true } }\n' },
      {
        path: 'r/a.yaml',
        text: [
          'scenes:',
          '  - id: a',
          '    text: A.',
          '    choices:',
          '      - { id: part, text: Part, effects: [ { fate: { who: onjo, is: left } } ], goto: a }',
          '      - { id: meet, text: Meet, effects: [ { join: onjo } ], goto: a }',
          '',
        ].join('\n'),
      },
    ]);
    const s = loaded.story!;
    const parted = step(s, start(s, 1), 'part');
    expect(parted.characters.onjo?.fate).toBe('left');
    expect(parted.party).toEqual([]);
    const back = step(s, parted, 'meet');
    expect(back.party).toEqual(['onjo']);
    expect(back.characters.onjo?.fate).toBeUndefined();
  });
});

describe('an exposure with a decided outcome', () => {
  it('always takes hold and resolves to that outcome, whatever the seed', () => {
    for (let seed = 0; seed < 200; seed++) {
      const state = play(seed, 'scratch');
      expect(state.characters.namra?.status).toBe('semi-infected');
    }
  });

  it('still draws the incubation’s length within the table’s range', () => {
    const a = `id: a
title: A
text: x
choices:
  - id: scratch
    text: Scratch
    effects:
      - expose: { who: onjo, route: scratch, emotion: calm, outcome: immune }
    goto: b
`;
    const s = loadInline(a).story!;
    const [min, max] = s.infection.incubationMinutes.immune;
    const lengths = new Set<number>();
    for (let seed = 0; seed < 50; seed++) {
      const incubation = step(s, start(s, seed), 'scratch').characters.onjo?.incubation;
      expect(incubation?.outcome).toBe('immune');
      const length = incubation!.resolvesAt - incubation!.exposedAt;
      expect(length).toBeGreaterThanOrEqual(min);
      expect(length).toBeLessThanOrEqual(max);
      lengths.add(length);
    }
    expect(lengths.size).toBeGreaterThan(10);
  });

  it('turns an infected companion within the hours the choice lets pass', () => {
    for (let seed = 0; seed < 50; seed++) {
      const exposed = step(story, start(story, seed), 'bite');
      expect(exposed.scene).toBe('tower.turns');
      expect(exposed.characters.woojin?.status).toBe('infected');
    }
  });

  it('exposes only a healthy character: a halfbie scratched again stays a halfbie', () => {
    const yaml = `id: a
title: A
text: x
choices:
  - id: twice
    text: Twice
    effects:
      - set_status: { who: onjo, status: semi-infected }
      - expose: { who: onjo, route: bite, outcome: infected }
      - time: 1d
    goto: b
---
`;
    const result = loadInline(yaml.replace('---\n', ''), 'id: b\ntitle: B\ntext: y\nending: { title: End }\n');
    const s = result.story!;
    const after = step(s, start(s, 5), 'twice');
    expect(after.characters.onjo?.status).toBe('semi-infected');
    expect(after.characters.onjo?.exposedAt).toBe(0);
  });
});

describe('since_exposed', () => {
  it('is -1 for a character never exposed, and the minutes since the last exposure after one', () => {
    const fresh = start(story, 2);
    expect(fresh.characters.namra?.exposedAt).toBeUndefined();
    const state = play(2, 'scratch');
    expect(state.characters.namra?.exposedAt).toBe(0);
    // Twelve hours later the scratch is no longer "fresh" (< 60 minutes).
    expect(sceneOf(story, state).text.map((p) => p as PlainParagraph).some((p) => p.text.src.includes('scratch') && p.if!.test(state))).toBe(false);
  });
});

describe('death endings', () => {
  it('are endings marked death: true, and the on_death and on_turn hook scenes', () => {
    const scene = (id: string) => story.scenes.get(id)!;
    expect(isDeathEnding(story, scene('tower.end'))).toBe(true);
    expect(isDeathEnding(story, scene('tower.fallen'))).toBe(true);
    expect(isDeathEnding(story, scene('tower.roof'))).toBe(false);
    expect(scene('tower.end').ending).toEqual({ title: 'Gone', summary: 'Nobody saw you go.', death: true });
  });

  it('a fall to zero health goes to the on_death scene, which ends the game', () => {
    const state = play(1, 'fall');
    expect(state.scene).toBe('tower.fallen');
    expect(isEnded(story, state)).toBe(true);
  });
});

describe('told: next-scene', () => {
  it('is kept on the check it marks, and absent elsewhere', () => {
    const roll = story.scenes.get('tower.stairs')!.choices.find((c) => c.id === 'roll')!;
    const [chance, check] = roll.effects;
    expect(chance?.kind === 'chance' && chance.told).toBeUndefined();
    expect(check?.kind === 'check' && check.told).toBe('next-scene');
  });
});

describe('every move of the fixture, kept and in place', () => {
  it('agrees move by move on every path of a few seeds', () => {
    for (let seed = 0; seed < 20; seed++) {
      for (const first of enabledChoiceIds(story, start(story, seed))) {
        let kept = start(story, seed);
        const owned = startOwned(story, seed);
        let choice: string | undefined = first;
        for (let moves = 0; choice !== undefined && moves < 10; moves++) {
          kept = step(story, kept, choice);
          advance(story, owned, choice);
          expect(JSON.parse(JSON.stringify(owned))).toEqual(JSON.parse(JSON.stringify(kept)));
          choice = isEnded(story, kept) ? undefined : enabledChoiceIds(story, kept)[seed % 2];
        }
      }
    }
  });
});

const STORY = `id: t
title: T
start: a
vars: { turned_id: "", turned_name: "" }
stats:
  health: { label: Health, min: 0, max: 10, start: 10 }
characters:
  onjo: { name: On-jo }
  woojin: { name: Woo-jin }
`;

/** Loads STORY with scene files a.yaml and b.yaml. */
function loadInline(a: string, b = 'id: b\ntitle: B\ntext: y\nending: { title: End }\n'): LoadResult {
  return loadStoryFiles([
    { path: 'st/story.yaml', text: STORY },
    { path: 'st/a.yaml', text: a },
    { path: 'st/b.yaml', text: b },
  ]);
}

/** The formatted problems of loading scene a.yaml with `fields` added to a scene with one choice to b. */
function problemsOf(fields: string, choice = ''): string[] {
  const yaml = `id: a\ntitle: A\ntext: x\n${fields}choices:\n  - id: go\n    text: Go\n${choice}    goto: b\n`;
  return loadInline(yaml).problems.map(formatProblem);
}

describe('loading the outcome format', () => {
  it('reports an unknown fate with the closest one', () => {
    expect(problemsOf('', '    effects:\n      - fate: { who: woojin, is: kiled }\n')).toEqual([
      "st/a.yaml:8:34: error: expected one of killed, killed-by-you, lost, dead, left; got the text 'kiled' — did you mean 'killed'?",
    ]);
  });

  it('reports a fate for an unknown character, and for the player', () => {
    expect(problemsOf('', '    effects:\n      - fate: { who: wojin, is: dead }\n')).toEqual([
      "st/a.yaml:8:22: error: unknown character 'wojin': declare it under characters: in story.yaml, or use turned — did you mean 'woojin'?",
    ]);
    expect(problemsOf('', '    effects:\n      - fate: { who: player, is: dead }\n')).toEqual([
      'st/a.yaml:8:22: error: a fate is recorded for a character, not the player: name a character, or `turned`',
    ]);
  });

  it('type-checks fate() in conditions: unknown values and characters are errors with a hint', () => {
    expect(problemsOf('', '    if: fate("woojin") == "lots"\n')).toEqual([
      `st/a.yaml:7:27: error: 'lots' is not a fate: use killed, killed-by-you, lost, dead, left (or "" for none) — did you mean 'lost'?`,
    ]);
    expect(problemsOf('', '    if: fate("wojin") == "lost"\n')).toEqual([
      "st/a.yaml:7:14: error: unknown character 'wojin': not declared under characters: in story.yaml — did you mean 'woojin'?",
    ]);
    expect(problemsOf('', '    if: fate(player) == "dead"\n')).toEqual([
      `st/a.yaml:7:14: error: fate() needs the character's id written as a string, e.g. "onjo"`,
    ]);
    expect(problemsOf('', '    if: fate("woojin") == ""\n')).toEqual([]);
  });

  it('type-checks since_exposed(): a number, for the player or a character', () => {
    expect(problemsOf('', '    if: since_exposed(player) > 30 and since_exposed("onjo") == -1\n')).toEqual([]);
    expect(problemsOf('', '    if: since_exposed("nobody") > 3\n')).toEqual([
      "st/a.yaml:7:23: error: unknown character 'nobody': not declared under characters: in story.yaml",
    ]);
    expect(problemsOf('', '    if: since_exposed(player) == "long"\n')).toEqual([
      "st/a.yaml:7:9: error: '==' needs two values of the same type, but 'since_exposed(player)' is a number and '\"long\"' is a string",
    ]);
  });

  it('reports a time_of_day that is neither a part of the day nor a window, with the closest part', () => {
    expect(problemsOf('time_of_day: dusky\n')).toEqual([
      "st/a.yaml:4:14: error: 'dusky' is not a time of day: name a part of the day (small-hours, dawn, morning, midday, afternoon, dusk, evening, night, day) or write a window \"HH:MM-HH:MM\" — did you mean 'dusk'?",
    ]);
    expect(problemsOf('time_of_day: "25:00-03:00"\n')[0]).toContain(`'25:00-03:00' is not a time of day`);
    expect(problemsOf('time_of_day: "08:00-08:00"\n')).toEqual([
      "st/a.yaml:4:14: error: '08:00-08:00' is an empty window: its start and end are the same time (leave time_of_day out for any time)",
    ]);
    expect(problemsOf('time_of_day: "22:00-03:00"\n')).toEqual([]);
  });

  it('refuses an empty say and reports an unknown placeholder in one', () => {
    expect(problemsOf('', '    effects:\n      - say: "  "\n')).toEqual([
      'st/a.yaml:8:14: error: an empty `say`: write the line the player should read, or remove the effect',
    ]);
    expect(problemsOf('', '    effects:\n      - say: "Hello {nam}"\n')[0]).toContain("unknown placeholder '{nam}'");
  });

  it('accepts told only as next-scene, and outcome only as an exposure outcome', () => {
    expect(problemsOf('', '    effects:\n      - chance: 50\n        told: yes\n')).toEqual([
      "st/a.yaml:9:15: error: expected one of next-scene; got the text 'yes'",
    ]);
    expect(problemsOf('', '    effects:\n      - expose: { who: onjo, route: bite, outcome: zombie }\n')[0]).toContain(
      'expected one of infected, semi-infected, immune',
    );
  });
});

describe('check and the new conditions', () => {
  /** check's warnings about scene a: a choice `gated` by `cond`, and a choice `go` with `effect`. */
  function warningsFor(cond: string, effect: string): string[] {
    const a = `id: a
title: A
text: x
choices:
  - id: gated
    text: Gated
    if: ${cond}
    goto: b
  - id: go
    text: Go
    effects:
      - ${effect}
    goto: b
`;
    return analyzeStory(loadInline(a).story!).map(formatProblem).filter((p) => p.includes("'gated'"));
  }

  it('warns about a fate() comparison no fate effect can make true', () => {
    expect(warningsFor('fate("woojin") == "lost"', 'fate: { who: woojin, is: dead }')).toEqual([
      `st/a.yaml:5:5: warning: choice 'gated' in scene 'a' is never shown: its if condition 'fate("woojin") == "lost"' can never be true (the fates recorded for 'woojin' are dead)`,
    ]);
  });

  it('knows a fate recorded for whoever turned may be anyone’s', () => {
    expect(warningsFor('fate("woojin") == "lost"', 'fate: { who: turned, is: lost }')).toEqual([]);
  });

  it('warns about since_exposed() of a character no effect exposes, and not of one some effect does', () => {
    expect(warningsFor('since_exposed("onjo") >= 0', 'time: 5m')).toEqual([
      `st/a.yaml:5:5: warning: choice 'gated' in scene 'a' is never shown: its if condition 'since_exposed("onjo") >= 0' can never be true (no expose effect ever exposes 'onjo')`,
    ]);
    expect(warningsFor('since_exposed("onjo") >= 0', 'expose: { who: onjo, route: blood }')).toEqual([]);
  });
});
