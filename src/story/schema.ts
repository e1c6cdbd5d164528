/**
 * The authors' format as zod schemas: the one definition behind the loader's
 * validation and the JSON Schemas editors use (`npm run schema`). Every field
 * is described, because descriptions become the editor's hover docs.
 *
 * Effects come in two builds: for JSON Schema, a recursive union of single-verb
 * mappings; for loading, an opaque list item that `effects.ts` checks verb by
 * verb, because a failed union of nineteen shapes makes unreadable messages.
 */
import { z } from 'zod';
import { DURATION } from './durations.js';
import { infectionOverridesSchema } from './infection-schema.js';
import { CHARACTER_ID, CHOICE_ID, NAME, SCENE_ID, isReserved, reservedMessage } from './names.js';

// ---------------------------------------------------------------------------
// Names

const TIME_OF_DAY = /^([01]?\d|2[0-3]):[0-5]\d$/;
const SCENE_REF = new RegExp(`^(?:@return|${SCENE_ID.source.slice(1, -1)})$`);

/** A string that is not one of the names JavaScript reserves on every object. */
function notReserved(): z.ZodString {
  return z.string().refine((s) => !isReserved(s), {
    error: (iss) => reservedMessage(String(iss.input)),
    abort: true,
  });
}

function named(pattern: RegExp, what: string, rule: string): z.ZodString {
  return notReserved().regex(pattern, {
    error: (iss) => `'${String(iss.input)}' is not a valid ${what}: ${rule}`,
  });
}

const NAME_RULE = "use letters, digits and '_', not starting with a digit; '.' may separate parts";

const sceneId = named(SCENE_ID, 'scene id', "use letters, digits, '.', '-' and '_'");
const sceneRef = named(
  SCENE_REF,
  'scene id',
  "use letters, digits, '.', '-' and '_', or \"@return\"",
).describe('A scene id, or "@return" to go back to the scene an interrupting event came from.');
const flagName = named(NAME, 'flag name', NAME_RULE);
const statName = named(NAME, 'stat name', NAME_RULE);
const itemName = named(NAME, 'item name', NAME_RULE);
const varName = named(NAME, 'variable name', NAME_RULE);
const characterId = named(CHARACTER_ID, 'character id', "use letters, digits, '-' and '_'");
const who = named(CHARACTER_ID, 'character id', "use letters, digits, '-' and '_'").describe(
  'Who it happens to: `player`, or a character id declared in story.yaml.',
);
const condition = z
  .union([z.string(), z.boolean()])
  .describe('A condition, e.g. `stamina > 2 and has("extinguisher")`. See docs/AUTHORING.md.');

// ---------------------------------------------------------------------------
// story.yaml

const statDef = z
  .strictObject({
    label: z.string().optional().describe('The name shown to the player. Defaults to the stat id.'),
    min: z.number().describe('The lowest value; every change is kept at or above it.'),
    max: z.number().describe('The highest value; every change is kept at or below it.'),
    start: z.number().describe('The value at the start of the game.'),
    visible: z
      .boolean()
      .optional()
      .describe('Shown in the status panel (default true). Hidden stats still work in conditions.'),
  })
  .describe('A numeric stat and its bounds.');

const itemDef = z
  .strictObject({
    label: z.string().optional().describe('The name shown to the player. Defaults to the item id.'),
    key: z.boolean().optional().describe('A key item, listed in the status panel (default false).'),
  })
  .describe('An item label. Items need not be declared to be used.');

const characterDef = z
  .strictObject({
    name: z.string().describe('The name shown to the player.'),
    party: z.boolean().optional().describe('In the party when the game starts (default false).'),
  })
  .describe('A person who can join the party and be infected.');

const hooks = z
  .strictObject({
    on_death: sceneId.optional().describe('Entered when the `health` stat reaches its minimum.'),
    on_turn: sceneId.optional().describe('Entered when the player has fully turned.'),
    on_companion_turn: sceneId
      .optional()
      .describe('Entered when a companion turns; `goto: "@return"` resumes where the player was.'),
    on_hunger_max: sceneId
      .optional()
      .describe("Entered when a semi-infected player's hunger reaches its maximum."),
  })
  .describe('Scenes the engine jumps to when something happens.');

