/**
 * The richer format (issue 16): first-match text and `else`, inline
 * conditions and variations by visit, once-only choices, sub-scenes with
 * `call` and `@back`, computed amounts and counters — each as a player
 * sees it, and each mistake as an author is told it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { choicesOf, sceneView, start, step, type GameState, type Story } from '../src/engine/index.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { storyGraph } from '../src/tools/graph.js';
import { loadStoryDir, loadStoryFiles } from '../src/story/load.js';

let story: Story;
beforeAll(async () => {
  const loaded = await loadStoryDir('tests/fixtures/format2');
  expect(loaded.problems).toEqual([]);
  story = loaded.story!;
});

const text = (state: GameState) => sceneView(story, state).paragraphs;
const ids = (state: GameState) => choicesOf(story, state).map((c) => c.id);
const play = (...choices: string[]) => choices.reduce((s, c) => step(story, s, c), start(story, 1));

describe('first-match text, else, and inline text', () => {
  it('shows the first case that holds, and the catch-all otherwise', () => {
    expect(text(start(story, 1))).toContain('It is dark.');
    expect(text(play('search'))).toContain('The torch shows the shelves.');
    expect(text(play('search'))).not.toContain('It is dark.');
    // Noise 2, stamina 6: shouting adds stamina − 3 = 3 noise, so the first case now holds.
    expect(text(play('search', 'shout'))).toContain('The torch shows too much, and something heard you.');
  });

  it("shows an if's else when the condition does not hold", () => {
    expect(text(start(story, 1))).toContain('On-jo waits by the door.');
    const alone: Story = { ...story, characters: { onjo: { name: 'On-jo', startsInParty: false } } };
    expect(sceneView(alone, start(alone, 1)).paragraphs).toContain('Nobody waits by the door.');
  });

  it('fills inline conditions, nested placeholders included', () => {
    expect(text(start(story, 1))).toContain('You feel strong.');
    expect(text(play('search'))).toContain('You feel strong after 1 searches.');
    expect(text(play('search', 'rest'))).toContain('You feel tired after 1 searches.');
    expect(choicesOf(story, start(story, 1))[0]!.text).toBe('Search the shelves');
  });
});

describe('variations by visit', () => {
  it('a sequence stops at its last option; a cycle goes round; once-only runs out', () => {
    const visits = [start(story, 1)];
    for (let i = 0; i < 3; i++) visits.push(step(story, visits.at(-1)!, 'rest'));
    expect(visits.map((s) => text(s)[0])).toEqual([
      'You step into the hall for the first time.',
      'You are back in the hall.',
      'The hall again, Min.',
      'The hall again, Min.',
    ]);
    expect(visits.map((s) => text(s).find((p) => p.startsWith('Dr')))).toEqual(['Drip.', 'Drop.', 'Drip.', 'Drop.']);
    expect(visits.map((s) => text(s).find((p) => p.includes('vent') && !p.includes('tap')))).toEqual([
      'Dust falls from the vent.',
      'The vent ticks.',
      undefined,
      undefined,
    ]);
  });

  it("ink's short forms work the same way, and a shuffle is the same on every showing of a state", () => {
    const first = start(story, 1);
    expect(text(first).at(-1)).toMatch(/^The tap says drip and the vent creaks(, softly|, again|)\.$/);
    const second = step(story, first, 'rest');
    expect(text(second).at(-1)).toMatch(/^The tap says drop(, softly|, again|)\.$/);
    expect(text(second)).toEqual(text(second));
    // Different games shuffle differently.
    const seen = new Set(Array.from({ length: 40 }, (_, seed) => text(start(story, seed)).at(-1)));
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('once-only choices', () => {
  it('are hidden once taken, in this game only', () => {
    expect(ids(start(story, 1))).toContain('search');
    expect(ids(play('search'))).not.toContain('search');
    expect(ids(play('search', 'rest'))).not.toContain('search');
    expect(ids(start(story, 2))).toContain('search');
  });
});

describe('sub-scenes: call and @back', () => {
  it('come back into the calling scene as it was (no on_enter again), or to the choice\'s goto', () => {
    const inAid = play('bandage');
    expect(inAid.scene).toBe('first-aid');
    const back = step(story, inAid, 'done');
    expect(back.scene).toBe('hall');
    // Coming back is not a new visit: the sequence does not move on.
    expect(back.visits.hall).toBe(1);
    expect(back.calls).toBeUndefined();
    expect(step(story, play('bandage-then-out'), 'done').scene).toBe('yard');
  });

  it('nest: the innermost call comes back first', () => {
    const knot = play('bandage-then-out', 'tight');
    expect(knot.scene).toBe('knot');
    expect(knot.calls).toHaveLength(2);
    const aid = step(story, knot, 'done');
    expect(aid.scene).toBe('first-aid');
    expect(step(story, aid, 'done').scene).toBe('yard');
    // A call whose own way on is `@back` comes back twice in one move.
    expect(step(story, play('bandage-then-out', 'tight-out'), 'done').scene).toBe('yard');
  });

  it('are drawn by graph, and check finds an @back with nothing to come back to', () => {
    expect(storyGraph(story, 'dot')).toContain('"hall" -> "first-aid" [label="Bandage your hand (a sub-scene)"];');
    expect(storyGraph(story, 'dot')).toContain('"@back" [label="back to the calling choice", shape=plaintext];');
    const lone = loadStoryFiles([
      { path: 'b/story.yaml', text: 'id: b\ntitle: B\nversion: 1.0.0\nstart: a\n' },
      { path: 'b/a.yaml', text: 'id: a\ntitle: A\nchoices:\n  - id: back\n    text: Back\n    goto: "@back"\n' },
    ]);
    expect(analyzeStory(lone.story!).map((p) => p.message)).toContain(
      'choice \'back\' in scene \'a\' goes to "@back", but no choice `call`s a sub-scene that leads here: there is nothing to come back to',
    );
  });
});

describe('computed amounts and counters', () => {
  it('add and set stats from expressions, each read before any changes', () => {
    const shouted = play('shout');
    expect(shouted.stats.noise).toBe(2 + (6 - 3));
    expect(play('search', 'rest').stats.stamina).toBe(2 + 1);
  });

  it('keep counters in their own bounds, hidden from the player', () => {
    expect(start(story, 1).stats.searches).toBe(0);
    expect(play('shout').stats.lies).toBe(3);
    expect(story.stats.searches).toMatchObject({ visible: false, counter: true });
  });
});

describe('mistakes in the richer format', () => {
  const problems = (scene: string) =>
    loadStoryFiles([
      { path: 'm/story.yaml', text: 'id: m\ntitle: M\nversion: 1.0.0\nstart: a\nstats:\n  noise: { label: N, min: 0, max: 5, start: 0 }\n' },
      { path: 'm/a.yaml', text: scene },
    ]).problems.map((p) => `${p.line}:${p.col}: ${p.message}`);

  it('point at the unknown name inside an inline condition', () => {
    expect(problems('id: a\ntitle: A\ntext: "Quiet{if nois > 2: , too quiet}."\nending: { title: E }\n')).toEqual([
      "3:17: unknown name 'nois': not a stat, a flag that is set anywhere, or a built-in (day, hour, time, hunger, turn) — did you mean 'noise'?",
    ]);
  });

  it('say when an inline block is never closed or lacks its colon', () => {
    expect(problems('id: a\ntitle: A\ntext: "Quiet{seq: a | b."\nending: { title: E }\n')).toEqual([
      "3:13: this '{' is never closed: end the block with '}'",
    ]);
    expect(problems('id: a\ntitle: A\ntext: "Quiet{if noise > 2 loud}."\nending: { title: E }\n')).toEqual([
      "3:13: an inline condition needs ':' after it: {if CONDITION: text | other text}",
    ]);
  });

  it('check a computed amount like a condition, and a counter against the stats', () => {
    expect(
      problems('id: a\ntitle: A\nchoices:\n  - id: x\n    text: X\n    effects: [ { add: { noise: "-nois" } } ]\n    goto: a\n'),
    ).toEqual([
      "6:34: unknown name 'nois': not a stat, a flag that is set anywhere, or a built-in (day, hour, time, hunger, turn) — did you mean 'noise'?",
    ]);
    expect(
      problems('id: a\ntitle: A\nchoices:\n  - id: x\n    text: X\n    effects: [ { add: { noise: "has(\\"torch\\")" } } ]\n    goto: a\n'),
    ).toEqual(['6:33: an amount must be a number, but \'has("torch")\' is true/false']);
  });
});
