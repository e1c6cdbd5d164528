import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_INFECTION_TABLE } from '../src/engine/infection-table.js';
import type { Effect } from '../src/engine/effect-types.js';
import type { Scene, Story } from '../src/engine/story-types.js';
import type { PlainParagraph } from '../src/engine/text-types.js';
import { parseDuration } from '../src/story/durations.js';
import { type LoadResult, type SourceFile, loadStoryDir, loadStoryFiles } from '../src/story/load.js';
import { deriveChoiceId } from '../src/story/names.js';
import { formatProblem } from '../src/story/problem.js';
import { splitParagraphs } from '../src/story/template.js';

const STORY = `id: test
title: Test Story
version: 1.0.0
start: a
clock: { day: 2, time: "23:30" }
vars:
  name: Ji-woo
stats:
  stamina: { label: Stamina, min: 0, max: 10, start: 5 }
items:
  torch: { label: Torch, key: true }
characters:
  onjo: { name: On-jo }
`;

/** Loads story.yaml (STORY unless given) and one scene file `st/a.yaml`. */
function load(scene: string, story = STORY): LoadResult {
  return loadStoryFiles([
    { path: 'st/story.yaml', text: story },
    { path: 'st/a.yaml', text: scene },
  ]);
}

/** The formatted errors of a result. */
function errors(result: LoadResult): string[] {
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

/** Loads and expects no problems at all. */
function loadClean(scene: string, story = STORY): Story {
  const result = load(scene, story);
  expect(result.problems.map(formatProblem)).toEqual([]);
  expect(result.story).toBeDefined();
  return result.story as Story;
}

function sceneOf(story: Story, id: string): Scene {
  const scene = story.scenes.get(id);
  if (scene === undefined) throw new Error(`no scene ${id}`);
  return scene;
}

/** Compiles `on_enter` effects in a routing-free ending scene. */
function effectsOf(effects: string): readonly Effect[] {
  const story = loadClean(`id: a\nending: { title: End }\non_enter:\n${effects}`);
  return sceneOf(story, 'a').onEnter;
}

describe('the minimal fixture story', () => {
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadStoryDir('tests/fixtures/minimal');
  });

  it('loads with no problems', () => {
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.story).toBeDefined();
  });

  it('counts scenes, choices, endings and words', () => {
    expect(result.stats).toEqual({ scenes: 4, choices: 4, endings: 2, words: 64 });
  });

  it('compiles the settings from story.yaml', () => {
    const story = result.story as Story;
    expect(story.id).toBe('minimal');
    expect(story.start).toBe('closet.wake');
    expect(story.clock).toEqual({ day: 1, minute: 8 * 60 + 40 });
    expect(story.stats.stamina).toEqual({ label: 'Stamina', min: 0, max: 10, start: 6, visible: true });
    expect(story.items.torch).toEqual({ label: 'Torch', key: true });
    expect(story.characters.onjo).toEqual({ name: 'On-jo', startsInParty: false });
    expect(story.vars.name).toBe('Ji-woo');
    expect(story.flags.heard_noise).toMatch(/corridor/);
    expect(story.infection).toEqual(DEFAULT_INFECTION_TABLE);
    expect(story.hash).toMatch(/^[0-9a-f]{16}$/);
    expect([...story.scenes.keys()].sort()).toEqual(['closet.bitten', 'closet.door', 'closet.escape', 'closet.wake']);
  });

  it('splits text into paragraphs and placeholders', () => {
    const wake = sceneOf(result.story as Story, 'closet.wake');
    expect(wake.text).toHaveLength(2);
    expect((wake.text[0] as PlainParagraph | undefined)?.text.parts).toEqual([
      'You wake on a pile of mop heads. Your name is ',
      { name: 'name' },
      ', and it is ',
      { name: 'clock' },
      '.',
    ]);
    expect(wake.source).toEqual({ file: 'tests/fixtures/minimal/scenes/wake.yaml', line: 2, col: 1 });
  });

  it('derives choice ids from the text and keeps explicit ones', () => {
    const wake = sceneOf(result.story as Story, 'closet.wake');
    expect(wake.choices.map((c) => c.id)).toEqual(['listen', 'take-the-torch-from-the-shelf']);
    expect(wake.choices[1]?.effects).toEqual([{ kind: 'give', item: 'torch', count: 1 }]);
    expect(wake.choices[1]?.if?.src).toBe('not has("torch")');
  });

  it('reads several scenes from one file under scenes:', () => {
    const door = sceneOf(result.story as Story, 'closet.door');
    expect((door.text[1] as PlainParagraph | undefined)?.if?.src).toBe('heard_noise');
    expect(door.choices[0]?.goto).toBeUndefined();
    expect(sceneOf(result.story as Story, 'closet.escape').ending).toEqual({
      title: 'Escaped',
      summary: 'You made it out of the closet.',
    });
  });

  it('hashes the same story the same wherever its folder is', async () => {
    const files = (dir: string): SourceFile[] => [
      { path: `${dir}/story.yaml`, text: STORY },
      { path: `${dir}/scenes/a.yaml`, text: 'id: a\nending: { title: End }\n' },
    ];
    const here = loadStoryFiles(files('story')).story?.hash;
    const there = loadStoryFiles(files('/elsewhere/my-story')).story?.hash;
    expect(here).toMatch(/^[0-9a-f]{16}$/);
    expect(there).toBe(here);
    const edited = loadStoryFiles([
      ...files('story').slice(0, 1),
      { path: 'story/scenes/a.yaml', text: 'id: a\nending: { title: The End }\n' },
    ]).story?.hash;
    expect(edited).not.toBe(here);
  });
});

