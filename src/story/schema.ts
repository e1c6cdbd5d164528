/**
 * The authors' format as zod schemas: the one definition behind the loader's
 * validation and the JSON Schemas editors use (`npm run schema`). Every field
 * is described, because descriptions become the editor's hover docs.
 *
 * Effects come in two builds: for JSON Schema, a recursive union of single-verb
 * mappings; for loading, an opaque list item that `effects.ts` checks verb by
 * verb, because a failed union of nineteen shapes makes unreadable messages.
 */
import * as z from 'zod/mini';
import { FATES, FATE_NAMES, TURNED } from '../engine/fates.js';
import { PARTS_OF_DAY, PART_NAMES, TIME_WINDOW } from '../engine/time-of-day.js';
import { DURATION } from './durations.js';
import { infectionOverridesSchema } from './infection-schema.js';
import { CHARACTER_ID, CHOICE_ID, MAX_NAME_LENGTH, NAME, SCENE_ID, isReserved, reservedMessage } from './names.js';
import { didYouMean } from './suggest.js';
import { describe, meta } from './zod.js';

// ---------------------------------------------------------------------------
// Names

const TIME_OF_DAY = /^([01]?\d|2[0-3]):[0-5]\d$/;
const SCENE_REF = new RegExp(`^(?:@return|@back|${SCENE_ID.source.slice(1, -1)})$`);

/**
 * A string that is not one of the names JavaScript reserves on every object,
 * and no longer than MAX_NAME_LENGTH: saves record ids, and refuse longer ones.
 */
function notReserved(): z.ZodMiniString<string> {
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
function notTooLong() {
  return z.refine<string>((s) => s.length <= MAX_NAME_LENGTH, {
    error: `is longer than ${MAX_NAME_LENGTH} characters: ids, names and versions are kept short (saves record them)`,
    abort: true,
  });
}

function named(pattern: RegExp, what: string, rule: string): z.ZodMiniString<string> {
  return notReserved().check(
    z.regex(pattern, {
      error: (iss) => `'${String(iss.input)}' is not a valid ${what}: ${rule}`,
    }),
  );
}

const NAME_RULE = "use letters, digits and '_', not starting with a digit; '.' may separate parts";

const sceneId = named(SCENE_ID, 'scene id', "use letters, digits, '.', '-' and '_'");
const sceneRef = describe(
  named(SCENE_REF, 'scene id', "use letters, digits, '.', '-' and '_', or \"@return\" or \"@back\""),
  'A scene id; "@return" to go back to the scene an interrupting event came from; "@back" to come back from a sub-scene a choice `call`ed.',
);
const flagName = named(NAME, 'flag name', NAME_RULE);
const statName = named(NAME, 'stat name', NAME_RULE);
const itemName = named(NAME, 'item name', NAME_RULE);
const varName = named(NAME, 'variable name', NAME_RULE);
const characterId = named(CHARACTER_ID, 'character id', "use letters, digits, '-' and '_'");
const who = describe(
  named(CHARACTER_ID, 'character id', "use letters, digits, '-' and '_'"),
  'Who it happens to: `player`, or a character id declared in story.yaml.',
);
const condition = describe(
  z.union([z.string(), z.boolean()]),
  'A condition, e.g. `stamina > 2 and has("extinguisher")`. See docs/AUTHORING.md.',
);

/** What is wrong with a `time_of_day` that is neither a part of the day nor a window. */
function timeOfDayMessage(value: string): string {
  return (
    `'${value}' is not a time of day: name a part of the day (${PART_NAMES.join(', ')}) ` +
    `or write a window "HH:MM-HH:MM"${didYouMean(value, PART_NAMES)}`
  );
}

/** `schema`, optional, with a description: what most fields are. */
function optional<T extends z.ZodMiniType>(schema: T, description: string): z.ZodMiniOptional<T> {
  return describe(z.optional(schema), description);
}

// ---------------------------------------------------------------------------
// Drift: stats that move with story time

/** A length of game time: `10m`, `2h`, `1h30m`, `240d`, or a number of minutes. */
const duration = z.union([
  z.string().check(
    z.regex(DURATION, {
      error: (iss) => `'${String(iss.input)}' is not a duration: write 10m, 2h, 1h30m, 1d or a number of minutes`,
    }),
  ),
  z.int().check(z.minimum(0)),
]);

const driftRule = describe(
  z.strictObject({
    every: describe(duration, 'How much lived story time per step: 30m, 1h, 8h (more than 0).'),
    by: describe(z.int(), 'How much each step changes the stat (negative to lower it), kept within its bounds.'),
  }),
  'Drift: the stat changes by `by` every `every` of story time lived (not time skipped off-screen).',
);

const atMinRule = describe(
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

const sceneDrift = describe(
  z.union([
    describe(z.literal('off'), 'Nothing drifts while the player is in this scene.'),
    z.record(
      statName,
      z.union([describe(z.literal('off'), "This stat's drift (and at_min) pauses here."), driftRule]),
    ),
  ]),
  'Drift while the player is in this scene: `off` pauses all of it; per stat, `off` pauses it and `{ every, by }` replaces (or adds) its drift. Applies to the time this scene\'s on_enter and choices pass.',
);

// ---------------------------------------------------------------------------
// story.yaml

const statDef = describe(
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
    drift: optional(driftRule, 'How the stat changes by itself as story time passes: `{ every: 1h, by: -1 }`.'),
    at_min: optional(atMinRule, 'What happens while the stat sits at its minimum: `{ every: 6h, add: { health: -1 } }`.'),
  }),
  'A numeric stat and its bounds.',
);

