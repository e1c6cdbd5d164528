/**
 * Drift as zod schemas: stats that move with story time, as story.yaml
 * declares them for a stat (`drift`, `at_min`, each with an optional `if`)
 * and a scene pauses or replaces them (`drift:` in a scene, whose rules
 * have no `if`: a scene's rule replaces the stat's, condition and all).
 */
import * as z from 'zod/mini';
import { condition, duration, optional, statName } from './schema-fields.js';
import { describe } from './zod.js';

const every = describe(duration, 'How much lived story time per step: 30m, 1h, 8h (more than 0).');
const by = describe(z.int(), 'How much each step changes the stat (negative to lower it), kept within its bounds.');

/** When a stat's rule runs: while false, it is paused as a scene's `off` pauses it. */
const runsIf = optional(
  condition,
  'The rule runs only while this holds; while it does not, the rule is paused (no time counted toward its next step) and resumes with the minutes it had: `status(player) != "semi-infected"`.',
);

/** A scene's drift rule for a stat: `{ every, by }`. */
export const driftRule = describe(
  z.strictObject({ every, by }),
  'Drift: the stat changes by `by` every `every` of story time lived (not time skipped off-screen).',
);

/** A stat's own drift (story.yaml): `{ every, by, if }`. */
export const statDriftRule = describe(
  z.strictObject({ every, by, if: runsIf }),
  'Drift: the stat changes by `by` every `every` of story time lived (not time skipped off-screen), while `if` holds.',
);

/** What a stat sitting at its minimum costs: `{ every, add, say, if }`. */
export const atMinRule = describe(
  z.strictObject({
    every: describe(duration, 'How much lived story time at the minimum per cost: 6h (more than 0).'),
    add: describe(
      z.record(statName, z.int()),
      'The stats each cost changes, and by how much: `{ health: -1, stamina: -1 }`.',
    ),
    say: optional(z.string(), 'A line shown to the player each time it costs them.'),
    if: runsIf,
  }),
  'What running out costs: while the stat sits at its minimum, every `every` of story time lived there changes the stats in `add` (while `if` holds).',
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
  'Drift while the player is in this scene: `off` pauses all of it; per stat, `off` pauses it and `{ every, by }` replaces (or adds) its drift, the stat\'s `if` with it. Applies to the time this scene\'s on_enter and choices pass.',
);
