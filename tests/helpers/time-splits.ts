/**
 * The property both drift suites hold the engine to: time passed in any
 * pieces (one `time` effect per piece) leaves a story's drifting stats
 * exactly as the same time passed at once, after an optional `starve` move.
 * The story needs a scene `camp` whose first choice is `pass` (its effects
 * are replaced by each piece) and whose second is `starve`.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { advance, startOwned } from '../../src/engine/index.js';
import type { GameState, Story } from '../../src/engine/index.js';

export function expectAnySplitOfTime(story: Story, options: { readonly clock?: boolean } = {}): void {
  const after = (pieces: readonly number[], starve: boolean): GameState => {
    const state = startOwned(story, 1);
    if (starve) advance(story, state, 'starve');
    for (const minutes of pieces) {
      // One `time` effect per piece, through the engine's own effects.
      const scene = story.scenes.get('camp')!;
      const choice = { ...scene.choices[0]!, effects: [{ kind: 'time' as const, minutes }] };
      const once = { ...story, scenes: new Map([['camp', { ...scene, choices: [choice, scene.choices[1]!] }]]) };
      advance(once, state, 'pass');
    }
    return state;
  };
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 12 }), fc.boolean(), (pieces, starve) => {
      const total = pieces.reduce((a, b) => a + b, 0);
      const split = after(pieces, starve);
      const whole = after([total], starve);
      expect(split.stats).toEqual(whole.stats);
      expect(split.drift).toEqual(whole.drift);
      expect(split.atMin).toEqual(whole.atMin);
      if (options.clock === true) expect(split.time).toBe(whole.time);
    }),
    { numRuns: 200 },
  );
}
