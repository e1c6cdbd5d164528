import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../src/engine/condition.js';
import { start } from '../src/engine/index.js';
import type { GameState } from '../src/engine/state-types.js';
import type { Story } from '../src/engine/story-types.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { canAllHold, coversEveryCase } from '../src/tools/condition-domains.js';
import { loadStoryDir, loadStoryFiles, type LoadResult } from '../src/story/load.js';
import type { Problem } from '../src/story/problem.js';
import { storyFacts } from '../src/story/story-facts.js';

const FIXTURES = 'tests/fixtures/analysis';

async function fixture(name: string): Promise<LoadResult> {
  return loadStoryDir(`${FIXTURES}/${name}`);
}

async function analyzed(name: string): Promise<Problem[]> {
  const loaded = await fixture(name);
  expect(loaded.problems).toEqual([]);
  expect(loaded.story).toBeDefined();
  return analyzeStory(loaded.story!);
}

/** A story from a story.yaml body (settings after the common header) and a scenes file. */
function storyOf(settings: string, scenes: string): Story {
  const header = 'id: t\ntitle: T\nversion: 1.0.0\nstart: a\nclock: { day: 1, time: "09:00" }\n';
  const loaded = loadStoryFiles([
    { path: 't/story.yaml', text: header + settings },
    { path: 't/scenes.yaml', text: scenes },
  ]);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.story!;
}

const messages = (problems: readonly Problem[]) => problems.map((p) => p.message);

describe('check: the fixture stories, one problem each', () => {
  it('finds nothing in the clean story', async () => {
    expect(await analyzed('clean')).toEqual([]);
  });

  it('reports an unreachable scene at the scene, as a warning', async () => {
    expect(await analyzed('unreachable')).toEqual([
      {
        file: `${FIXTURES}/unreachable/lost.yaml`,
        line: 2,
        col: 1,
        severity: 'warning',
        message:
          "scene 'closet.lost' is unreachable: no choice, goto or hook leads here from the start scene 'closet.door'",
      },
    ]);
  });

  it('reports each choice whose condition can never be true, with the reason', async () => {
    const problems = await analyzed('never-true');
    expect(problems.map((p) => [p.line, p.col, p.severity])).toEqual([
      [7, 9, 'warning'],
      [11, 9, 'warning'],
      [15, 9, 'warning'],
      [19, 9, 'warning'],
    ]);
    expect(messages(problems)).toEqual([
      "choice 'map' in scene 'hall' is never shown: its if condition 'found_map' can never be true " +
        "(flag 'found_map' is never set by any effect, only described in story.yaml)",
      "choice 'key' in scene 'hall' can never be picked: its requires condition 'has(\"key\")' can never be true " +
        "(item 'key' is never given and is not in start_items)",
      "choice 'hari' in scene 'hall' is never shown: its if condition 'with(\"hari\")' can never be true " +
        "('hari' never joins the party and is not in it at the start)",
      "choice 'loud' in scene 'hall' is never shown: its if condition 'noise > 2' can never be true " +
        "(stat 'noise' never changes from 0)",
    ]);
  });

  it('reports a possible soft-lock at the scene, naming every condition involved', async () => {
    const problems = await analyzed('soft-lock');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: `${FIXTURES}/soft-lock/scenes.yaml`, line: 19, severity: 'warning' });
    expect(problems[0]?.message).toContain("scene 'gate' may leave the player no choice (a soft-lock)");
    expect(problems[0]?.message).toContain(`'open' needs 'has("key")'; 'climb' needs 'stamina > 6'`);
  });

  it('reports a flag that is set but never tested, where it is set', async () => {
    expect(await analyzed('unused-flag')).toEqual([
      {
        file: `${FIXTURES}/unused-flag/scenes.yaml`,
        line: 6,
        col: 9,
        severity: 'warning',
        message: "flag 'saw_rat' is set here but no condition ever tests it",
      },
    ]);
  });

  it('reports an item that is given but never tested, where it is given', async () => {
    expect(await analyzed('unused-item')).toEqual([
      {
        file: `${FIXTURES}/unused-item/scenes.yaml`,
        line: 6,
        col: 9,
        severity: 'warning',
        message: "item 'mop' is given here but no condition ever tests it with has() or count()",
      },
    ]);
  });

  it('leaves a dead end to the loader, which reports it as an error at the scene', async () => {
    const loaded = await fixture('dead-end');
    expect(loaded.story).toBeUndefined();
    expect(loaded.problems).toEqual([
      {
        file: `${FIXTURES}/dead-end/scenes.yaml`,
        line: 10,
        col: 9,
        severity: 'error',
        message: "scene 'nowhere' has no choices and is not an ending; add choices or an `ending:`",
      },
    ]);
  });

  it('leaves a hook naming no scene to the loader, which reports it as an error at the hook', async () => {
    const loaded = await fixture('bad-hook');
    expect(loaded.story).toBeUndefined();
    expect(loaded.problems).toEqual([
      {
        file: `${FIXTURES}/bad-hook/story.yaml`,
        line: 9,
        col: 13,
        severity: 'error',
        message: "no scene has the id 'room.end-dead'",
      },
    ]);
  });

  it('leaves duplicate choice ids to the loader, which reports the second one as an error', async () => {
    const loaded = await fixture('duplicate-choice');
    expect(loaded.story).toBeUndefined();
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file: `${FIXTURES}/duplicate-choice/scenes.yaml`, line: 9, severity: 'error' });
    expect(loaded.problems[0]?.message).toContain("two choices in this scene have the id 'door'");
  });
});