/** story.yaml: the story's settings. */
export const storySchema = z
  .strictObject({
    id: named(SCENE_ID, 'story id', "use letters, digits, '.', '-' and '_'").describe(
      'A short name for the story; saves record it.',
    ),
    title: z.string().describe('The title shown on the title screen.'),
    version: z
      .union([z.string(), z.number()])
      .optional()
      .describe('The story version, e.g. "1.0.0"; saves record it. Defaults to "0.0.0".'),
    start: sceneId.describe('The id of the first scene.'),
    clock: z
      .strictObject({
        day: z.int().min(1).describe('The day number at the start (1 or more).'),
        time: z
          .string()
          .regex(TIME_OF_DAY, {
            error: (iss) => `'${String(iss.input)}' is not a time of day: write HH:MM, e.g. "08:40"`,
          })
          .describe('The time of day at the start, "HH:MM" (quote it).'),
      })
      .optional()
      .describe('The in-game clock at the start. Defaults to day 1, 00:00.'),
    vars: z
      .record(varName, z.string())
      .optional()
      .describe('String variables and their defaults, usable as {name} in text.'),
    stats: z
      .record(statName, statDef)
      .optional()
      .describe('Numeric stats; bounds are enforced by every change.'),
    items: z.record(itemName, itemDef).optional().describe('Optional item labels.'),
    start_items: z
      .record(itemName, z.int().min(1))
      .optional()
      .describe('Items the player carries at the start, with their counts.'),
    characters: z
      .record(characterId, characterDef)
      .optional()
      .describe('People who can join the party and be infected.'),
    flags: z
      .record(flagName, z.string().nullable())
      .optional()
      .describe('Documents what each flag means (the story bible). Declaring flags is optional.'),
    hooks: hooks.optional(),
    infection: infectionOverridesSchema.optional(),
  })
  .meta({
    title: 'hyosan story.yaml',
    description: "A hyosan story's settings: id, start scene, clock, stats, items, characters, hooks.",
  });

// ---------------------------------------------------------------------------
// Effects

const branch = (effect: z.ZodType) => z.array(effect).optional();
const amount = z.number().min(0).describe('How much, 0 or more.');
const itemCount = (verb: string) =>
  z.union([
    itemName.describe(`The item to ${verb} (one of it).`),
    z
      .strictObject({
        item: itemName.describe(`The item to ${verb}.`),
        count: z.int().min(1).optional().describe('How many (default 1).'),
      })
      .describe(`The item and how many to ${verb}.`),
  ]);
const hungerChange = (what: string) =>
  z.union([
    amount.describe(`How much the player's hunger ${what}.`),
    z
      .strictObject({
        who: who.optional(),
        amount: amount.describe(`How much hunger ${what}.`),
      })
      .describe(`Whose hunger ${what}, and by how much.`),
  ]);
const flagList = z.union([flagName, z.array(flagName).min(1)]);
const statChanges = z.record(statName, z.number());

/** A length of game time: `10m`, `2h`, `1h30m`, `240d`, or a number of minutes. */
const duration = z.union([
  z.string().regex(DURATION, {
    error: (iss) => `'${String(iss.input)}' is not a duration: write 10m, 2h, 1h30m, 1d or a number of minutes`,
  }),
  z.int().min(0),
]);