describe('scene text', () => {
  it('joins single line breaks of a plain scalar and keeps those of a | block', () => {
    const story = loadClean(
      'scenes:\n' +
        '  - id: a\n    ending: { title: E }\n    text: "one\\ntwo\\n\\nthree"\n' +
        '  - id: b\n    ending: { title: E }\n    text: |\n      one\n      two\n\n\n      three\n',
    );
    expect(sceneOf(story, 'a').text.map((p) => (p as PlainParagraph).text.src)).toEqual(['one two', 'three']);
    expect(sceneOf(story, 'b').text.map((p) => (p as PlainParagraph).text.src)).toEqual(['one\ntwo', 'three']);
  });

  it('splits a one-line text exactly as the same text followed by a blank line', () => {
    // One-line texts skip the search for blank lines; this holds them to it.
    const oneLine = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\u00a0', '\u2028', '{', '.'), maxLength: 12 });
    fc.assert(
      fc.property(oneLine, fc.boolean(), (text, keep) => {
        expect(splitParagraphs(text, keep)).toEqual(splitParagraphs(`${text}\n\n`, keep));
      }),
      { numRuns: 500 },
    );
    expect(splitParagraphs('  Hello there. ', false)).toEqual([{ text: 'Hello there.', offset: 2 }]);
    expect(splitParagraphs(' \t ', false)).toEqual([]);
  });

  it('treats {{ and }} as literal braces', () => {
    const story = loadClean('id: a\nending: { title: E }\ntext: "a {{b}} {stamina} {day}"\n');
    expect((sceneOf(story, 'a').text[0] as PlainParagraph | undefined)?.text.parts).toEqual(['a {b} ', { name: 'stamina' }, ' ', { name: 'day' }]);
  });

  it('reports an unclosed { and an unknown placeholder where they are, inside a | block', () => {
    const result = load('id: a\nending: { title: E }\ntext: |\n  Fine {name}.\n\n  Then {nmae} and {oops\n');
    expect(errors(result)).toEqual([
      "st/a.yaml:6:8: error: unknown placeholder '{nmae}': use a variable (vars:), a stat, {day} or {clock} — did you mean 'name'?",
      "st/a.yaml:6:19: error: unclosed '{': close it with '}', or write '{{' for a literal brace",
    ]);
    expect(result.story).toBeUndefined();
  });
});

describe('effects', () => {
  it('compile to the engine forms', () => {
    const effects = effectsOf(
      [
        '  - set: [seen, heard]',
        '  - clear: seen',
        '  - add: { stamina: -2 }',
        '  - set_stat: { stamina: 3 }',
        '  - give: torch',
        '  - take: { item: water, count: 2 }',
        '  - join: onjo',
        '  - leave: onjo',
        '  - time: 1h30m',
        '  - set_var: { name: "Min {name}" }',
        '  - expose: { who: player, route: bite }',
        '  - feed: 40',
        '  - stress: { who: onjo, amount: 5 }',
        '  - cure: player',
        '  - set_status: { who: onjo, status: immune }',
        '',
      ].join('\n'),
    );
    expect(effects).toEqual([
      { kind: 'set', flags: ['seen', 'heard'] },
      { kind: 'clear', flags: ['seen'] },
      { kind: 'add', stats: { stamina: -2 } },
      { kind: 'setStat', stats: { stamina: 3 } },
      { kind: 'give', item: 'torch', count: 1 },
      { kind: 'take', item: 'water', count: 2 },
      { kind: 'join', who: 'onjo' },
      { kind: 'leave', who: 'onjo' },
      { kind: 'time', minutes: 90 },
      { kind: 'setVar', name: 'name', value: { src: 'Min {name}', parts: ['Min ', { name: 'name' }] } },
      { kind: 'expose', who: 'player', route: 'bite', emotion: 'fear' },
      { kind: 'feed', who: 'player', amount: 40 },
      { kind: 'stress', who: 'onjo', amount: 5 },
      { kind: 'cure', who: 'player' },
      { kind: 'setStatus', who: 'onjo', status: 'immune' },
    ]);
  });

  it('compile branches with their then and else lists', () => {
    const [chance, check, cond] = effectsOf(
      [
        '  - chance: 30',
        '    then: [ { set: lucky } ]',
        '  - check: stamina',
        '    difficulty: 8',
        '    else: [ { add: { stamina: -1 } } ]',
        '  - if: lucky and stamina > 2',
        '    then: [ { goto: a } ]',
        '',
      ].join('\n'),
    );
    expect(chance).toEqual({
      kind: 'chance',
      percent: 30,
      then: [{ kind: 'set', flags: ['lucky'] }],
      else: [],
      source: { file: 'st/a.yaml', line: 4, col: 5 },
    });
    expect(check).toEqual({
      kind: 'check',
      stat: 'stamina',
      difficulty: 8,
      then: [],
      else: [{ kind: 'add', stats: { stamina: -1 } }],
      source: { file: 'st/a.yaml', line: 6, col: 5 },
    });
    expect(cond?.kind === 'if' && cond.cond.src).toBe('lucky and stamina > 2');
  });

  it('name an unknown verb once, with the verbs there are and the closest one', () => {
    const result = load('id: a\nending: { title: E }\non_enter:\n  - sett: x\n');
    expect(errors(result)).toEqual([
      "st/a.yaml:4:5: error: unknown effect 'sett': expected one of set, clear, add, set_stat, give, take, join, " +
        'leave, time, skip_time, goto, set_var, say, chance, check, if, expose, feed, stress, cure, set_status, fate, bond — did you mean \'set\'?',
    ]);
  });

  it('report every mistake in a list, each at its own line and column', () => {
    const result = load(
      [
        'id: a',
        'ending: { title: E }',
        'on_enter:',
        '  - set: a',
        '    give: b',
        '  - "goto a"',
        '  - time: 10 minutes',
        '  - add: { stamna: 1 }',
        '  - join: player',
        '  - expose: { who: onjo, route: bit }',
        '  - give: { item: x, cnt: 2 }',
        '  - chance: 150',
        '    then:',
        '      - goto: nowhere',
        '  - check: luck',
        '    difficulty: 3',
        '  - feed: { who: minjae, amount: 5 }',
        '',
      ].join('\n'),
    );
    expect(errors(result)).toEqual([
      "st/a.yaml:5:5: error: one effect per list item: 'set' and 'give' are both here; start each with its own '- '",
      "st/a.yaml:6:5: error: an effect is a mapping with one verb, such as `set: flag` or `time: 10m`; got the text 'goto a' — did you mean `goto: a`?",
      "st/a.yaml:7:11: error: '10 minutes' is not a duration: write 10m, 2h, 1h30m, 1d or a number of minutes",
      "st/a.yaml:8:12: error: unknown stat 'stamna': declare it under stats: in story.yaml — did you mean 'stamina'?",
      "st/a.yaml:9:11: error: 'player' cannot join or leave the party; name a character",
      "st/a.yaml:10:33: error: expected one of bite, scratch, blood; got the text 'bit' — did you mean 'bite'?",
      "st/a.yaml:11:22: error: unknown field 'cnt' (fields here: item, count)",
      'st/a.yaml:12:13: error: must be at most 100',
      "st/a.yaml:14:15: error: no scene has the id 'nowhere'",
      "st/a.yaml:15:12: error: unknown stat 'luck': declare it under stats: in story.yaml",
      "st/a.yaml:17:18: error: unknown character 'minjae': declare it under characters: in story.yaml, or use player",
    ]);
  });
});

describe('durations', () => {
  it('read minutes, hours, days and bare numbers', () => {
    expect(parseDuration('10m')).toBe(10);
    expect(parseDuration('2h')).toBe(120);
    expect(parseDuration('1h30m')).toBe(90);
    expect(parseDuration('1d')).toBe(1440);
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration('90')).toBe(90);
  });

  it('refuse anything else', () => {
    for (const bad of ['', 'm', '1.5h', '10 m', '30m1h', '-5', 'soon']) expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration(-5)).toBeUndefined();
    expect(parseDuration(1.5)).toBeUndefined();
  });
});

