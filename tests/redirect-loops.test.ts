/**
 * Issue 15, item 13: scenes whose on_enter sends the player on, round and
 * round with no way to stay, are a load error (as a dead end is), not a
 * failure in the middle of a game.
 */
import { describe, expect, it } from 'vitest';
import { loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { runHyosan, writeStory } from './helpers/run-cli.js';

const STORY = 'id: loops\ntitle: Loops\nstart: hall\n';
const HALL = `  - id: hall
    text: A hall.
    choices:
      - { id: in, text: Go in, goto: a }
`;

function load(scenes: string): LoadResult {
  return loadStoryFiles([
    { path: 'l/story.yaml', text: STORY },
    { path: 'l/scenes.yaml', text: `scenes:\n${HALL}${scenes}` },
  ]);
}

const errors = (result: LoadResult) => result.problems.filter((p) => p.severity === 'error').map(formatProblem);

describe('on_enter redirects', () => {
  it('two scenes that send the player to each other, with no choices, are both reported with the loop', () => {
    const found = errors(
      load(`  - id: a
    on_enter: [{ goto: b }]
  - id: b
    on_enter: [{ time: 5m }, { goto: a }]
`),
    );
    expect(found).toEqual([
      "l/scenes.yaml:6:5: error: entering scene 'a' never ends: its on_enter always moves on, and every way on only leads round again (a → b → a); give one of these scenes an on_enter path without a goto, so the player can stay and choose",
      "l/scenes.yaml:8:5: error: entering scene 'b' never ends: its on_enter always moves on, and every way on only leads round again (b → a → b); give one of these scenes an on_enter path without a goto, so the player can stay and choose",
    ]);
  });

  it('a loop through branches that all go round is reported too', () => {
    const found = errors(
      load(`  - id: a
    on_enter:
      - chance: 50
        then: [{ goto: b }]
        else: [{ goto: a }]
  - id: b
    on_enter: [{ goto: a }]
    choices:
      - { id: never, text: Never seen, goto: hall }
`),
    );
    expect(found).toHaveLength(2);
    expect(found.every((e) => e.includes('never ends'))).toBe(true);
  });

  it('a way out through any branch, or a scene that can be stayed in, is not a loop', () => {
    expect(
      errors(
        load(`  - id: a
    on_enter:
      - chance: 50
        then: [{ goto: b }]
        else: [{ goto: c }]
  - id: b
    on_enter: [{ goto: a }]
  - id: c
    on_enter:
      - if: visited("c") > 1
        then: [{ goto: a }]
    choices:
      - { id: back, text: Back, goto: hall }
`),
      ),
    ).toEqual([]);
  });

  it('check reports the loop and play refuses the story, instead of failing mid-game', () => {
    const dir = writeStory({
      'story.yaml': STORY,
      'scenes.yaml': `scenes:\n${HALL}  - id: a\n    on_enter: [{ goto: b }]\n  - id: b\n    on_enter: [{ goto: a }]\n`,
    });
    const check = runHyosan(['check', dir]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("entering scene 'a' never ends");
    const play = runHyosan(['--story', dir, '--plain', '--seed', '1'], { input: '1\n' });
    expect(play.status).toBe(1);
    expect(play.stderr).toContain("entering scene 'a' never ends");
    expect(play.stderr).not.toContain('please report');
  });
});