describe('check: reachability', () => {
  const ending = (id: string) => `  - id: ${id}\n    title: ${id}\n    text: x\n    ending: { title: ${id} }\n`;

  it('follows gotos nested in branches, on_enter redirects and hook scenes', () => {
    const story = storyOf(
      'characters: { onjo: { name: On-jo, party: true } }\nvars: { turned_id: "", turned_name: "" }\n' +
        'hooks: { on_companion_turn: hook }\n',
      `scenes:
  - id: a
    title: A
    text: x
    choices:
      - text: Roll
        effects:
          - chance: 50
            then:
              - if: with("onjo")
                then: [ { goto: deep } ]
        goto: router
  - id: router
    title: Router
    text: x
    on_enter: [ { goto: routed } ]
  - id: hook
    title: Hook
    text: x
    choices:
      - text: Back
        goto: "@return"
${ending('deep')}${ending('routed')}`,
    );
    expect(analyzeStory(story)).toEqual([]);
  });

  it('says when a scene is reached only through choices that can never be made', () => {
    const story = storyOf(
      'flags: { never: "never set" }\n',
      `scenes:
  - id: a
    title: A
    text: x
    choices:
      - text: Secret
        if: never
        goto: secret
      - text: Out
        goto: out
${ending('secret')}${ending('out')}`,
    );
    expect(messages(analyzeStory(story))).toEqual([
      "choice 'secret' in scene 'a' is never shown: its if condition 'never' can never be true " +
        "(flag 'never' is never set by any effect, only described in story.yaml)",
      "scene 'secret' is unreachable: only choices whose condition can never be true lead here",
    ]);
  });
});

describe('check: conditions that can never be true', () => {
  const withChoice = (cond: string) =>
    storyOf(
      'stats: { noise: { label: Noise, min: 0, max: 5, start: 0 } }\nflags: { never: "never set" }\n',
      `scenes:
  - id: a
    title: A
    text: x
    choices:
      - text: Shout
        effects: [ { add: { noise: 1 } }, { set: loud } ]
        goto: a
      - text: Maybe
        if: ${JSON.stringify(cond)}
        goto: out
      - text: Out
        if: loud or not loud
        goto: out
  - id: out
    title: Out
    text: x
    ending: { title: Out }
`,
    );
  const neverTrue = (cond: string) => messages(analyzeStory(withChoice(cond))).filter((m) => m.startsWith("choice 'maybe'"));

  it('reports a stat compared past its bounds', () => {
    expect(neverTrue('noise > 5')).toEqual([
      "choice 'maybe' in scene 'a' is never shown: its if condition 'noise > 5' can never be true (stat 'noise' stays within 0..5)",
    ]);
  });

  it('reports a condition that contradicts itself', () => {
    expect(neverTrue('noise > 3 and noise < 2')).toHaveLength(1);
  });

  it('accepts the negation of a flag nothing sets: it is always true', () => {
    expect(neverTrue('not never')).toEqual([]);
  });

  it('stays silent when arithmetic makes sampling unreliable', () => {
    expect(neverTrue('noise + noise == 3')).toEqual([]);
  });

  it('accepts conditions that can hold', () => {
    for (const cond of ['noise >= 5', 'loud and noise == 1', 'visited("a") > 2', 'hour < 9 or day > 3']) {
      expect(neverTrue(cond), cond).toEqual([]);
    }
  });
});

