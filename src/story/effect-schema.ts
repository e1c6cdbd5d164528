/**
 * Effects as zod schemas, in two builds: for JSON Schema, a recursive union
 * of single-verb mappings; for loading, an opaque list item that
 * `effects.ts` checks verb by verb, because a failed union of nineteen
 * shapes makes unreadable messages.
 */
import * as z from 'zod/mini';
import { FATES, FATE_NAMES, TURNED } from '../engine/fates.js';
import { CHARACTER_ID } from './names.js';
import {
  CHARACTER_RULE,
  characterId,
  condition,
  duration,
  flagName,
  itemName,
  named,
  optional,
  sceneRef,
  statName,
  varName,
  who,
} from './schema-fields.js';
import { describe, meta } from './zod.js';

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
              named(CHARACTER_ID, 'character id', CHARACTER_RULE),
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

/** An effect for loading: checked verb by verb by effects.ts. */
export const looseEffect = describe(z.unknown(), 'An effect: a mapping with one verb, e.g. `set: flag` or `time: 10m`.');

/** Verb schemas for loading: branches hold opaque effects, checked one by one. */
export const effectVerbLoadSchemas = effectVerbSchemas(looseEffect);