const counterDef = z.union([
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

const itemDef = describe(
  z.strictObject({
    label: optional(z.string(), 'The name shown to the player. Defaults to the item id.'),
    key: optional(z.boolean(), 'A key item, listed in the status panel (default false).'),
  }),
  'An item label. Items need not be declared to be used.',
);

const characterDef = describe(
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

const hooks = describe(
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

// ---------------------------------------------------------------------------
// Effects

const branch = (effect: z.ZodMiniType) => z.optional(z.array(effect));
const amount = describe(z.number().check(z.minimum(0)), 'How much, 0 or more.');
const itemCount = (verb: string) =>
  z.union([
    describe(itemName, `The item to ${verb} (one of it).`),
    describe(
      z.strictObject({
        item: describe(itemName, `The item to ${verb}.`),
        count: optional(z.int().check(z.minimum(1)), 'How many (default 1).'),
      }),
      `The item and how many to ${verb}.`,
    ),
  ]);
const hungerChange = (what: string) =>
  z.union([
    describe(amount, `How much the player's hunger ${what}.`),
    describe(
      z.strictObject({
        who: z.optional(who),
        amount: describe(amount, `How much hunger ${what}.`),
      }),
      `Whose hunger ${what}, and by how much.`,
    ),
  ]);
const flagList = z.union([flagName, z.array(flagName).check(z.minLength(1))]);
const statChanges = z.record(
  statName,
  z.union([
    z.number(),
    describe(
      z.string(),
      'An amount computed from the state: a number expression of the condition language, e.g. "-noise" or "stamina + supplies".',
    ),
  ]),
);

const told = optional(
  z.enum(['next-scene']),
  "`next-scene`: the next scene's text tells the player how this turned out, so no `say` is needed (check stops asking for one).",
);

const fateWords = FATE_NAMES.map((f) => `\`${f}\` (${FATES[f]})`).join(', ');

/** One schema per effect verb; `effect` is what a `then:`/`else:` list holds. */
export function effectVerbSchemas(effect: z.ZodMiniType) {
  const then = describe(branch(effect), 'Effects run when the branch is taken.');
  const otherwise = describe(branch(effect), 'Effects run otherwise.');
  /** An effect: a mapping with one verb. */
  const verb = <S extends z.core.$ZodLooseShape>(shape: S, description: string) =>
    describe(z.strictObject(shape), description);
  return {
    set: verb({ set: describe(flagList, 'A flag, or a list of flags, to set.') }, 'Set flags.'),
    clear: verb({ clear: describe(flagList, 'A flag, or a list of flags, to clear.') }, 'Clear flags.'),
    add: verb(
      { add: describe(statChanges, 'Stats and how much to add (negative to subtract).') },
      "Change stats; results are kept within each stat's bounds.",
    ),
    set_stat: verb(
      { set_stat: describe(statChanges, 'Stats and their new values.') },
      'Set stats to a value (kept within bounds).',
    ),
    give: verb({ give: describe(itemCount('give'), 'An item, or `{ item, count }`.') }, 'Give the player items.'),
    take: verb(
      { take: describe(itemCount('take'), 'An item, or `{ item, count }`.') },
      'Take items from the player (never below zero).',
    ),
    join: verb({ join: describe(characterId, 'The character who joins.') }, 'A character joins the party.'),
    leave: verb({ leave: describe(characterId, 'The character who leaves.') }, 'A character leaves the party.'),
    time: verb(
      { time: describe(duration, 'How long: 10m, 2h, 1h30m, 1d, or a number of minutes.') },
      'Advance the clock.',
    ),
    skip_time: verb(
      { skip_time: describe(duration, 'How long passes off-screen: 240d, 8h, or a number of minutes.') },
      "Time that passes off-screen ('months later'): the clock jumps; hunger and healing don't count it.",
    ),
    goto: verb({ goto: sceneRef }, "Go to this scene instead of the choice's goto."),
    set_var: verb(
      { set_var: describe(z.record(varName, z.string()), 'Variables and their new values; {placeholders} work.') },
      'Set string variables.',
    ),
    say: verb(
      { say: describe(z.string(), 'The line to show; {placeholders} work.') },
      "Show the player a line before the next scene's text: what a roll or a choice did.",
    ),
    chance: verb(
      {
        chance: describe(
          z.number().check(z.minimum(0), z.maximum(100)),
          'The percent chance (0–100) that `then` runs.',
        ),
        then,
        else: otherwise,
        told,
      },
      'A random branch, drawn from the game seed.',
    ),
    check: verb(
      {
        check: describe(statName, 'The stat to test.'),
        difficulty: describe(z.int(), 'Succeeds when the stat plus a roll of 1–6 reaches this.'),
        then,
        else: otherwise,
        told,
      },
      'A skill check: the stat plus a roll of 1–6 against a difficulty.',
    ),
    if: verb({ if: condition, then, else: otherwise }, 'A conditional branch.'),
    expose: verb(
      {
        expose: describe(
          z.strictObject({
            who,
            route: describe(z.enum(['bite', 'scratch', 'blood']), 'How the virus gets in.'),
            emotion: optional(
              z.enum(['fear', 'rage', 'resolve', 'calm']),
              'The emotion at the moment of exposure (default fear); it shapes the mutation.',
            ),
            from: optional(
              who,
              'The character the virus comes from (`player` or a character id); a zombie when absent.',
            ),
            outcome: optional(
              z.enum(['infected', 'semi-infected', 'immune']),
              'The outcome the story decides: the virus always takes hold and resolves to this; only the incubation length is drawn.',
            ),
          }),
          'Who is exposed, how, and in what state of mind.',
        ),
      },
      'Exposure to the virus.',
    ),
    feed: verb(
      { feed: describe(hungerChange('falls'), "An amount (the player's hunger), or `{ who, amount }`.") },
      'Lower hunger.',
    ),
    stress: verb(
      { stress: describe(hungerChange('rises'), "An amount (the player's hunger), or `{ who, amount }`.") },
      'Raise hunger (blood nearby, wounds).',
    ),
    cure: verb(
      { cure: describe(who, '`player` or a character id.') },
      'End an incubation and return the character to healthy (never undoes a turn).',
    ),
    set_status: verb(
      {
        set_status: describe(
          z.strictObject({
            who,
            status: describe(z.enum(['healthy', 'immune', 'semi-infected']), 'The new status.'),
          }),
          'Whose status, and what it becomes.',
        ),
      },
      'Set an infection status outright, for a story that starts mid-way.',
    ),
    fate: verb(
      {
        fate: describe(
          z.strictObject({
            who: describe(
              named(CHARACTER_ID, 'character id', "use letters, digits, '-' and '_'"),
              `A character id, or \`${TURNED}\` for the companion who has just turned (turned_id).`,
            ),
            is: describe(z.enum(FATE_NAMES), `What became of them: ${fateWords}.`),
          }),
          'Whose fate, and what it is.',
        ),
      },
      'Record what became of a character (read with fate("id")); they leave the party.',
    ),
    bond: verb(
      {
        bond: describe(
          z.record(
            named(CHARACTER_ID, 'character id', "use letters, digits, '-' and '_'"),
            describe(z.int(), 'How much the bond changes (negative to lower it).'),
          ),
          'Characters and how much their bond with the player changes: `{ onjo: 1, woojin: -2 }`.',
        ),
      },
      "Raise or lower characters' bonds with the player (kept within 0–10).",
    ),
  } as const;
}

/** The effect verbs, in the order AUTHORING.md lists them. */
export type EffectVerb = keyof ReturnType<typeof effectVerbSchemas>;

/** The effect as the JSON Schema shows it: one mapping with one verb. */
export const effectSchema: z.ZodMiniType = meta(
  z.lazy(() => z.union(Object.values(effectVerbSchemas(effectSchema)))),
  { id: 'Effect', description: 'An effect: a mapping with one verb, e.g. `set: flag` or `time: 10m`.' },
);

const looseEffect = describe(z.unknown(), 'An effect: a mapping with one verb, e.g. `set: flag` or `time: 10m`.');

/** Verb schemas for loading: branches hold opaque effects, checked one by one. */
export const effectVerbLoadSchemas = effectVerbSchemas(looseEffect);

// ---------------------------------------------------------------------------
// Scenes

const textCase = describe(
  z.strictObject({
    if: optional(condition, 'This case is shown when this holds; a case without `if` always matches (put it last).'),
    text: describe(z.string(), 'The paragraphs of this case; {placeholders} and inline {if …}/{seq …} work.'),
  }),
  'One case of first-match text.',
);

const paragraphs = describe(
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

function choiceSchema(effect: z.ZodMiniType) {
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

const scenesWrapper = (scene: z.ZodMiniType) =>
  describe(
    z.strictObject({ scenes: describe(z.array(scene).check(z.minLength(1)), 'The scenes in this file.') }),
    'Several scenes in one file.',
  );

const jsonScene = meta(sceneSchema(effectSchema, meta(choiceSchema(effectSchema), { id: 'Choice' })), { id: 'Scene' });

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

export type StoryData = z.output<typeof storySchema>;