describe('check: soft-locks', () => {
  const gated = (a: string, b: string) =>
    storyOf(
      'stats: { noise: { label: Noise, min: 0, max: 10, start: 0 } }\n',
      `scenes:
  - id: a
    title: A
    text: x
    choices:
      - text: Shout
        effects: [ { add: { noise: 3 } }, { give: key } ]
        goto: b
  - id: b
    title: B
    text: x
    choices:
      - text: One
        if: ${JSON.stringify(a)}
        goto: out
      - text: Two
        requires: ${JSON.stringify(b)}
        goto: out
  - id: out
    title: Out
    text: x
    ending: { title: Out }
`,
    );
  const softLocks = (a: string, b: string) =>
    messages(analyzeStory(gated(a, b))).filter((m) => m.includes('soft-lock'));

  it('accepts a condition and its negation', () => {
    expect(softLocks('has("key")', 'not has("key")')).toEqual([]);
  });

  it('accepts complementary comparisons of one stat', () => {
    expect(softLocks('noise > 3', 'noise <= 3')).toEqual([]);
    expect(softLocks('noise >= 4 or has("key")', 'noise < 4')).toEqual([]);
  });

  it('knows a companion who has turned is no longer in the party', () => {
    const story = storyOf(
      'characters: { onjo: { name: On-jo } }\n',
      `scenes:
  - id: a
    title: A
    text: x
    choices:
      - text: Wave
        effects: [ { join: onjo }, { expose: { who: onjo, route: bite } } ]
        goto: b
      - text: Walk
        goto: b
  - id: b
    title: B
    text: x
    choices:
      - text: Alone
        if: not with("onjo")
        goto: out
      - text: Together
        if: with("onjo") and status("onjo") != "infected"
        goto: out
  - id: out
    title: Out
    text: x
    ending: { title: Out }
`,
    );
    expect(analyzeStory(story)).toEqual([]);
  });

  it('warns when a gap is left between the conditions', () => {
    expect(softLocks('noise > 4', 'noise < 4')).toHaveLength(1);
    expect(softLocks('has("key")', 'noise > 2')).toHaveLength(1);
  });
});

