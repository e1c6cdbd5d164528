/**
 * Drift as zod schemas: stats that move with story time, as story.yaml
 * declares them for a stat (`drift`, `at_min`) and a scene pauses or
 * replaces them (`drift:` in a scene).
 */
import * as z from 'zod/mini';
import { duration, optional, statName } from './schema-fields.js';
import { describe } from './zod.js';

/** A stat's drift: `{ every, by }`. */
export const driftRule = describe(
  z.strictObject({
    every: describe(duration, 'How much lived story time per step: 30m, 1h, 8h (more than 0).'),
    by: describe(z.int(), 'How much each step changes the stat (negative to lower it), kept within its bounds.'),
  }),
  'Drift: the stat changes by `by` every `every` of story time lived (not time skipped off-screen).',
);

/** What a stat sitting at its minimum costs: `{ every, add, say }`. */
export const atMinRule = describe(
  z.strictObject({
    every: describe(duration, 'How much lived story time at the minimum per cost: 6h (more than 0).'),
    add: describe(
      z.record(statName, z.int()),
      'The stats each cost changes, and by how much: `{ health: -1, stamina: -1 }`.',
    ),
    say: optional(z.string(), 'A line shown to the player each time it costs them.'),
  }),
  'What running out costs: while the stat sits at its minimum, every `every` of story time lived there changes the stats in `add`.',
);

/** A scene's `drift:`: `off`, or per stat `off` or a drift rule. */
export const sceneDrift = describe(
  z.union([
    describe(z.literal('off'), 'Nothing drifts while the player is in this scene.'),
    z.record(
      statName,
      z.union([describe(z.literal('off'), "This stat's drift (and at_min) pauses here."), driftRule]),
    ),
  ]),
  'Drift while the player is in this scene: `off` pauses all of it; per stat, `off` pauses it and `{ every, by }` replaces (or adds) its drift. Applies to the time this scene\'s on_enter and choices pass.',
);
