/**
 * A small story for the save tests: a named player, chapters, a loop that
 * makes games as long as a test wants, chance effects (so the seed matters)
 * and an exposure to the virus. Plus a seeded "player" that picks choices.
 */
import { choicesOf, enabledChoiceIds, isEnded } from '../../src/engine/index.js';
import type { Story } from '../../src/engine/story-types.js';
import { playChoice, type SavedGame } from '../../src/saves/index.js';
import { buildStory, type SceneSpec } from './build-story.js';

/** The scenes of the save-test story; tests copy and edit them to make "edited" versions. */
export function saveStoryScenes(): Record<string, SceneSpec> {
  return {
    gate: {
      chapter: 'Chapter 1: The Gate',
      text: ['The school gate is chained. Someone wrote a name in the dust.'],
      choices: [
        { id: 'sign', goto: 'hall', input: { var: 'name', prompt: 'Your name?', maxLength: 12 } },
        { id: 'climb', goto: 'hall', effects: [{ kind: 'add', stats: { stamina: -1 } }] },
      ],
    },
    hall: {
      onEnter: [{ kind: 'time', minutes: 15 }],
      choices: [
        {
          id: 'left',
          goto: 'lab',
          effects: [{ kind: 'chance', percent: 50, then: [{ kind: 'set', flags: ['lucky'] }], else: [] }],
        },
        { id: 'right', goto: 'yard' },
        { id: 'wait', goto: 'hall', effects: [{ kind: 'time', minutes: 30 }] },
      ],
    },
    lab: {
      choices: [
        { id: 'back', goto: 'hall', effects: [{ kind: 'give', item: 'beaker', count: 1 }] },
        {
          id: 'touch',
          goto: 'yard',
          effects: [{ kind: 'expose', who: 'player', route: 'scratch', emotion: 'fear' }],
        },
      ],
    },
    yard: {
      chapter: 'Chapter 2: The Yard',
      onEnter: [{ kind: 'time', minutes: 5 }],
      choices: [
        { id: 'inside', goto: 'hall' },
        { id: 'run', goto: 'exit', effects: [{ kind: 'chance', percent: 30, then: [{ kind: 'goto', scene: 'caught' }], else: [] }] },
      ],
    },
    exit: { ending: 'Out' },
    caught: { ending: 'Caught' },
  };
}

/** The save-test story, built from `scenes` (default: the unedited ones) with a hash. */
export function saveStory(scenes = saveStoryScenes(), hash = 'original'): Story {
  const story = buildStory(scenes, { stats: { stamina: { start: 6 } }, vars: { name: 'Ji-woo' } });
  return { ...story, id: 'save-test', title: 'Save Test', hash };
}

/**
 * Plays choices picked by `picks` (each an index into the enabled choices,
 * modulo their number) until the picks run out or the game ends. The loop
 * scenes avoid endings unless `allowEnd`.
 */
export function playPicks(story: Story, game: SavedGame, picks: readonly number[], allowEnd = false): SavedGame {
  let g = game;
  for (const pick of picks) {
    if (isEnded(story, g.state)) break;
    let ids = enabledChoiceIds(story, g.state);
    if (!allowEnd) ids = ids.filter((id) => id !== 'run');
    const id = ids[pick % ids.length];
    if (id === undefined) break;
    const asks = choicesOf(story, g.state).find((c) => c.id === id)?.input;
    g = playChoice(story, g, id, asks === undefined ? undefined : `  Mi-rae\u0007 ${pick}  `);
  }
  return g;
}
