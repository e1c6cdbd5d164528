/**
 * story.yaml as zod schemas: the story's settings and the definitions of its
 * stats, counters, items, characters and hooks (pack.yaml reuses the
 * definitions). The one definition behind the loader's validation and the
 * JSON Schema editors use (`npm run schema`).
 */
import * as z from 'zod/mini';
import { atMinRule, statDriftRule } from './drift-schema.js';
import { infectionOverridesSchema } from './infection-schema.js';
import { SCENE_ID } from './names.js';
import { characterId, flagName, itemName, named, notTooLong, optional, sceneId, statName, varName } from './schema-fields.js';
import { describe, meta } from './zod.js';

const TIME_OF_DAY = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** A stat's definition (story.yaml `stats:`, pack.yaml too). */
export const statDef = describe(
  z.strictObject({
    label: optional(z.string(), 'The name shown to the player. Defaults to the stat id.'),
    min: describe(z.number(), 'The lowest value; every change is kept at or above it.'),
    max: describe(z.number(), 'The highest value; every change is kept at or below it.'),
    start: describe(z.number(), 'The value at the start of the game.'),
    visible: optional(
      z.boolean(),
      'Shown in the status panel (default true). Hidden stats still work in conditions.',
    ),
    about: optional(
      z.string(),
      'One line for the player on what the stat does and which end is bad, shown by `?` and `help`.',
    ),
    drift: optional(statDriftRule, 'How the stat changes by itself as story time passes: `{ every: 1h, by: -1 }`.'),
    at_min: optional(atMinRule, 'What happens while the stat sits at its minimum: `{ every: 6h, add: { health: -1 } }`.'),
  }),
  'A numeric stat and its bounds.',
);

/** A counter's definition. */
export const counterDef = z.union([
  describe(z.number(), 'The counter at the start of the game (no bounds).'),
  describe(
    z.strictObject({
      start: optional(z.number(), 'The value at the start (default 0).'),
      min: optional(z.number(), 'The lowest value, if any.'),
      max: optional(z.number(), 'The highest value, if any.'),
    }),
    'A counter with a start value and, if you like, bounds.',
  ),
]);

/** An item's label. */
export const itemDef = describe(
  z.strictObject({
    label: optional(z.string(), 'The name shown to the player. Defaults to the item id.'),
    key: optional(z.boolean(), 'A key item, listed in the status panel (default false).'),
  }),
  'An item label. Items need not be declared to be used.',
);

/** A character. */
export const characterDef = describe(
  z.strictObject({
    name: describe(z.string(), 'The name shown to the player.'),
    party: optional(z.boolean(), 'In the party when the game starts (default false).'),
    bond: optional(
      z.int().check(z.minimum(0), z.maximum(10)),
      "The character's bond with the player at the start, 0–10 (shown in words; changed by the `bond` effect, read by `bond(\"id\")`). Characters without one have no bond.",
    ),
  }),
  'A person who can join the party and be infected.',
);

/** The hooks. */
export const hooks = describe(
  z.strictObject({
    on_death: optional(sceneId, 'Entered when the `health` stat reaches its minimum.'),
    on_turn: optional(sceneId, 'Entered when the player has fully turned.'),
    on_companion_turn: optional(
      sceneId,
      'Entered when a companion turns; `goto: "@return"` resumes where the player was.',
    ),
    on_hunger_max: optional(sceneId, "Entered when a semi-infected player's hunger reaches its maximum."),
  }),
  'Scenes the engine jumps to when something happens.',
);

/** story.yaml: the story's settings. */
export const storySchema = meta(
  z.strictObject({
    id: describe(
      named(SCENE_ID, 'story id', "use letters, digits, '.', '-' and '_'"),
      'A short name for the story; saves record it.',
    ),
    title: describe(z.string(), 'The title shown on the title screen.'),
    tagline: optional(z.string(), 'A line under the title on the title screen (none when absent).'),
    version: optional(
      z.union([z.string().check(notTooLong()), z.number()]),
      'The story version, e.g. "1.0.0"; saves record it. Defaults to "0.0.0".',
    ),
    start: describe(sceneId, 'The id of the first scene.'),
    clock: optional(
      z.strictObject({
        day: describe(z.int().check(z.minimum(1)), 'The day number at the start (1 or more).'),
        time: describe(
          z.string().check(
            z.regex(TIME_OF_DAY, {
              error: (iss) => `'${String(iss.input)}' is not a time of day: write HH:MM, e.g. "08:40"`,
            }),
          ),
          'The time of day at the start, "HH:MM" (quote it).',
        ),
      }),
      'The in-game clock at the start. Defaults to day 1, 00:00.',
    ),
    vars: optional(z.record(varName, z.string()), 'String variables and their defaults, usable as {name} in text.'),
    stats: optional(z.record(statName, statDef), 'Numeric stats; bounds are enforced by every change.'),
    counters: optional(
      z.record(statName, counterDef),
      'Numbers the story keeps for itself (never shown): a start value, or { start, min, max }. Used like stats in conditions and effects.',
    ),
    items: optional(z.record(itemName, itemDef), 'Optional item labels.'),
    start_items: optional(
      z.record(itemName, z.int().check(z.minimum(1))),
      'Items the player carries at the start, with their counts.',
    ),
    characters: optional(z.record(characterId, characterDef), 'People who can join the party and be infected.'),
    flags: optional(
      z.record(flagName, z.nullable(z.string())),
      'Documents what each flag means (the story bible). Declaring flags is optional.',
    ),
    hooks: z.optional(hooks),
    infection: z.optional(infectionOverridesSchema),
  }),
  {
    title: 'hyosan story.yaml',
    description: "A hyosan story's settings: id, start scene, clock, stats, items, characters, hooks.",
  },
);

export type StoryData = z.output<typeof storySchema>;
