/**
 * Bonds: declared on characters (`bond: 5`), changed by the `bond` effect,
 * read by `bond("id")`, checked when the story loads, and shown to the
 * player in words: the status panel, plain status and the changes line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, played } from './helpers/fixture-story.js';
import { choicesOf, start, step } from '../src/engine/index.js';
import type { GameState, Story } from '../src/engine/index.js';
import { setupFor } from '../src/cli/start-setup.js';
import { decodeSave, encodeSave } from '../src/saves/codec.js';
import { SaveError } from '../src/saves/errors.js';
import { newGame, playChoice } from '../src/saves/game.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { BOND_WORDS, bondWords } from '../src/ui/bonds.js';
import { changesLine } from '../src/ui/changes.js';
import { panelLines } from '../src/ui/ink/StatusPanel.js';
import { statHelp } from '../src/ui/stat-help.js';
import { statusReport, statusText } from '../src/ui/status.js';

let story: Story;

beforeAll(async () => {
  story = await loadFixture('tests/fixtures/survival');
});

const play = (...choices: string[]): GameState => played(story, ...choices);

describe('bonds in the engine', () => {
  it('start where story.yaml says, for the characters who have one', () => {
    expect(start(story, 1).bonds).toEqual({ onjo: 5, woojin: 2 });
  });

  it('move with the bond effect and stay within 0–10', () => {
    expect(play('share').bonds).toEqual({ onjo: 7, woojin: 1 });
    expect(play('share', 'share', 'share', 'share').bonds).toEqual({ onjo: 10, woojin: 0 });
    expect(play('lie').bonds).toEqual({ onjo: 0, woojin: 2 });
  });

  it('open a choice gated on bond("onjo") >= 7 once the bond is high enough', () => {
    const ids = (state: GameState) => choicesOf(story, state).map((c) => c.id);
    expect(ids(start(story, 1))).not.toContain('follow');
    expect(ids(play('share'))).toContain('follow');
    expect(ids(play('share', 'lie'))).not.toContain('follow');
  });
});

describe('bonds as the player sees them', () => {
  it('one table of words by band, from wary to would follow you anywhere', () => {
    expect(BOND_WORDS.map((b) => b.from)).toEqual([0, 2, 4, 7, 9]);
    expect([0, 1, 2, 3, 4, 6, 7, 8, 9, 10].map(bondWords)).toEqual([
      'wary of you',
      'wary of you',
      'uneasy with you',
      'uneasy with you',
      'friendly',
      'friendly',
      'trusts you',
      'trusts you',
      'would follow you anywhere',
      'would follow you anywhere',
    ]);
  });

  it('the status panel and plain status give each companion’s bond in words beside them, never the number', () => {
    const report = statusReport(story, play('share'));
    expect(report.party).toEqual([
      { label: 'On-jo', value: 'well', bond: 'trusts you' },
      { label: 'Woo-jin', value: 'well', bond: 'wary of you' },
    ]);
    const rows = panelLines(report, 40, 60, true).map((l) => (l.kind === 'entry' ? l.label + l.value : l.kind === 'space' ? '' : l.text));
    expect(rows).toContain('On-jo: well, trusts you');
    expect(rows).toContain('Woo-jin: well, wary of you');
    expect(statusText(report)).toContain('Party: On-jo (well, trusts you), Woo-jin (well, wary of you)');
  });

  it('the changes line says whose bond rose or fell, in words', () => {
    const before = start(story, 1);
    expect(changesLine(story, before, step(story, before, 'share'))).toBe('On-jo trusts you more · Woo-jin trusts you less');
    // A bond already at its bound that does not move says nothing.
    const floor = play('lie');
    expect(changesLine(story, floor, step(story, floor, 'lie'))).toBeUndefined();
  });

  it('the help screen says what bonds are', () => {
    const help = statHelp(story, start(story, 1)).find((e) => e.label === 'Bonds');
    expect(help?.text).toContain('"wary of you" to "would follow you anywhere"');
  });
});

const HEADER = `id: t
title: T
start: a
characters:
  onjo: { name: On-jo, bond: 3 }
  gwinam: { name: Gwi-nam }
`;

function load(scenes: string, header = HEADER): LoadResult {
  return loadStoryFiles([
    { path: 't/story.yaml', text: header },
    { path: 't/a.yaml', text: scenes },
  ]);
}

const errors = (r: LoadResult) => r.problems.filter((p) => p.severity === 'error').map(formatProblem);

describe('bonds when the story loads', () => {
  it('refuses a bond effect for a character without a bond, or unknown, or the player', () => {
    const r = load(`id: a
ending: { title: End }
on_enter:
  - bond: { gwinam: 1, onjoo: 1, player: 2 }
`);
    expect(errors(r)).toEqual([
      "t/a.yaml:4:13: error: 'gwinam' has no bond: give them one under characters: in story.yaml, e.g. gwinam: { name: …, bond: 5 }",
      "t/a.yaml:4:24: error: unknown character 'onjoo': declare it under characters: in story.yaml — did you mean 'onjo'?",
      't/a.yaml:4:34: error: a bond is between the player and a character: name a character',
    ]);
  });

  it('type-checks bond() in conditions: a number, of a character who has a bond', () => {
    const r = load(`id: a
title: A
choices:
  - text: One
    if: bond("gwinam") > 2
    goto: a
  - text: Two
    if: bond("onjo")
    goto: a
  - text: Three
    if: bond("onjo") == "high"
    goto: a
`);
    expect(errors(r)).toEqual([
      "t/a.yaml:5:14: error: 'gwinam' has no bond: give them one under characters: in story.yaml, e.g. gwinam: { name: …, bond: 5 }",
      "t/a.yaml:11:9: error: '==' needs two values of the same type, but 'bond(\"onjo\")' is a number and '\"high\"' is a string",
    ]);
  });

  it('refuses a starting bond outside 0–10', () => {
    const r = load('id: a\nending: { title: End }\n', HEADER.replace('bond: 3', 'bond: 11'));
    expect(errors(r)).toEqual(['t/story.yaml:5:30: error: must be at most 10']);
  });
});

describe('check knows a bond’s bounds and what changes it', () => {
  it('warns about a condition on a bond no effect changes, and one past 10', () => {
    const r = load(`id: a
title: A
choices:
  - id: never
    text: Never
    if: bond("onjo") >= 7
    goto: a
  - id: past
    text: Past
    if: bond("onjo") > 10
    goto: a
  - id: fine
    text: Fine
    effects: [ { bond: { onjo: 1 } } ]
    goto: a
`.replace('  - id: fine', '  - id: fine\n    if: true'));
    expect(errors(r)).toEqual([]);
    const warnings = analyzeStory(r.story!).map((p) => p.message);
    expect(warnings.filter((m) => m.includes('never'))).toEqual([
      "choice 'past' in scene 'a' is never shown: its if condition 'bond(\"onjo\") > 10' can never be true (a bond stays within 0..10)",
    ]);
    const frozen = load(`id: a
title: A
choices:
  - id: never
    text: Never
    if: bond("onjo") >= 7
    goto: a
  - id: on
    text: On
    goto: a
`);
    expect(analyzeStory(frozen.story!).map((p) => p.message)).toContain(
      "choice 'never' in scene 'a' is never shown: its if condition 'bond(\"onjo\") >= 7' can never be true (no bond effect ever changes 'onjo''s bond from 3)",
    );
  });
});

describe('--bond, to try a scene with a bond already won or lost', () => {
  const setup = (...values: string[]) => setupFor(story, values.map((value) => ({ option: '--bond' as const, value })), 'survival/');

  it('sets bonds before the first scene, the rest as the story starts them', () => {
    const s = setup('onjo=8');
    expect(s).toEqual({ bonds: [{ who: 'onjo', value: 8 }] });
    const state = start(story, 1, s);
    expect(state.bonds).toEqual({ onjo: 8, woojin: 2 });
    expect(choicesOf(story, state).map((c) => c.id)).toContain('follow');
    expect(start(story, 1, setup('woojin=0,onjo=0')).bonds).toEqual({ onjo: 0, woojin: 0 });
  });

  it('refuses a character without a bond, a bond outside 0–10, and two bonds for one character', () => {
    expect(() => setup('gwinam=3')).toThrow("--bond: no character with a bond 'gwinam' in survival/ (characters with a bond: onjo, woojin)");
    expect(() => setup('onjo=11')).toThrow('--bond onjo=11: a bond is a whole number from 0 to 10');
    expect(() => setup('onjo=high')).toThrow('--bond onjo=high: a bond is a whole number from 0 to 10');
    expect(() => setup('onjo=3', 'onjo=4')).toThrow("--bond sets 'onjo' twice (3 and 4)");
  });

  it('is saved with the game and replayed with it', () => {
    const game = playChoice(story, newGame(story, 1, setup('onjo=9')), 'wait-hour');
    const back = decodeSave(encodeSave(story, game, new Date('2026-01-01T00:00:00Z')), story, 'x.json');
    if (back instanceof SaveError) throw back;
    expect(back.state.bonds).toEqual({ onjo: 9, woojin: 2 });
  });
});