/** One schema per effect verb; `effect` is what a `then:`/`else:` list holds. */
export function effectVerbSchemas(effect: z.ZodType) {
  const then = branch(effect).describe('Effects run when the branch is taken.');
  const otherwise = branch(effect).describe('Effects run otherwise.');
  return {
    set: z.strictObject({ set: flagList.describe('A flag, or a list of flags, to set.') }).describe('Set flags.'),
    clear: z
      .strictObject({ clear: flagList.describe('A flag, or a list of flags, to clear.') })
      .describe('Clear flags.'),
    add: z
      .strictObject({ add: statChanges.describe('Stats and how much to add (negative to subtract).') })
      .describe("Change stats; results are kept within each stat's bounds."),
    set_stat: z
      .strictObject({ set_stat: statChanges.describe('Stats and their new values.') })
      .describe('Set stats to a value (kept within bounds).'),
    give: z
      .strictObject({ give: itemCount('give').describe('An item, or `{ item, count }`.') })
      .describe('Give the player items.'),
    take: z
      .strictObject({ take: itemCount('take').describe('An item, or `{ item, count }`.') })
      .describe('Take items from the player (never below zero).'),
    join: z.strictObject({ join: characterId.describe('The character who joins.') }).describe('A character joins the party.'),
    leave: z.strictObject({ leave: characterId.describe('The character who leaves.') }).describe('A character leaves the party.'),
    time: z
      .strictObject({ time: duration.describe('How long: 10m, 2h, 1h30m, 1d, or a number of minutes.') })
      .describe('Advance the clock.'),
    skip_time: z
      .strictObject({ skip_time: duration.describe('How long passes off-screen: 240d, 8h, or a number of minutes.') })
      .describe("Time that passes off-screen ('months later'): the clock jumps; hunger and healing don't count it."),
    goto: z.strictObject({ goto: sceneRef }).describe("Go to this scene instead of the choice's goto."),
    set_var: z
      .strictObject({
        set_var: z.record(varName, z.string()).describe('Variables and their new values; {placeholders} work.'),
      })
      .describe('Set string variables.'),
    chance: z
      .strictObject({
        chance: z.number().min(0).max(100).describe('The percent chance (0–100) that `then` runs.'),
        then,
        else: otherwise,
      })
      .describe('A random branch, drawn from the game seed.'),
    check: z
      .strictObject({
        check: statName.describe('The stat to test.'),
        difficulty: z.int().describe('Succeeds when the stat plus a roll of 1–6 reaches this.'),
        then,
        else: otherwise,
      })
      .describe('A skill check: the stat plus a roll of 1–6 against a difficulty.'),
    if: z
      .strictObject({ if: condition, then, else: otherwise })
      .describe('A conditional branch.'),
    expose: z
      .strictObject({
        expose: z
          .strictObject({
            who,
            route: z.enum(['bite', 'scratch', 'blood']).describe('How the virus gets in.'),
            emotion: z
              .enum(['fear', 'rage', 'resolve', 'calm'])
              .optional()
              .describe('The emotion at the moment of exposure (default fear); it shapes the mutation.'),
            from: who
              .optional()
              .describe('The character the virus comes from (`player` or a character id); a zombie when absent.'),
          })
          .describe('Who is exposed, how, and in what state of mind.'),
      })
      .describe('Exposure to the virus.'),
    feed: z
      .strictObject({ feed: hungerChange('falls').describe("An amount (the player's hunger), or `{ who, amount }`.") })
      .describe('Lower hunger.'),
    stress: z
      .strictObject({ stress: hungerChange('rises').describe("An amount (the player's hunger), or `{ who, amount }`.") })
      .describe('Raise hunger (blood nearby, wounds).'),
    cure: z
      .strictObject({ cure: who.describe('`player` or a character id.') })
      .describe('End an incubation and return the character to healthy (never undoes a turn).'),
    set_status: z
      .strictObject({
        set_status: z
          .strictObject({
            who,
            status: z.enum(['healthy', 'immune', 'semi-infected']).describe('The new status.'),
          })
          .describe('Whose status, and what it becomes.'),
      })
      .describe('Set an infection status outright, for a story that starts mid-way.'),
  } as const;
}

/** The effect verbs, in the order AUTHORING.md lists them. */
export type EffectVerb = keyof ReturnType<typeof effectVerbSchemas>;

/** The effect as the JSON Schema shows it: one mapping with one verb. */
export const effectSchema: z.ZodType = z
  .lazy(() => z.union(Object.values(effectVerbSchemas(effectSchema))))
  .meta({ id: 'Effect', description: 'An effect: a mapping with one verb, e.g. `set: flag` or `time: 10m`.' });

const looseEffect = z
  .unknown()
  .describe('An effect: a mapping with one verb, e.g. `set: flag` or `time: 10m`.');

