/**
 * Moving an old save forward to the current format, one small step per
 * version (see the changelog in format.ts). Each step takes a document that
 * its version's schema has already validated.
 */
import { start, step } from '../engine/index.js';
import type { GameState, Move, Story } from '../engine/index.js';
import type { AnySave, SaveDocument, SaveV1, SaveV2, SaveV3, SaveV4, SaveV5, SaveV6, SaveV7, SaveV8 } from './format.js';

/**
 * Version 1 → 2: recovers the scene each choice was made in by replaying the
 * choice ids with the seed, and the typed answers from the saved variables
 * (version 1 kept only their final values). Past the first choice that no
 * longer fits the story, the remaining moves are placed in the scene where
 * the replay stopped, so loading stops at the same point and says why.
 */
export function v1ToV2(doc: SaveV1, story: Story): SaveV2 {
  const history: Move[] = [];
  let state: GameState | undefined = attempt(() => start(story, doc.seed));
  let stuckIn = story.start;
  for (const choice of doc.history) {
    if (state === undefined) {
      history.push({ scene: stuckIn, choice });
      continue;
    }
    const scene = state.scene;
    const asks = story.scenes.get(scene)?.choices.find((c) => c.id === choice)?.input;
    const input = asks === undefined ? undefined : (doc.state.vars[asks.var] ?? '');
    history.push(input === undefined ? { scene, choice } : { scene, choice, input });
    const from: GameState = state;
    state = attempt(() => step(story, from, choice, input));
    stuckIn = scene;
  }
  const { history: _ids, version: _v1, ...rest } = doc;
  return { ...rest, version: 2, start: story.start, history };
}

/** Version 2 → 3: the snapshot's flags become the sorted list of the flags set. */
export function v2ToV3(doc: SaveV2): SaveV3 {
  const flags = Object.keys(doc.state.flags).sort();
  return { ...doc, version: 3, state: { ...doc.state, flags } };
}

/**
 * Version 3 → 4: the snapshot gains `said` (nothing was said: version 3
 * knew no `say`), and a character who is incubating gains `exposedAt`
 * from the incubation. The game itself is rebuilt by replaying the history,
 * which fills in the rest.
 */
export function v3ToV4(doc: SaveV3): SaveV4 {
  const characters: SaveV4['state']['characters'] = {};
  for (const [id, c] of Object.entries(doc.state.characters)) {
    characters[id] = c.incubation === undefined ? c : { ...c, exposedAt: c.incubation.exposedAt };
  }
  return { ...doc, version: 4, state: { ...doc.state, characters, said: [] } };
}

/** Version 4 → 5: nothing to add; a game of version 4 was never set up nor had rolls forced. */
export function v4ToV5(doc: SaveV4): SaveV5 {
  return { ...doc, version: 5 };
}

/**
 * Version 5 → 6: nothing to add. A version-5 game knew no bonds or drift;
 * the replay that rebuilds the game gives it the bonds and drift clocks
 * the story has now.
 */
export function v5ToV6(doc: SaveV5): SaveV6 {
  return { ...doc, version: 6 };
}

/** Version 6 → 7: nothing to add; a game of version 6 was played without packs (a save without `packs` has none). */
export function v6ToV7(doc: SaveV6): SaveV7 {
  return { ...doc, version: 7 };
}

/**
 * Version 7 → 8: nothing to add. A save without `checked` has met no
 * check; the replay that rebuilds the game finds the checks it rolled.
 */
export function v7ToV8(doc: SaveV7): SaveV8 {
  return { ...doc, version: 8 };
}

/** Brings a validated save of any loadable version to the current format. */
export function migrateToCurrent(doc: AnySave, story: Story): SaveDocument {
  switch (doc.version) {
    case 1:
      return migrateToCurrent(v1ToV2(doc, story), story);
    case 2:
      return migrateToCurrent(v2ToV3(doc), story);
    case 3:
      return migrateToCurrent(v3ToV4(doc), story);
    case 4:
      return migrateToCurrent(v4ToV5(doc), story);
    case 5:
      return migrateToCurrent(v5ToV6(doc), story);
    case 6:
      return migrateToCurrent(v6ToV7(doc), story);
    case 7:
      return migrateToCurrent(v7ToV8(doc), story);
    case 8:
      return doc;
    default: {
      const _never: never = doc;
      return _never;
    }
  }
}

function attempt(run: () => GameState): GameState | undefined {
  try {
    return run();
  } catch {
    // A choice that no longer fits, or a story error: the caller places the rest.
    return undefined;
  }
}
