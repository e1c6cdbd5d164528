/**
 * Every number of the infection model, in one table. A story may override any
 * of them in its `story.yaml` under `infection:` (same shape, partial).
 *
 * How an exposure resolves (see `infection.ts`):
 *
 * 1. Transmission: the virus takes hold with probability `transmission[route]`,
 *    scaled by the character's hidden immunity (drawn from the seed, uniform
 *    in 0..1; 0.5 is the reference person): × (1 + immunityEffect.transmission
 *    × (0.5 − immunity)). If it does not take, nothing happens, and the
 *    character never learns how close it was.
 * 2. Outcome: given transmission, one of four outcomes is drawn with
 *    `outcomeWeights`, each weight multiplied by the emotion's modifier and by
 *    the immunity modifier (linear in immunity, 1 at the reference 0.5), then
 *    normalised.
 * 3. Incubation: the character is `exposed` for a number of minutes drawn
 *    uniformly from `incubationMinutes[outcome]` (× `fearSpeed` when the
 *    emotion was fear), then becomes `infected`, `semi-infected` or `immune`.
 *
 * The reference person (immunity 0.5, calm) exposed to a scratch — the
 * director's "mild source" — is not infected 50% of the time, turns quickly
 * (within minutes) 20%, turns slowly 15%, becomes semi-infected 5% and immune
 * 10%: of ten people, about five are fine, about two turn quickly, and the
 * rest vary. `tests/infection-distribution.test.ts` holds the table to that.
 */
export interface InfectionTable {
  /** Chance the virus takes hold, by route, for the reference person. */
  readonly transmission: { readonly bite: number; readonly scratch: number; readonly blood: number };
  /** Relative weights of the outcomes once the virus has taken hold. */
  readonly outcomeWeights: {
    readonly turnFast: number;
    readonly turnSlow: number;
    readonly semi: number;
    readonly immune: number;
  };
  /** Multipliers on the outcome weights by the emotion at the moment of exposure. */
  readonly emotion: Readonly<
    Record<
      'fear' | 'rage' | 'resolve' | 'calm',
      { readonly turnFast: number; readonly turnSlow: number; readonly semi: number; readonly immune: number }
    >
  >;
  /** How strongly hidden immunity (0..1) moves transmission and outcomes. */
  readonly immunityEffect: {
    /** Transmission × (1 + this × (0.5 − immunity)). */
    readonly transmission: number;
    /** Semi and immune weights × (1 + this × (immunity − 0.5)); turning weights × (1 − …). */
    readonly outcome: number;
  };
  /** Incubation length in game minutes, [min, max], by outcome. */
  readonly incubationMinutes: {
    readonly turnFast: readonly [number, number];
    readonly turnSlow: readonly [number, number];
    readonly semi: readonly [number, number];
    readonly immune: readonly [number, number];
  };
  /** Incubation length multiplier when the emotion was fear (panic speeds it). */
  readonly fearSpeed: number;
  /** A semi-infected source transmits at this fraction of a zombie's rate; an immune one never. */
  readonly semiSourceFactor: number;
  /** Hunger (0–100) of a semi-infected character. */
  readonly hunger: {
    /** Starting hunger when the character becomes semi-infected. */
    readonly start: number;
    /** Rise per game hour. */
    readonly perHour: number;
    /** Above this the prose and options change ("hungry"). */
    readonly hungry: number;
    /** Above this the character is starving and struggles for control. */
    readonly starving: number;
    readonly max: number;
  };
  /** Health regained per game hour by a semi-infected player (fast healing). */
  readonly healingPerHour: number;
  /**
   * Whether that healing goes on while the player is hungry (hunger at or
   * above `hunger.hungry`). When false, a halfbie heals only while fed, so
   * feeding and mending are one choice.
   */
  readonly healsWhileHungry: boolean;
  /** Bonus to a `check` on `strength` for a character with the strength power. */
  readonly strengthBonus: number;
}

/** The shipped numbers. */
export const DEFAULT_INFECTION_TABLE: InfectionTable = {
  transmission: { bite: 0.9, scratch: 0.5, blood: 0.3 },
  outcomeWeights: { turnFast: 0.4, turnSlow: 0.3, semi: 0.1, immune: 0.2 },
  emotion: {
    calm: { turnFast: 1, turnSlow: 1, semi: 1, immune: 1 },
    fear: { turnFast: 1.6, turnSlow: 1, semi: 0.6, immune: 0.8 },
    rage: { turnFast: 0.9, turnSlow: 0.9, semi: 3, immune: 0.6 },
    resolve: { turnFast: 0.7, turnSlow: 0.9, semi: 2.2, immune: 1.6 },
  },
  immunityEffect: { transmission: 0.8, outcome: 1.2 },
  incubationMinutes: {
    turnFast: [2, 15],
    turnSlow: [45, 360],
    semi: [60, 600],
    immune: [30, 240],
  },
  fearSpeed: 0.7,
  semiSourceFactor: 0.5,
  hunger: { start: 20, perHour: 3, hungry: 40, starving: 70, max: 100 },
  healingPerHour: 1,
  healsWhileHungry: true,
  strengthBonus: 2,
};