describe('condition domains are sound', () => {
  // A story whose facts the generated states respect: `seen` and `key` can
  // change, `ghost` (flag) and `lamp` (item) never do, `noise` ranges 0..5,
  // `trust` never leaves 3, only `onjo` can join.
  const story = storyOf(
    'stats:\n  noise: { label: Noise, min: 0, max: 5, start: 0 }\n  trust: { label: Trust, min: 0, max: 10, start: 3 }\n' +
      'characters: { onjo: { name: On-jo }, hari: { name: Ha-ri } }\nflags: { ghost: "never set" }\n',
    `scenes:
  - id: a
    title: A
    text: x
    choices:
      - text: Go
        effects: [ { set: seen }, { give: key }, { add: { noise: 1 } }, { join: onjo } ]
        goto: a
      - text: Stop
        if: seen or ghost or has("key") or has("lamp") or with("hari") or trust > 1
        goto: out
  - id: out
    title: Out
    text: x
    ending: { title: Out }
`,
  );
  const world = { story, facts: storyFacts(story) };
  const names = {
    stats: new Set(['noise', 'trust']),
    flags: new Set(['seen', 'ghost']),
    characters: new Set(['onjo', 'hari']),
    bonds: new Set<string>(),
    scenes: new Set(['a', 'out']),
    vars: new Set<string>(),
    clock: story.clock,
  };
  const atom = fc.oneof(
    fc.constantFrom('seen', 'ghost', 'has("key")', 'has("lamp")', 'with("onjo")', 'with("hari")'),
    fc
      .tuple(fc.constantFrom('noise', 'trust', 'count("key")'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), fc.integer({ min: -1, max: 7 }))
      .map(([l, op, n]) => `${l} ${op} ${n}`),
  );
  const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      tie('c').map((c) => `not (${c})`),
      fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    ),
  })).c;
  const state = fc
    .record({
      seen: fc.boolean(),
      key: fc.integer({ min: 0, max: 3 }),
      noise: fc.integer({ min: 0, max: 5 }),
      onjo: fc.boolean(),
    })
    .map(
      (s): GameState => ({
        ...start(story, 1),
        flags: s.seen ? ['seen'] : [],
        items: s.key > 0 ? { key: s.key } : {},
        stats: { noise: s.noise, trust: 3 },
        party: s.onjo ? ['onjo'] : [],
      }),
    );
  const compile = (src: string) => {
    const compiled = compileCondition(src, names);
    if (!compiled.ok) throw new Error(`${src}: ${JSON.stringify(compiled.problems)}`);
    return compiled.condition;
  };

  it('never calls a condition "never true" when some state makes it true', () => {
    fc.assert(
      fc.property(condition, fc.array(state, { minLength: 1, maxLength: 20 }), (src, states) => {
        const cond = compile(src);
        if (canAllHold([cond.ast], world) === 'never') {
          for (const s of states) expect(cond.test(s), `${src} in ${JSON.stringify(s.stats)}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never calls a set of gates exhaustive when some state fails them all', () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 3 }), fc.array(state, { minLength: 1, maxLength: 20 }), (srcs, states) => {
        const conds = srcs.map(compile);
        if (coversEveryCase(conds.map((c) => [c.ast]), world)) {
          for (const s of states) expect(conds.some((c) => c.test(s)), srcs.join(' | ')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('check: slips of the keyboard', () => {
  const settings = [
    'stats:',
    '  strength: { label: Strength, min: 0, max: 5, start: 1 }',
    '  noise: { label: Noise, min: 0, max: 10, start: 0 }',
    '  wits: { label: Wits, min: 0, max: 5, start: 1 }',
    'items:',
    '  torch: { label: Torch }',
  ].join('\n');
  const scenes = (effects: string, paragraph = 'has("torch")') => `scenes:
  - id: a
    title: A
    text:
      - A.
      - if: ${paragraph}
        text: Light.
    choices:
      - id: go
        text: Go
        effects:
          - give: torch
${effects}
        goto: b
  - id: b
    title: B
    text: B.
    ending: { title: End }
`;
  const warnings = (effects: string, paragraph?: string) =>
    messages(analyzeStory(storyOf(settings, scenes(effects, paragraph))));

  it('warns about taking an item nothing gives, with the likely item', () => {
    expect(warnings('          - take: torhc')).toContain(
      "choice 'go' in scene 'a' takes 'torhc', but item 'torhc' is never given and is not in start_items — did you mean 'torch'?",
    );
    expect(warnings('          - take: torch')).toEqual([]);
  });

  it('warns about a paragraph that tests an item nothing gives', () => {
    expect(warnings('          - set_stat: { noise: 1 }', 'has("torhc")')).toContain(
      "the text of scene 'a' tests 'has(\"torhc\")', but item 'torhc' is never given and is not in start_items — did you mean 'torch'?",
    );
  });

  it('warns about a check no roll can pass, and not about one a lucky roll passes', () => {
    const check = (stat: string, difficulty: number) =>
      `          - check: ${stat}\n            difficulty: ${difficulty}\n            then: [ { set_stat: { noise: 0 } }, { say: Quiet. } ]`;
    expect(warnings(check('wits', 12))).toEqual([
      "choice 'go' in scene 'a' has a check of wits at difficulty 12 that can never succeed: the best is wits's maximum 5 + a roll of 6 = 11; lower the difficulty or raise the stat's max",
    ]);
    expect(warnings(check('wits', 11))).toEqual([]);
  });

  it("counts a halfbie's strength in the best roll when the player can change", () => {
    const effects = [
      '          - expose: { who: player, route: bite, emotion: rage }',
      '          - check: strength',
      '            difficulty: 13',
      '            then: [ { set_stat: { noise: 0 } }, { say: Quiet. } ]',
    ].join('\n');
    expect(warnings(effects)).toEqual([]);
    expect(warnings(effects.replace('13', '14'))).toEqual([
      "choice 'go' in scene 'a' has a check of strength at difficulty 14 that can never succeed: the best is strength's maximum 5 + a roll of 6 + a halfbie's 2 = 13; lower the difficulty or raise the stat's max",
    ]);
  });

  it('warns about a flag that has the name of a stat', () => {
    expect(warnings('          - set: Noise')).toContain(
      "choice 'go' in scene 'a' sets the flag 'Noise', which has the name of the stat 'noise': a flag is not the stat (to change the stat write 'add: { noise: 1 }' or 'set_stat: { noise: 0 }'); rename the flag",
    );
  });
});