describe('choices', () => {
  it('derive ids exactly as AUTHORING.md says', () => {
    expect(deriveChoiceId('Swing the fire extinguisher!')).toBe('swing-the-fire-extinguisher');
    expect(deriveChoiceId('  "Run," she said — RUN.  ')).toBe('run-she-said-run');
    expect(deriveChoiceId('a'.repeat(50))).toHaveLength(40);
  });

  it('derive ids as the rule in AUTHORING.md, applied step by step, would for any text', () => {
    const rule = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40);
    const char = fc.oneof(fc.constantFrom('a', 'Z', '7', ' ', '-', '!', 'İ', 'É', 'ß', '—'), fc.string({ maxLength: 1 }));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        expect(deriveChoiceId(chars.join(''))).toBe(rule(chars.join('')));
      }),
      { numRuns: 2000 },
    );
  });

  it('need a goto unless every path through the effects ends in one', () => {
    const ok = loadClean(
      'id: a\nchoices:\n  - text: Gamble\n    effects:\n      - chance: 50\n        then: [ { goto: a } ]\n        else: [ { goto: "@return" } ]\n',
    );
    expect(sceneOf(ok, 'a').choices[0]?.goto).toBeUndefined();
    const result = load('id: a\nchoices:\n  - text: Gamble\n    effects:\n      - chance: 50\n        then: [ { goto: a } ]\n');
    expect(errors(result)).toEqual([
      "st/a.yaml:3:5: error: choice 'gamble' has no `goto`: add one, or end every path through its effects with a goto",
    ]);
  });

  it('may not share an id within a scene', () => {
    const result = load('id: a\nchoices:\n  - text: Go on\n    goto: a\n  - text: Go on!\n    goto: a\n');
    expect(errors(result)).toEqual([
      "st/a.yaml:5:11: error: two choices in this scene have the id 'go-on' (the other is choice 1, line 3); give this one an explicit `id`",
    ]);
  });

  it('compile input, hint, if and requires', () => {
    const story = loadClean(
      'id: a\nchoices:\n  - id: ask\n    text: Say your name\n    requires: stamina > 2\n    hint: Too tired.\n    input: { var: name, prompt: "Name?", max: 12 }\n    goto: a\n',
    );
    const choice = sceneOf(story, 'a').choices[0];
    expect(choice?.input).toEqual({ var: 'name', prompt: 'Name?', maxLength: 12 });
    expect(choice?.hint).toBe('Too tired.');
    expect(choice?.requires?.src).toBe('stamina > 2');
    expect(choice?.source).toEqual({ file: 'st/a.yaml', line: 3, col: 5 });
  });
});

