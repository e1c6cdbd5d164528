/**
 * The `infection:` section of story.yaml: a partial override of the engine's
 * infection table (src/engine/infection-table.ts), merged over the defaults.
 */
import { z } from 'zod';
import type { InfectionTable } from '../engine/infection-table.js';

const probability = z.number().min(0).max(1);
const weight = z.number().min(0).max(100);
const minutes = z.tuple([z.number().int().min(1), z.number().int().min(1)]);
const outcomeNumbers = z
  .strictObject({ turnFast: weight, turnSlow: weight, semi: weight, immune: weight })
  .partial();

/** Overrides for the infection model's numbers; every field is optional. */
export const infectionOverridesSchema = z
  .strictObject({
    transmission: z
      .strictObject({ bite: probability, scratch: probability, blood: probability })
      .partial()
      .describe('Chance the virus takes hold, by route, for the reference person (0..1).'),
    outcomeWeights: outcomeNumbers.describe('Relative weights of the outcomes once the virus has taken hold.'),
    emotion: z
      .strictObject({ fear: outcomeNumbers, rage: outcomeNumbers, resolve: outcomeNumbers, calm: outcomeNumbers })
      .partial()
      .describe('Multipliers on the outcome weights by the emotion at exposure.'),
    immunityEffect: z
      .strictObject({ transmission: z.number().min(0).max(2), outcome: z.number().min(0).max(2) })
      .partial()
      .describe('How strongly hidden immunity moves transmission and outcomes.'),
    incubationMinutes: z
      .strictObject({ turnFast: minutes, turnSlow: minutes, semi: minutes, immune: minutes })
      .partial()
      .describe('Incubation length in game minutes, [min, max], by outcome.'),
    fearSpeed: z.number().min(0.1).max(10).describe('Incubation length multiplier when the emotion was fear.'),
    semiSourceFactor: probability.describe('A semi-infected source transmits at this fraction of a zombie’s rate.'),
    hunger: z
      .strictObject({
        start: z.number().min(0).max(100),
        perHour: z.number().min(0).max(100),
        hungry: z.number().min(0).max(100),
        starving: z.number().min(0).max(100),
        max: z.number().min(1).max(100),
      })
      .partial()
      .describe('A halfbie’s hunger: start, rise per game hour, thresholds.'),
    healingPerHour: z.number().min(0).max(10).describe('Health a semi-infected player regains per game hour.'),
    strengthBonus: z.number().min(0).max(10).describe('Bonus to a strength check for a character with the strength power.'),
  })
  .partial()
  .describe('Overrides for the infection model’s numbers (see docs/AUTHORING.md, "The numbers").');

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
    strengthBonus: o.strengthBonus ?? base.strengthBonus,
  };
}
