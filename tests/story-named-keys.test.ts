/**
 * Issue 15, item 8: a story that passes check can always be saved. Names a
 * story chooses (items, stats, scenes) are looked up as own properties, so
 * `toString` or `valueOf` read as absent until set; and a version, an id or
 * a name a save would refuse (control characters, over 100 characters) is
 * refused by the loader instead.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choicesOf, start, step } from '../src/engine/index.js';
import { SaveError, SaveStore, newGame, playChoice } from '../src/saves/index.js';
import { loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';

const STORY = `id: keys
title: Keys
version: 1.0.0
start: hall
stats:
  valueOf: { min: 0, max: 10, start: 2 }
`;

const SCENES = `scenes:
  - id: hall
    title: The Hall
    text: A hall.
    choices:
      - id: take
        text: Take the thing called toString
        effects:
          - give: toString
          - add: { valueOf: 3 }
        goto: toString
  - id: toString
    title: A Room Named Oddly
    text: |
      {valueOf} of something.
    choices:
      - id: use
        text: Use it
        if: has("toString") and count("toString") == 1 and visited("toString") == 1 and valueOf == 5
        goto: end
  - id: end
    text: The end.
    ending: { title: End }
`;

function load(story = STORY, scenes = SCENES): LoadResult {
  return loadStoryFiles([
    { path: 'k/story.yaml', text: story },
    { path: 'k/scenes.yaml', text: scenes },
  ]);
}

describe('names that every object inherits', () => {
  it('give: toString gives one toString, has("toString") sees it, and the game saves', async () => {
    const story = load().story!;
    expect(story).toBeDefined();
    const state = step(story, start(story, 1), 'take');
    expect(state.items).toEqual({ toString: 1 });
    expect(state.stats.valueOf).toBe(5);
    expect(state.visits.toString).toBe(1);
    expect(choicesOf(story, state).map((c) => c.id)).toEqual(['use']);
    const saves = new SaveStore({ dir: await mkdtemp(join(tmpdir(), 'hyosan-keys-')) });
    const game = playChoice(story, newGame(story, 1), 'take');
    expect(await saves.autosave(story, game)).toBeUndefined();
    const back = await saves.load('autosave-keys', story);
    expect(back).not.toBeInstanceOf(SaveError);
  });
});

describe('what a save would refuse is refused by the loader', () => {
  const errors = (result: LoadResult) => result.problems.filter((p) => p.severity === 'error').map(formatProblem);

  it('a version with a control character', () => {
    expect(errors(load(STORY.replace('version: 1.0.0', 'version: "1.0\\a"'))).join('\n')).toMatch(
      /k\/story\.yaml:3:10: error: this text contains U\+0007 \(BEL\)/,
    );
  });

  it('a version, a story id, a scene id or a choice id longer than 100 characters', () => {
    const long = 'x'.repeat(101);
    expect(errors(load(STORY.replace('version: 1.0.0', `version: "${long}"`)))).toEqual([
      'k/story.yaml:3:10: error: is longer than 100 characters: ids, names and versions are kept short (saves record them)',
    ]);
    expect(errors(load(STORY.replace('id: keys', `id: ${long}`))).join('\n')).toContain('k/story.yaml:1:5: error: is longer than 100');
    expect(errors(load(STORY, SCENES.replace('id: end', `id: ${long}`))).join('\n')).toContain('is longer than 100');
    expect(errors(load(STORY, SCENES.replace('id: use', `id: ${long}`))).join('\n')).toContain('is longer than 100');
  });

  it('100 characters are still fine', () => {
    const exact = 'x'.repeat(100);
    expect(errors(load(STORY.replace('version: 1.0.0', `version: "${exact}"`).replace('id: keys', `id: ${exact}`)))).toEqual([]);
  });
});