describe('scenes', () => {
  it('need choices unless they are endings', () => {
    expect(errors(load('id: a\ntitle: A\n'))).toEqual([
      "st/a.yaml:1:5: error: scene 'a' has no choices and is not an ending; add choices or an `ending:`",
    ]);
  });

  it('may route on with a goto on entry instead of choices', () => {
    loadClean('scenes:\n  - id: a\n    on_enter: [ { goto: b } ]\n  - id: b\n    ending: { title: E }\n');
  });

  it('must have unique ids across files, naming where the first one is', () => {
    const result = loadStoryFiles([
      { path: 'st/story.yaml', text: STORY },
      { path: 'st/one.yaml', text: 'id: a\nending: { title: E }\n' },
      { path: 'st/two.yaml', text: '\nid: a\nending: { title: E }\n' },
    ]);
    expect(errors(result)).toEqual([
      "st/one.yaml:1:5: error: duplicate scene id 'a': also defined at st/two.yaml:2:5; give one of them another id",
      "st/two.yaml:2:5: error: duplicate scene id 'a': also defined at st/one.yaml:1:5; give one of them another id",
    ]);
  });

  it('say which of two files with the same scene id is the newer, where it was probably copied', () => {
    const result = loadStoryFiles([
      { path: 'st/story.yaml', text: STORY },
      { path: 'st/copy.yaml', text: 'id: a\nending: { title: E }\n', modified: 2_000 },
      { path: 'st/original.yaml', text: 'id: a\nending: { title: E }\n', modified: 1_000 },
    ]);
    expect(errors(result)).toEqual([
      "st/copy.yaml:1:5: error: duplicate scene id 'a': also defined at st/original.yaml:1:5; this file is newer: if it began as a copy of that one, change the id here",
      "st/original.yaml:1:5: error: duplicate scene id 'a': also defined at st/copy.yaml:1:5, a newer file; give one of them another id",
    ]);
  });

  it('report a goto to nowhere at the goto, with the closest scene', () => {
    const result = load('scenes:\n  - id: a\n    choices:\n      - text: Go\n        goto: libary\n  - id: library\n    ending: { title: E }\n');
    expect(errors(result)).toEqual(["st/a.yaml:5:15: error: no scene has the id 'libary' — did you mean 'library'?"]);
  });

  it('report a bad scene id', () => {
    expect(errors(load('id: "a b"\nending: { title: E }\n'))).toContain(
      "st/a.yaml:1:5: error: 'a b' is not a valid scene id: use letters, digits, '.', '-' and '_'",
    );
  });
});

