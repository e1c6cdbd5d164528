/**
 * The `infection:` section of story.yaml: a partial override of the engine's
 * infection table (src/engine/infection-table.ts), merged over the defaults.
 */
import * as z from 'zod/mini';
import type { InfectionTable } from '../engine/infection-table.js';
import { describe } from './zod.js';

const probability = z.number().check(z.minimum(0), z.maximum(1));
const weight = z.number().check(z.minimum(0), z.maximum(100));
const minutes = z.tuple([z.number().check(z.int(), z.minimum(1)), z.number().check(z.int(), z.minimum(1))]);
const outcomeNumbers = z.partial(z.strictObject({ turnFast: weight, turnSlow: weight, semi: weight, immune: weight }));
/** A number from `min` to `max`. */
const between = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));

/** Overrides for the infection model's numbers; every field is optional. */
export const infectionOverridesSchema = describe(
  z.partial(
    z.strictObject({
      transmission: describe(
        z.partial(z.strictObject({ bite: probability, scratch: probability, blood: probability })),
        'Chance the virus takes hold, by route, for the reference person (0..1).',
      ),
      outcomeWeights: describe(outcomeNumbers, 'Relative weights of the outcomes once the virus has taken hold.'),
      emotion: describe(
        z.partial(
          z.strictObject({ fear: outcomeNumbers, rage: outcomeNumbers, resolve: outcomeNumbers, calm: outcomeNumbers }),
        ),
        'Multipliers on the outcome weights by the emotion at exposure.',
      ),
      immunityEffect: describe(
        z.partial(z.strictObject({ transmission: between(0, 2), outcome: between(0, 2) })),
        'How strongly hidden immunity moves transmission and outcomes.',
      ),
      incubationMinutes: describe(
        z.partial(z.strictObject({ turnFast: minutes, turnSlow: minutes, semi: minutes, immune: minutes })),
        'Incubation length in game minutes, [min, max], by outcome.',
      ),
      fearSpeed: describe(between(0.1, 10), 'Incubation length multiplier when the emotion was fear.'),
      semiSourceFactor: describe(probability, 'A semi-infected source transmits at this fraction of a zombie’s rate.'),
      hunger: describe(
        z.partial(
          z.strictObject({
            start: between(0, 100),
            perHour: between(0, 100),
            hungry: between(0, 100),
            starving: between(0, 100),
            max: between(1, 100),
          }),
        ),
        'A halfbie’s hunger: start, rise per game hour, thresholds.',
      ),
      healingPerHour: describe(between(0, 10), 'Health a semi-infected player regains per game hour.'),
      healsWhileHungry: describe(z.boolean(), 'false: a semi-infected player heals only while not hungry (hunger below hunger.hungry).'),
      strengthBonus: describe(between(0, 10), 'Bonus to a strength check for a character with the strength power.'),
    }),
  ),
  'Overrides for the infection model’s numbers (see docs/AUTHORING.md, "The numbers").',
);

/** Validated overrides, as parsed from story.yaml. */
export type InfectionOverrides = z.infer<typeof infectionOverridesSchema>;

/** The table with the story's overrides applied, one level deep per section. */
export function applyInfectionOverrides(base: InfectionTable, o: InfectionOverrides | undefined): InfectionTable {
  if (o === undefined) return base;
  return {
    transmission: { ...base.transmission, ...o.transmission },
    outcomeWeights: { ...base.outcomeWeights, ...o.outcomeWeights },
    emotion: {
      fear: { ...base.emotion.fear, ...o.emotion?.fear },
      rage: { ...base.emotion.rage, ...o.emotion?.rage },
      resolve: { ...base.emotion.resolve, ...o.emotion?.resolve },
      calm: { ...base.emotion.calm, ...o.emotion?.calm },
    },
    immunityEffect: { ...base.immunityEffect, ...o.immunityEffect },
    incubationMinutes: { ...base.incubationMinutes, ...o.incubationMinutes },
    fearSpeed: o.fearSpeed ?? base.fearSpeed,
    semiSourceFactor: o.semiSourceFactor ?? base.semiSourceFactor,
    hunger: { ...base.hunger, ...o.hunger },
    healingPerHour: o.healingPerHour ?? base.healingPerHour,
    healsWhileHungry: o.healsWhileHungry ?? base.healsWhileHungry,
    strengthBonus: o.strengthBonus ?? base.strengthBonus,
  };
}
