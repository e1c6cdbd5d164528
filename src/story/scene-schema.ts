/**
 * Scene files as zod schemas: a scene, its text and its choices, in the
 * build editors get (every effect spelled out, `npm run schema`) and the
 * build the loader checks one choice and one effect at a time.
 */
import * as z from 'zod/mini';
import { PARTS_OF_DAY, PART_NAMES, TIME_WINDOW } from '../engine/time-of-day.js';
import { sceneDrift } from './drift-schema.js';
import { effectSchema, looseEffect } from './effect-schema.js';
import { CHOICE_ID } from './names.js';
import { condition, notReserved, optional, sceneId, sceneRef, varName } from './schema-fields.js';
import { didYouMean } from './suggest.js';
import { describe, meta } from './zod.js';

/** What is wrong with a `time_of_day` that is neither a part of the day nor a window. */
function timeOfDayMessage(value: string): string {
  return (
    `'${value}' is not a time of day: name a part of the day (${PART_NAMES.join(', ')}) ` +
    `or write a window "HH:MM-HH:MM"${didYouMean(value, PART_NAMES)}`
  );
}

const textCase = describe(
  z.strictObject({
    if: optional(condition, 'This case is shown when this holds; a case without `if` always matches (put it last).'),
    text: describe(z.string(), 'The paragraphs of this case; {placeholders} and inline {if …}/{seq …} work.'),
  }),
  'One case of first-match text.',
);

/** A scene's text. */
export const paragraphs = describe(
  z.union([
    z.string(),
    z.array(
      z.union([
        describe(z.string(), 'One or more paragraphs, separated by blank lines.'),
        describe(
          z.strictObject({
            if: describe(condition, 'The paragraph is shown only when this holds.'),
            text: describe(z.string(), 'The paragraph text; {placeholders} work.'),
            else: optional(z.string(), 'Shown instead when the condition does not hold.'),
          }),
          'A paragraph shown only when its condition holds (or its `else` when it does not).',
        ),
        describe(
          z.strictObject({
            first: describe(z.array(textCase).check(z.minLength(1)), 'The cases, in order: the first that holds is shown.'),
          }),
          'First-match text: of these cases, the first whose `if` holds is shown (a case without `if` is the catch-all).',
        ),
      ]),
    ),
  ]),
  'The scene text: paragraphs separated by blank lines, or a list of strings, `{ if, text, else }` paragraphs and `{ first: [...] }` cases.',
);

/** A choice, with `effect` for each of its effects. */
export function choiceSchema(effect: z.ZodMiniType) {
  return describe(
    z.strictObject({
      id: optional(
        notReserved().check(
          z.regex(CHOICE_ID, {
            error: (iss) =>
              `'${String(iss.input)}' is not a valid choice id: use letters, digits, '.', '-' and '_'`,
          }),
        ),
        'A stable id that saves refer to. Derived from `text` when absent.',
      ),
      text: describe(z.string(), 'What the player reads; {placeholders} work.'),
      if: optional(condition, 'The choice is hidden unless this holds.'),
      requires: optional(condition, 'The choice is shown but disabled unless this holds.'),
      hint: optional(z.string(), 'Shown beside the choice while `requires` does not hold.'),
      effects: optional(z.array(effect), 'Effects applied in order when the choice is made.'),
      goto: optional(
        sceneRef,
        'The scene the choice leads to. Required unless every path through `effects` ends in a goto (or the choice has `call`).',
      ),
      once: optional(z.literal(true), 'true: the choice is hidden once it has been taken in this game.'),
      call: optional(
        sceneRef,
        'A sub-scene to play first; a `goto: "@back"` there comes back to this choice\'s `goto` (or to this scene when it has none).',
      ),
      input: optional(
        z.strictObject({
          var: describe(varName, 'The string variable that stores the answer.'),
          prompt: describe(z.string(), 'The question shown to the player.'),
          max: optional(z.int().check(z.minimum(1), z.maximum(200)), 'The longest answer allowed (default 40).'),
        }),
        'Ask the player to type a text.',
      ),
    }),
    'A choice the player can make.',
  );
}

function sceneSchema(effect: z.ZodMiniType, choice: z.ZodMiniType) {
  return describe(
    z.strictObject({
      id: describe(sceneId, "The scene's unique id, e.g. `s1.science-lab`."),
      title: optional(z.string(), 'Shown above the text and in save lists.'),
      chapter: optional(z.string(), 'A chapter name, kept until a later scene sets another.'),
      time_of_day: optional(
        z.union([
          z.string().check(
            z.regex(TIME_WINDOW, {
              error: (iss) => timeOfDayMessage(String(iss.input)),
            }),
          ),
          z.enum(PART_NAMES),
        ]),
        `The time of day the text assumes, when it is shown: a part of the day (${PART_NAMES.map((p) => `${p} ${PARTS_OF_DAY[p]}`).join(', ')}) or a window "HH:MM-HH:MM" (it may cross midnight). randomtest reports games that arrive outside it.`,
      ),
      text: z.optional(paragraphs),
      back: optional(
        z.string(),
        'Shown instead of `text` when the game comes back into this scene from a sub-scene (a `call` with no `goto`, then `goto: "@back"`): a short paragraph; {placeholders} and inline {if …} work. Without it, only the title and the choices are shown.',
      ),
      on_enter: optional(
        z.array(effect),
        'Effects applied on entering, before the text is shown. A goto here sends the player on.',
      ),
      choices: optional(z.array(choice), 'The choices. Required unless the scene is an ending.'),
      drift: z.optional(sceneDrift),
      ending: optional(
        z.strictObject({
          title: describe(z.string(), "The ending's title."),
          summary: optional(z.string(), 'A closing summary shown with the ending.'),
          death: optional(
            z.boolean(),
            'true: the player dies or is lost to the virus here (the on_death and on_turn hook scenes count without it).',
          ),
        }),
        'Makes the scene an ending.',
      ),
    }),
    'A scene: a place and a moment, its text and its choices.',
  );
}

/** `scenes:` and a list of scenes. */
export const scenesWrapper = (scene: z.ZodMiniType) =>
  describe(
    z.strictObject({ scenes: describe(z.array(scene).check(z.minLength(1)), 'The scenes in this file.') }),
    'Several scenes in one file.',
  );

/** A choice, for the JSON Schemas. */
export const jsonChoice = meta(choiceSchema(effectSchema), { id: 'Choice' });
/** A scene, for the JSON Schemas. */
export const jsonScene = meta(sceneSchema(effectSchema, jsonChoice), { id: 'Scene' });

/** A scene file for editors: one scene, or `scenes:` with a list of them. */
export const sceneFileSchema = meta(z.union([jsonScene, scenesWrapper(jsonScene)]), {
  title: 'hyosan scene file',
  description: 'One scene (a mapping with `id`), or several under `scenes:`.',
});

/** Loading: a scene whose choices and effects are checked one at a time. */
export const sceneLoadSchema = sceneSchema(looseEffect, describe(z.unknown(), 'A choice.'));
/** Loading: a choice whose effects are checked one at a time. */
export const choiceLoadSchema = choiceSchema(looseEffect);
/** Loading: the `scenes:` wrapper, whose scenes are checked one at a time. */
export const scenesLoadSchema = scenesWrapper(describe(z.unknown(), 'A scene.'));