describe('YAML mistakes', () => {
  it('report a syntax error at its exact line and column', () => {
    const result = load('id: a\ntitle: x: y\nending: { title: E }\n');
    expect(errors(result)).toEqual([
      `st/a.yaml:2:9: error: put this text in quotes: it contains ': ', which YAML reads as a new key (write title: "…" with the text inside the quotes, or title: | with the text on the lines below)`,
      "st/story.yaml:4:8: error: 1 reference into st/a.yaml, which could not be read (its error at st/a.yaml:2:9): fix that file first",
    ]);
    expect(result.story).toBeUndefined();
  });

  it('fold the references into a file that could not be read into one line per file, marked with the cause', () => {
    const result = loadStoryFiles([
      { path: 'st/story.yaml', text: STORY },
      {
        path: 'st/a.yaml',
        text: 'id: a\nchoices:\n  - id: go\n    text: Go\n    if: seen_lab and visited("b")\n    goto: b\n  - id: typo\n    text: Typo\n    goto: aa\n',
      },
      // Broken: the scene that sets `seen_lab` and is called `b` cannot be read.
      { path: 'st/b.yaml', text: 'id: b\non_enter:\n  - set: seen_lab\n   oops: [\nending: { title: B }\n' },
    ]);
    const inA = result.problems.filter((p) => p.file === 'st/a.yaml');
    const cause = result.problems.find((p) => p.file === 'st/b.yaml')!;
    expect(inA).toEqual([
      {
        file: 'st/a.yaml',
        line: 5,
        col: 9,
        severity: 'error',
        message: `3 references into st/b.yaml, which could not be read (its error at st/b.yaml:${cause.line}:${cause.col}): fix that file first`,
        cause: `st/b.yaml:${cause.line}:${cause.col}`,
      },
      // A name no file mentions is a mistake of its own, with its suggestion.
      { file: 'st/a.yaml', line: 9, col: 11, severity: 'error', message: "no scene has the id 'aa' — did you mean 'a'?" },
    ]);
  });

  it('fold every reference to what a broken story.yaml declares', () => {
    const result = loadStoryFiles([
      { path: 'st/story.yaml', text: `${STORY}stats: { noise: { label: Noise, min: 0, max: 10, start: 0 }\n` },
      { path: 'st/a.yaml', text: 'id: a\ntext: "{noise}"\nchoices:\n  - text: Go\n    if: noise < 3\n    effects: [ { add: { noise: 1 } } ]\n    goto: a\n' },
    ]);
    const cause = result.problems.find((p) => p.file === 'st/story.yaml')!;
    expect(result.problems.filter((p) => p.file === 'st/a.yaml').map((p) => p.message)).toEqual([
      `3 references into st/story.yaml, which could not be read (its error at st/story.yaml:${cause.line}:${cause.col}): fix that file first`,
    ]);
  });

  it('report wrong types at the offending value', () => {
    const result = load('id: a\ntitle: [x]\nending: { title: 3 }\n');
    expect(errors(result)).toEqual([
      'st/a.yaml:2:8: error: expected a string, got a list',
      'st/a.yaml:3:18: error: expected a string, got the number 3',
    ]);
  });

  it('name an unknown field at its key, with the closest known field', () => {
    const result = load('id: a\nchoices:\n  - text: Go\n    gotto: a\n');
    expect(errors(result)).toEqual(["st/a.yaml:4:5: error: unknown field 'gotto' — did you mean 'goto'?"]);
  });

  it('name a missing field where the mapping starts', () => {
    expect(errors(load('id: a\nchoices:\n  - goto: a\n'))).toEqual(["st/a.yaml:3:5: error: missing field 'text' (a string)"]);
  });

  it('refuse duplicate keys, several documents and tags', () => {
    expect(errors(load('id: a\nid: b\nending: { title: E }\n'))[0]).toBe(
      'st/a.yaml:2:1: error: this key appears twice in the same mapping; keys must be unique',
    );
    expect(errors(load('id: a\nending: { title: E }\n---\nid: b\n'))).toEqual([
      'st/a.yaml:3:1: error: a file holds one YAML document; remove this second one (`---`) or move it to its own file',
    ]);
    expect(errors(load('id: a\nending: { title: !!js/function "x" }\n'))).toEqual([
      'st/a.yaml:2:18: error: Unresolved tag: !!js/function; only plain YAML is allowed here (no tags)',
    ]);
  });

  it('refuse an alias bomb quickly and cleanly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const result = load(`id: a\n${levels.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(errors(result)).toContain(
      'st/a.yaml:1:1: error: too many aliases (more than 100 expansions); this looks like an alias bomb',
    );
  });

  it('refuse a 10 MB file without parsing it', () => {
    const result = load(`id: a\n# ${'x'.repeat(10 * 1024 * 1024)}\n`);
    expect(errors(result)).toContain('st/a.yaml:1:1: error: file is 10.0 MB; scene files are limited to 1 MB — split it');
  });

  it('refuse an empty file, a list, a scalar and a binary file', () => {
    const only = (result: LoadResult) => errors(result).filter((e) => e.startsWith('st/a.yaml'));
    expect(only(load(''))).toEqual(['st/a.yaml:1:1: error: the file is empty']);
    expect(only(load('# just a comment\n'))).toEqual(['st/a.yaml:1:1: error: the file is empty']);
    expect(only(load('- id: a\n- id: b\n'))[0]).toMatch(
      /^st\/a\.yaml:1:1: error: a scene file holds one scene .* this file holds a list; to put several scenes in one file, write `scenes:` above the list$/,
    );
    expect(only(load('hello\n'))[0]).toMatch(/^st\/a\.yaml:1:1: error: a scene file holds one scene .*this file holds a line of text$/);
    expect(only(load('\u0000\u0001PK\u0003\u0004\u00ff'))).toEqual([
      'st/a.yaml:1:1: error: this is a binary file, not YAML text (it contains NUL bytes)',
    ]);
  });
});