/** Verb schemas for loading: branches hold opaque effects, checked one by one. */
export const effectVerbLoadSchemas = effectVerbSchemas(looseEffect);

// ---------------------------------------------------------------------------
// Scenes

const paragraphs = z
  .union([
    z.string(),
    z.array(
      z.union([
        z.string().describe('One or more paragraphs, separated by blank lines.'),
        z
          .strictObject({
            if: condition.describe('The paragraph is shown only when this holds.'),
            text: z.string().describe('The paragraph text; {placeholders} work.'),
          })
          .describe('A paragraph shown only when its condition holds.'),
      ]),
    ),
  ])
  .describe(
    'The scene text: paragraphs separated by blank lines, or a list of strings and `{ if, text }` paragraphs.',
  );

function choiceSchema(effect: z.ZodType) {
  return z
    .strictObject({
      id: notReserved()
        .regex(CHOICE_ID, {
          error: (iss) =>
            `'${String(iss.input)}' is not a valid choice id: use letters, digits, '.', '-' and '_'`,
        })
        .optional()
        .describe('A stable id that saves refer to. Derived from `text` when absent.'),
      text: z.string().describe('What the player reads; {placeholders} work.'),
      if: condition.optional().describe('The choice is hidden unless this holds.'),
      requires: condition.optional().describe('The choice is shown but disabled unless this holds.'),
      hint: z.string().optional().describe('Shown beside the choice while `requires` does not hold.'),
      effects: z.array(effect).optional().describe('Effects applied in order when the choice is made.'),
      goto: sceneRef
        .optional()
        .describe('The scene the choice leads to. Required unless every path through `effects` ends in a goto.'),
      input: z
        .strictObject({
          var: varName.describe('The string variable that stores the answer.'),
          prompt: z.string().describe('The question shown to the player.'),
          max: z.int().min(1).max(200).optional().describe('The longest answer allowed (default 40).'),
        })
        .optional()
        .describe('Ask the player to type a text.'),
    })
    .describe('A choice the player can make.');
}

function sceneSchema(effect: z.ZodType, choice: z.ZodType) {
  return z
    .strictObject({
      id: sceneId.describe("The scene's unique id, e.g. `s1.science-lab`."),
      title: z.string().optional().describe('Shown above the text and in save lists.'),
      chapter: z.string().optional().describe('A chapter name, kept until a later scene sets another.'),
      text: paragraphs.optional(),
      on_enter: z
        .array(effect)
        .optional()
        .describe('Effects applied on entering, before the text is shown. A goto here sends the player on.'),
      choices: z.array(choice).optional().describe('The choices. Required unless the scene is an ending.'),
      ending: z
        .strictObject({
          title: z.string().describe("The ending's title."),
          summary: z.string().optional().describe('A closing summary shown with the ending.'),
        })
        .optional()
        .describe('Makes the scene an ending.'),
    })
    .describe('A scene: a place and a moment, its text and its choices.');
}

const scenesWrapper = (scene: z.ZodType) =>
  z
    .strictObject({ scenes: z.array(scene).min(1).describe('The scenes in this file.') })
    .describe('Several scenes in one file.');

const jsonScene = sceneSchema(effectSchema, choiceSchema(effectSchema).meta({ id: 'Choice' })).meta({ id: 'Scene' });

/** A scene file for editors: one scene, or `scenes:` with a list of them. */
export const sceneFileSchema = z.union([jsonScene, scenesWrapper(jsonScene)]).meta({
  title: 'hyosan scene file',
  description: 'One scene (a mapping with `id`), or several under `scenes:`.',
});

/** Loading: a scene whose choices and effects are checked one at a time. */
export const sceneLoadSchema = sceneSchema(looseEffect, z.unknown().describe('A choice.'));
/** Loading: a choice whose effects are checked one at a time. */
export const choiceLoadSchema = choiceSchema(looseEffect);
/** Loading: the `scenes:` wrapper, whose scenes are checked one at a time. */
export const scenesLoadSchema = scenesWrapper(z.unknown().describe('A scene.'));

export type StoryData = z.output<typeof storySchema>;
