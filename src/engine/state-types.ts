/**
 * The shape of a `GameState` snapshot (made by `start` and `step`) and the
 * words of the infection model it records. Plain data that survives
 * `JSON.stringify`: saves hold it as it is.
 */

/** A character's true infection status. The player sees only symptoms. */
export type InfectionStatus = 'healthy' | 'exposed' | 'infected' | 'semi-infected' | 'immune';

/** How the virus got in. */
export type Route = 'bite' | 'scratch' | 'blood';

/** The emotion at the moment of exposure; it shapes the mutation. */
export type Emotion = 'fear' | 'rage' | 'resolve' | 'calm';

/**
 * A roll's outcome decided in advance (`--force`, plain mode's `force`):
 * `pass` takes a `chance`'s or `check`'s `then`, `fail` its `else`.
 */
export type Roll = 'pass' | 'fail';

/** What an exposure resolves to once the virus has taken hold. */
export type ExposureOutcome = 'infected' | 'semi-infected' | 'immune';

/**
 * What became of a character, as the story records it with `fate` (see
 * fates.ts): `killed` (turned and was put down), `killed-by-you` (turned and
 * the player did it), `lost` (turned and got away), `dead` (died as
 * themself), `left` (left behind or parted alive).
 */
export type Fate = 'killed' | 'killed-by-you' | 'lost' | 'dead' | 'left';

/** The engine's record of one character's infection. Hidden from the player. */
export interface CharacterState {
  readonly status: InfectionStatus;
  /** 0..1, drawn from the seed at the start; higher resists the virus. */
  readonly immunity: number;
  readonly hunger: number;
  /** Ever exposed to the virus (the player knows they were bitten, not what followed). */
  readonly bitten: boolean;
  /** When the character was last exposed to the virus (minutes since the start); absent if never. */
  readonly exposedAt?: number;
  /** What became of the character, as the story recorded it with `fate`. */
  readonly fate?: Fate;
  /** While `exposed`: what the incubation will resolve to, and when. */
  readonly incubation?: {
    readonly outcome: ExposureOutcome;
    readonly exposedAt: number;
    readonly resolvesAt: number;
    readonly route: Route;
    readonly emotion: Emotion;
  };
}

/** A snapshot of a game. Plain JSON; produced only by `start` and `step`. */
export interface GameState {
  readonly scene: string;
  readonly chapter: string;
  /** Choices made so far. */
  readonly turn: number;
  /** Minutes since the story's clock start. */
  readonly time: number;
  /** The PRNG's state (mulberry32). */
  readonly rng: number;
  /** The flags that are set, sorted (see sorted.ts for why an array). */
  readonly flags: readonly string[];
  readonly stats: Readonly<Record<string, number>>;
  /** Items carried, by count; an item given away stays with count 0. */
  readonly items: Readonly<Record<string, number>>;
  readonly party: readonly string[];
  readonly vars: Readonly<Record<string, string>>;
  /** How many times each scene was entered. */
  readonly visits: Readonly<Record<string, number>>;
  /** Infection state of the player (`player`) and every declared character. */
  readonly characters: Readonly<Record<string, CharacterState>>;
  /** The lines `say` effects showed during the last move (or the start), in order; empty when none. */
  readonly said: readonly string[];
  /** The scene an interrupting event (a companion turning) returns to. */
  readonly returnTo?: string;
  /** Once-only choices taken in this game, as `scene#choice`, sorted. */
  readonly taken?: readonly string[];
  /** Where each `call` in progress comes back to with `@back` (`resume`: into the calling scene as it was), innermost last. */
  readonly calls?: readonly { readonly to: string; readonly resume: boolean }[];
  /**
   * The stats a `check` has been rolled on for the player, forced rolls
   * included, sorted; absent before the first. The screen names the stat a
   * choice tests once the player has met a check on it (see skills.ts).
   */
  readonly checked?: readonly string[];
  /** Outcomes the next `chance`/`check` rolls take, in order (see rolls.ts); absent when none wait. */
  readonly forced?: readonly Roll[];
  /** Each bonded character's bond with the player (0–10); absent when the story declares no bonds. */
  readonly bonds?: Readonly<Record<string, number>>;
  /**
   * Minutes lived toward each drifting stat's next step (see drift.ts), one
   * key per stat in `Story.drifting`; absent when the story has none.
   */
  readonly drift?: Readonly<Record<string, number>>;
  /** Minutes lived at its minimum toward each `at_min` stat's next cost; absent when none has one. */
  readonly atMin?: Readonly<Record<string, number>>;
  /**
   * What time did to the stats in the last move (or the start): the net
   * change per stat from drift and `at_min`, within the stats' bounds, a
   * stat they left as it was not listed; absent when none. Like `said`, it
   * belongs to one move: the changes line tells it apart from what the
   * choice did.
   */
  readonly drifted?: Readonly<Record<string, number>>;
  /**
   * True when the last move ended by coming back into this scene with
   * `@back` as it was: the scene is shown as come back to (its `back`, not
   * its text). Like `said`, it belongs to one move.
   */
  readonly resumed?: true;
}