describe('names JavaScript reserves', () => {
  it('are refused as keys, ids and names, and never reach Object.prototype', () => {
    const result = load(
      [
        'id: a',
        '__proto__: { polluted: yes }',
        'choices:',
        '  - text: Go',
        '    goto: a',
        '    effects:',
        '      - set: constructor',
        '      - add: { __proto__: 1 }',
        '      - set_var: { prototype: x }',
        '',
      ].join('\n'),
      `${STORY}flags:\n  constructor: no\n`,
    );
    expect(errors(result)).toEqual([
      "st/a.yaml:2:1: error: '__proto__' cannot be used as a name: JavaScript reserves it on every object; choose another",
      "st/a.yaml:7:14: error: 'constructor' cannot be used as a name: JavaScript reserves it on every object; choose another",
      "st/a.yaml:8:16: error: '__proto__' cannot be used as a name: JavaScript reserves it on every object; choose another",
      "st/a.yaml:9:20: error: 'prototype' cannot be used as a name: JavaScript reserves it on every object; choose another",
      "st/story.yaml:15:3: error: 'constructor' cannot be used as a name: JavaScript reserves it on every object; choose another",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('are refused as a scene id', () => {
    expect(errors(load('id: constructor\nending: { title: E }\n'))).toContain(
      "st/a.yaml:1:5: error: 'constructor' cannot be used as a name: JavaScript reserves it on every object; choose another",
    );
  });

  it('cannot reach a compiled record, which has no prototype', () => {
    const story = loadClean('id: a\nending: { title: E }\n');
    expect(Object.getPrototypeOf(story.stats)).toBeNull();
    expect(Object.getPrototypeOf(story.vars)).toBeNull();
  });
});

describe('conditions', () => {
  it('report a syntax error at its exact line and column', () => {
    const result = load('id: a\nchoices:\n  - text: Go\n    if: stamina > > 2\n    goto: a\n');
    expect(errors(result)).toEqual(["st/a.yaml:4:19: error: expected a value before '>'"]);
  });

  it('report a syntax error inside a quoted condition at its column', () => {
    const result = load("id: a\nchoices:\n  - text: Go\n    if: 'stamina > > 2'\n    goto: a\n");
    expect(errors(result)).toEqual(["st/a.yaml:4:20: error: expected a value before '>'"]);
  });

  it('report an unknown name with the closest known one', () => {
    const result = load('id: a\nchoices:\n  - text: Go\n    requires: has("torch") and stamna > 2\n    goto: a\n');
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatch(/^st\/a\.yaml:4:32: error: unknown name 'stamna'.*did you mean 'stamina'\?$/);
  });

  it('know every flag a set or clear names anywhere, and the declared ones', () => {
    loadClean(
      'scenes:\n  - id: a\n    text:\n      - if: heard and not told and declared\n        text: Hm.\n    choices:\n      - text: Go\n        goto: b\n  - id: b\n    ending: { title: E }\n    on_enter:\n      - chance: 5\n        then: [ { set: heard } ]\n        else: [ { clear: [told] } ]\n',
      `${STORY}flags:\n  declared: A flag nobody sets\n`,
    );
  });

  it('never run what they name: process.exit() is an unknown function', () => {
    const result = load('id: a\nchoices:\n  - text: Go\n    if: process.exit()\n    goto: a\n');
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatch(/^st\/a\.yaml:4:9: error: unknown function 'process\.exit'/);
  });
});

describe('story.yaml', () => {
  it('is required, and its absence is reported at the folder', () => {
    const result = loadStoryFiles([{ path: 'my/a.yaml', text: 'id: a\nending: { title: E }\n' }]);
    expect(errors(result)).toEqual(['my/: error: no story.yaml here: a story folder needs one (see docs/AUTHORING.md)']);
  });

  it('must start at a scene, name scenes in its hooks, and write the time as HH:MM', () => {
    const story = STORY.replace('start: a', 'start: nowhere').replace('"23:30"', '"25:00"');
    const result = load('id: a\nending: { title: E }\n', `${story}hooks:\n  on_death: a\n  on_turn: turned\n`);
    expect(errors(result)).toEqual([
      "st/story.yaml:4:8: error: no scene has the id 'nowhere'",
      "st/story.yaml:5:24: error: '25:00' is not a time of day: write HH:MM, e.g. \"08:40\"",
      "st/story.yaml:16:12: error: no scene has the id 'turned'",
    ]);
  });

  it('checks that a stat starts within its bounds', () => {
    const result = load('id: a\nending: { title: E }\n', STORY.replace('start: 5 }', 'start: 50 }'));
    expect(errors(result)).toEqual(['st/story.yaml:9:54: error: start (50) must be between min (0) and max (10)']);
  });

  it('overrides parts of the infection table and refuses unknown numbers', () => {
    const story = loadClean('id: a\nending: { title: E }\n', `${STORY}infection:\n  transmission: { bite: 0.8 }\n  hunger: { perHour: 5 }\n`);
    expect(story.infection.transmission).toEqual({ ...DEFAULT_INFECTION_TABLE.transmission, bite: 0.8 });
    expect(story.infection.hunger.perHour).toBe(5);
    expect(story.infection.fearSpeed).toBe(DEFAULT_INFECTION_TABLE.fearSpeed);
    const result = load('id: a\nending: { title: E }\n', `${STORY}infection:\n  transmision: { bite: 0.8 }\n`);
    expect(errors(result)).toEqual(["st/story.yaml:15:3: error: unknown field 'transmision' — did you mean 'transmission'?"]);
  });

  it('declares a second story.yaml below the first an error', () => {
    const result = loadStoryFiles([
      { path: 'st/story.yaml', text: STORY },
      { path: 'st/a.yaml', text: 'id: a\nending: { title: E }\n' },
      { path: 'st/old/story.yaml', text: STORY },
    ]);
    expect(errors(result)).toEqual([
      'st/old/story.yaml:1:1: error: a second story.yaml: a story has one, at its top (st/story.yaml); rename this file or move it out',
    ]);
  });
});

describe('reporting', () => {
  it('reports every problem in every file, sorted by file, line and column', () => {
    const result = loadStoryFiles([
      { path: 'st/story.yaml', text: STORY },
      { path: 'st/b.yaml', text: 'id: b\nchoices:\n  - text: Go\n    goto: nowhere\n  - text: Stay\n    gotto: b\n' },
      { path: 'st/a.yaml', text: 'id: a\ntitle: 3\nending: { title: E }\n' },
    ]);
    expect(errors(result)).toEqual([
      'st/a.yaml:2:8: error: expected a string, got the number 3',
      "st/b.yaml:4:11: error: no scene has the id 'nowhere'",
      "st/b.yaml:6:5: error: unknown field 'gotto' — did you mean 'goto'?",
    ]);
    expect(result.stats).toEqual({ scenes: 2, choices: 2, endings: 1, words: 2 });
  });

  it('formats a problem as path:line:col: severity: message', () => {
    expect(formatProblem({ file: 'a.yaml', line: 3, col: 7, severity: 'warning', message: 'hm' })).toBe(
      'a.yaml:3:7: warning: hm',
    );
  });

  it('refuses more than 5,000 files', () => {
    const files = Array.from({ length: 5001 }, (_, i) => ({ path: `st/s${i}.yaml`, text: '' }));
    expect(errors(loadStoryFiles(files))).toEqual([
      'st/: error: 5001 YAML files; a story is limited to 5000 — is this the right folder?',
    ]);
  });
});

describe('loadStoryDir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hyosan-loader-'));
    await mkdir(join(dir, 'scenes'), { recursive: true });
    await mkdir(join(dir, '.git'), { recursive: true });
    await mkdir(join(dir, 'node_modules'), { recursive: true });
    await writeFile(join(dir, 'story.yaml'), STORY);
    await writeFile(join(dir, 'scenes', 'a.yaml'), 'id: a\nending: { title: E }\n');
    await writeFile(join(dir, '.git', 'junk.yaml'), ': : :');
    await writeFile(join(dir, 'node_modules', 'junk.yaml'), ': : :');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every .yaml below the folder, skipping dot-folders and node_modules', async () => {
    const result = await loadStoryDir(dir);
    expect(result.problems).toEqual([]);
    expect(result.story?.scenes.size).toBe(1);
  });

  it('refuses a 10 MB file without reading it, and a file that is not UTF-8', async () => {
    await writeFile(join(dir, 'scenes', 'huge.yaml'), Buffer.alloc(10 * 1024 * 1024, 0x61));
    await writeFile(join(dir, 'scenes', 'latin1.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
    try {
      const result = await loadStoryDir(dir);
      expect(errors(result)).toEqual([
        `${join(dir, 'scenes', 'huge.yaml')}:1:1: error: file is 10.0 MB; scene files are limited to 1 MB — split it`,
        `${join(dir, 'scenes', 'latin1.yaml')}:1:1: error: this file is not UTF-8 text (is it binary?)`,
      ]);
      expect(result.story).toBeUndefined();
    } finally {
      await rm(join(dir, 'scenes', 'huge.yaml'));
      await rm(join(dir, 'scenes', 'latin1.yaml'));
    }
  });

  it('ties each scene and each problem to its own file among many', async () => {
    const many = join(dir, 'many');
    await mkdir(many);
    const names = Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, '0')}.yaml`);
    await Promise.all(names.map((name, i) => writeFile(join(many, name), `id: m${i}\nending: { title: E }\n`)));
    try {
      const story = (await loadStoryDir(dir)).story as Story;
      expect(names.map((_, i) => sceneOf(story, `m${i}`).source.file)).toEqual(names.map((name) => join(many, name)));
      const latin1 = Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]);
      const bad = ['s07.yaml', 's27.yaml', 's47.yaml'];
      await Promise.all(bad.map((name) => writeFile(join(many, name), latin1)));
      const result = await loadStoryDir(dir);
      expect(errors(result)).toEqual(bad.map((name) => `${join(many, name)}:1:1: error: this file is not UTF-8 text (is it binary?)`));
      expect(result.stats.scenes).toBe(1 + 57);
    } finally {
      await rm(many, { recursive: true, force: true });
    }
  });

  it('reports a folder that does not exist', async () => {
    const result = await loadStoryDir(join(dir, 'missing'));
    expect(errors(result)).toEqual([`${join(dir, 'missing')}/: error: cannot read the story folder: ENOENT`]);
  });
});

describe('untrusted input', () => {
  const story = { path: 'st/story.yaml', text: STORY };

  /** Loads `text` as a scene file and checks the result is well formed. */
  function survives(text: string): void {
    const result = loadStoryFiles([story, { path: 'st/x.yaml', text }]);
    const lines = text.split('\n').length;
    for (const p of result.problems) {
      expect(['st/x.yaml', 'st/story.yaml', 'st/']).toContain(p.file);
      expect(p.line).toBeGreaterThanOrEqual(0);
      if (p.file === 'st/x.yaml') expect(p.line).toBeLessThanOrEqual(lines + 1);
      expect(p.message).not.toBe('');
    }
    const failed = result.problems.some((p) => p.severity === 'error');
    expect(result.story === undefined).toBe(failed);
  }

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), survives), { numRuns: 300 });
  });

  it('never throws on YAML-looking token soup', () => {
    const token = fc.constantFrom(
      'id: a', 'id:', 'text:', 'choices:', 'goto: a', 'if: ', 'set: x', 'then:', 'scenes:', '- ', '  ', '\n',
      ':', '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '"', "'", '|', '>', '#', '---', '__proto__: 1', '{x', 'stamina > 2',
    );
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (tokens) => survives(tokens.join(''))), {
      numRuns: 500,
    });
  });

  it('never throws on any structure of scene-like fields', () => {
    const key = fc.constantFrom(
      'id', 'title', 'text', 'choices', 'goto', 'if', 'requires', 'effects', 'on_enter', 'ending', 'set', 'add',
      'chance', 'then', 'else', 'give', 'expose', 'who', 'route', 'input', 'var', 'scenes', 'time', '__proto__',
    );
    const leaf = fc.oneof(
      fc.constantFrom('a', 'stamina > 2', '{name}', '{', 'bite', '10m', 'player', 'onjo', '@return', ''),
      fc.integer({ min: -5, max: 200 }),
      fc.boolean(),
      fc.constant(null),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    }));
    fc.assert(
      fc.property(value, (v) => survives(stringify(v))),
      { numRuns: 500 },
    );
  });
});

describe('YAML mistakes, told in the author\'s terms at the character to change', () => {
  const problemsOf = (text: string) =>
    loadStoryFiles([
      { path: 'st/story.yaml', text: STORY },
      { path: 'st/scene.yaml', text },
    ]).problems.filter((p) => p.file === 'st/scene.yaml').map((p) => `${p.line}:${p.col}: ${p.message}`);

  it('a colon inside a text: put it in quotes', () => {
    expect(problemsOf('id: a\ntitle: A\ntext: He stops: the door is open.\nending: { title: E }\n')).toEqual([
      `3:15: put this text in quotes: it contains ': ', which YAML reads as a new key (write text: "…" with the text inside the quotes, or text: | with the text on the lines below)`,
    ]);
  });

  it("a key without its colon: add ':'", () => {
    expect(problemsOf('id: a\ntitle The Hall\nending: { title: E }\n')).toEqual([
      "2:6: add ':' after 'title' (write title: and then its value)",
    ]);
  });

  it('a tab inside a text block: use spaces', () => {
    expect(problemsOf('id: a\ntext: |\n  Line one\n\tTabbed line\nending: { title: E }\n')).toEqual([
      '4:1: a tab in this text block: indent with spaces, not tabs',
    ]);
  });

  it('a line indented less, or more, than the one above it', () => {
    const less = 'id: a\ntitle: A\nchoices:\n  - id: x\n    text: Go\n   goto: a\n';
    expect(problemsOf(less)).toEqual(["6:4: indent this line like 'text:' above it (4 spaces, not 3)"]);
    const more = 'id: a\ntitle: A\nchoices:\n  - id: x\n    text: Go\n      goto: a\n';
    expect(problemsOf(more)).toEqual(["6:7: indent this line like 'text:' above it (4 spaces, not 6)"]);
  });

  it('keeps the parser\'s words for what it does not recognise', () => {
    expect(problemsOf('id: a\ntext: "unclosed\n')).toEqual(['3:1: Missing closing "quote']);
  });
});
