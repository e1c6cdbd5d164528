/**
 * The fields the authors' format shares between story.yaml, scenes, effects
 * and packs: names and the rules they follow, conditions, durations, and
 * `optional`. Every field is described, because descriptions become the
 * editor's hover docs (`npm run schema`).
 */
import * as z from 'zod/mini';
import { DURATION } from './durations.js';
import { CHARACTER_ID, MAX_NAME_LENGTH, NAME, SCENE_ID, isReserved, reservedMessage } from './names.js';
import { describe } from './zod.js';

const SCENE_REF = new RegExp(`^(?:@return|@back|${SCENE_ID.source.slice(1, -1)})$`);

/**
 * A string that is not one of the names JavaScript reserves on every object,
 * and no longer than MAX_NAME_LENGTH: saves record ids, and refuse longer ones.
 */
export function notReserved(): z.ZodMiniString<string> {
  return z.string().check(
    z.refine((s) => !isReserved(s), {
      error: (iss) => reservedMessage(String(iss.input)),
      abort: true,
    }),
    notTooLong(),
  );
}

/**
 * At most MAX_NAME_LENGTH characters. A refinement rather than `maxLength`,
 * which the loader's quick validity test (plain-valid.ts) leaves to zod for
 * strings, and every name would then cost a full parse.
 */
export function notTooLong() {
  return z.refine<string>((s) => s.length <= MAX_NAME_LENGTH, {
    error: `is longer than ${MAX_NAME_LENGTH} characters: ids, names and versions are kept short (saves record them)`,
    abort: true,
  });
}

/** A string matching `pattern`, with a message naming `what` and its `rule`. */
export function named(pattern: RegExp, what: string, rule: string): z.ZodMiniString<string> {
  return notReserved().check(
    z.regex(pattern, {
      error: (iss) => `'${String(iss.input)}' is not a valid ${what}: ${rule}`,
    }),
  );
}

/** How a character id may be spelled, in words. */
export const CHARACTER_RULE = "use letters, digits, '-' and '_', starting with a letter; '.' may separate parts";
/** How a flag, stat, item or variable name may be spelled, in words. */
export const NAME_RULE = "use letters, digits and '_', not starting with a digit; '.' may separate parts";

/** A scene id. */
export const sceneId = named(SCENE_ID, 'scene id', "use letters, digits, '.', '-' and '_'");
/** A scene id a choice or effect goes to, or `@return`/`@back`. */
export const sceneRef = describe(
  named(SCENE_REF, 'scene id', "use letters, digits, '.', '-' and '_', or \"@return\" or \"@back\""),
  'A scene id; "@return" to go back to the scene an interrupting event came from; "@back" to come back from a sub-scene a choice `call`ed.',
);
export const flagName = named(NAME, 'flag name', NAME_RULE);
export const statName = named(NAME, 'stat name', NAME_RULE);
export const itemName = named(NAME, 'item name', NAME_RULE);
export const varName = named(NAME, 'variable name', NAME_RULE);
export const characterId = named(CHARACTER_ID, 'character id', CHARACTER_RULE);
/** Who an effect happens to: `player` or a character id. */
export const who = describe(
  named(CHARACTER_ID, 'character id', CHARACTER_RULE),
  'Who it happens to: `player`, or a character id declared in story.yaml.',
);
/** A condition: the condition language's text, or true/false. */
export const condition = describe(
  z.union([z.string(), z.boolean()]),
  'A condition, e.g. `stamina > 2 and has("extinguisher")`. See docs/AUTHORING.md.',
);

/** `schema`, optional, with a description: what most fields are. */
export function optional<T extends z.ZodMiniType>(schema: T, description: string): z.ZodMiniOptional<T> {
  return describe(z.optional(schema), description);
}

/** A length of game time: `10m`, `2h`, `1h30m`, `240d`, or a number of minutes. */
export const duration = z.union([
  z.string().check(
    z.regex(DURATION, {
      error: (iss) => `'${String(iss.input)}' is not a duration: write 10m, 2h, 1h30m, 1d or a number of minutes`,
    }),
  ),
  z.int().check(z.minimum(0)),
]);
