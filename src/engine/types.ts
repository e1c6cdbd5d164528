/**
 * The shapes the engine works on: a compiled, immutable `Story` (made by the
 * loader in `src/story/`) and a `GameState` snapshot (made by `start` and
 * `step`). Everything here is plain data that survives `JSON.stringify`,
 * except the compiled `test`/`render` closures on a Story, which the loader
 * rebuilds from source every time.
 */

import type { InfectionTable } from './infection-table.js';

/** Where something was written, for messages an author can act on. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

// ---------------------------------------------------------------------------
// Conditions

/** A parsed condition expression. `start`/`end` are offsets in `src`. */
export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: 'str'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'name'; readonly name: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'call';
      readonly fn: string;
      readonly args: readonly Expr[];
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'not'; readonly arg: Expr; readonly start: number; readonly end: number }
  | {
      readonly kind: 'and' | 'or';
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'cmp';
      readonly op: '==' | '!=' | '<' | '<=' | '>' | '>=';
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'arith';
      readonly op: '+' | '-';
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
    };

/** A number computed from the state (`-noise`, `stamina + supplies`), for effects: source, AST, compiled value. */
export interface NumberExpr {
  readonly src: string;
  readonly ast: Expr;
  readonly value: (state: GameState) => number;
}

/** A condition as the engine uses it: its source, its AST and a compiled test. */
export interface Condition {
  readonly src: string;
  readonly ast: Expr;
  readonly test: (state: GameState) => boolean;
}

// ---------------------------------------------------------------------------
// Text

/**
 * One piece of a text template: literal text, a `{name}` to fill in, an
 * inline condition (`{if hurt: limping | walking}`), or a variation by visit
 * (`{seq: first time | every time after}`).
 */
export type TemplatePart =
  | string
  | { readonly name: string }
  | {
      readonly kind: 'if';
      readonly cond: Condition;
      readonly then: readonly TemplatePart[];
      readonly else: readonly TemplatePart[];
    }
  | { readonly kind: 'vary'; readonly mode: VaryMode; readonly options: readonly (readonly TemplatePart[])[] };

/**
 * How a variation picks its option on the scene's n-th visit: `seq` the
 * n-th, then the last for ever; `cycle` round and round; `once` the n-th,
 * then nothing; `shuffle` one at random (from the game's seed, so a replay
 * shows the same).
 */
export type VaryMode = 'seq' | 'cycle' | 'once' | 'shuffle';

/** A text with `{name}` placeholders, parsed at load time. */
export interface Template {
  readonly src: string;
  readonly parts: readonly TemplatePart[];
}

/** A paragraph of scene text, shown only when its condition (if any) holds. */
export interface PlainParagraph {
  readonly text: Template;
  readonly if?: Condition;
}

/**
 * First-match text: the paragraphs of the first case whose condition holds
 * (a case without one always does); nothing when none does. An `if` with an
 * `else` is two cases.
 */
export interface FirstParagraph {
  readonly first: readonly FirstCase[];
}

/** One case of first-match text. */
export interface FirstCase {
  readonly if?: Condition;
  readonly text: readonly Template[];
}

/** A paragraph of scene text. */
export type Paragraph = PlainParagraph | FirstParagraph;

// ---------------------------------------------------------------------------
// Infection

/** A character's true infection status. The player sees only symptoms. */
export type InfectionStatus = 'healthy' | 'exposed' | 'infected' | 'semi-infected' | 'immune';

/** How the virus got in. */
export type Route = 'bite' | 'scratch' | 'blood';

/** The emotion at the moment of exposure; it shapes the mutation. */
export type Emotion = 'fear' | 'rage' | 'resolve' | 'calm';

/** Who an infection effect or condition is about: the player or a character id. */
export type Who = 'player' | (string & {});

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

/**
 * The part of the day a scene's text assumes, as minutes after midnight:
 * from `from` (inclusive) to `to` (exclusive); when `to` is not after `from`
 * the window crosses midnight. `src` is what the author wrote.
 */
export interface TimeOfDay {
  readonly src: string;
  readonly from: number;
  readonly to: number;
}

// ---------------------------------------------------------------------------
// Effects

/** What a choice or a scene entry does to the game state, in order. */
export type Effect =
  | { readonly kind: 'set'; readonly flags: readonly string[] }
  | { readonly kind: 'clear'; readonly flags: readonly string[] }
  /** Amounts are numbers, or computed from the state (`add: { stamina: "-noise" }`). */
  | { readonly kind: 'add'; readonly stats: Readonly<Record<string, number | NumberExpr>> }
  | { readonly kind: 'setStat'; readonly stats: Readonly<Record<string, number | NumberExpr>> }
  | { readonly kind: 'give'; readonly item: string; readonly count: number }
  | { readonly kind: 'take'; readonly item: string; readonly count: number }
  | { readonly kind: 'join'; readonly who: string }
  | { readonly kind: 'leave'; readonly who: string }
  | { readonly kind: 'time'; readonly minutes: number }
  /** Time that passes off-screen ("months later"): the clock jumps; hunger and healing don't count it. */
  | { readonly kind: 'skipTime'; readonly minutes: number }
  | { readonly kind: 'goto'; readonly scene: string }
  | { readonly kind: 'setVar'; readonly name: string; readonly value: Template }
  /** A line shown to the player before the next scene's text. */
  | { readonly kind: 'say'; readonly text: Template }
  | {
      readonly kind: 'chance';
      readonly percent: number;
      readonly then: readonly Effect[];
      readonly else: readonly Effect[];
      /** The author says the next scene's text tells the outcome (no `say` needed). */
      readonly told?: 'next-scene';
      readonly source?: SourceRef;
    }
  | {
      readonly kind: 'check';
      readonly stat: string;
      readonly difficulty: number;
      readonly then: readonly Effect[];
      readonly else: readonly Effect[];
      /** The author says the next scene's text tells the outcome (no `say` needed). */
      readonly told?: 'next-scene';
      readonly source?: SourceRef;
    }
  | {
      readonly kind: 'if';
      readonly cond: Condition;
      readonly then: readonly Effect[];
      readonly else: readonly Effect[];
    }
  | {
      readonly kind: 'expose';
      readonly who: Who;
      readonly route: Route;
      readonly emotion: Emotion;
      /** The character the virus comes from; absent for a zombie. An immune source never transmits. */
      readonly from?: string;
      /** The outcome the author decided: the exposure always takes hold and resolves to it. */
      readonly outcome?: ExposureOutcome;
    }
  /** Records what became of a character; `who` is a character id or `turned` (the companion who just turned). */
  | { readonly kind: 'fate'; readonly who: string; readonly fate: Fate }
  /** Raises or lowers characters' bonds with the player (kept within 0–10). */
  | { readonly kind: 'bond'; readonly changes: Readonly<Record<string, number>> }
  | { readonly kind: 'feed'; readonly who: Who; readonly amount: number }
  | { readonly kind: 'stress'; readonly who: Who; readonly amount: number }
  | { readonly kind: 'cure'; readonly who: Who }
  | {
      readonly kind: 'setStatus';
      readonly who: Who;
      readonly status: 'healthy' | 'immune' | 'semi-infected';
    };

// ---------------------------------------------------------------------------
// Story

/** A choice the player can make in a scene. Its `id` is stable across edits. */
export interface Choice {
  readonly id: string;
  readonly text: Template;
  /** Hidden unless this holds. */
  readonly if?: Condition;
  /** Shown but disabled unless this holds. */
  readonly requires?: Condition;
  /** Why a disabled choice is disabled, shown to the player. */
  readonly hint?: string;
  readonly effects: readonly Effect[];
  /** Where the choice leads, unless an effect redirects with `goto`. */
  readonly goto?: string;
  /** A free-text answer the choice asks for, stored in a string variable. */
  readonly input?: { readonly var: string; readonly prompt: string; readonly maxLength: number };
  /** Hidden once it has been taken in this game (a once-only choice). */
  readonly once?: true;
  /**
   * A sub-scene to play first: the game goes there, and a `goto: "@back"` in
   * it (or in a scene it leads to) comes back to this choice's `goto` (or
   * to this scene when the choice has none). Calls nest.
   */
  readonly call?: string;
  readonly source: SourceRef;
}

/** The end of a story, reached by entering a scene that has one. */
export interface Ending {
  readonly title: string;
  readonly summary?: string;
  /** The player dies or is lost to the virus here (hook scenes `on_death`/`on_turn` count without it). */
  readonly death?: boolean;
}

/** One scene: a place and a moment, its text and its choices. */
export interface Scene {
  readonly id: string;
  readonly title: string;
  readonly chapter?: string;
  /** The time of day the scene's text assumes, when the author stated one. */
  readonly timeOfDay?: TimeOfDay;
  readonly text: readonly Paragraph[];
  readonly onEnter: readonly Effect[];
  readonly choices: readonly Choice[];
  readonly ending?: Ending;
  /** How drift runs while the player is here (see `SceneDrift`); the stats' own drift when absent. */
  readonly drift?: SceneDrift;
  readonly source: SourceRef;
}

/**
 * A stat's steady change with story time: `by` every `every` minutes lived
 * (noise falls while the group keeps quiet, supplies are eaten).
 */
export interface DriftRule {
  /** Minutes of lived story time per step, above 0. */
  readonly every: number;
  /** The change each step makes, kept within the stat's bounds. */
  readonly by: number;
}

/**
 * What running out costs: while the stat sits at its minimum, every `every`
 * minutes lived there change the stats in `add` (and `say` tells the player).
 */
export interface AtMinRule {
  readonly every: number;
  readonly add: Readonly<Record<string, number>>;
  /** A line shown to the player each time it bites. */
  readonly say?: string;
}

/**
 * How drift runs while the player is in a scene: `off` pauses every stat's
 * drift and at_min there; per stat, `off` pauses that one, a rule replaces
 * (or, for a stat that does not drift, adds) its drift. Stats not named drift
 * as usual.
 */
export type SceneDrift = 'off' | Readonly<Record<string, DriftRule | 'off'>>;

/** A numeric stat the story declares, with its bounds. */
export interface StatDef {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly start: number;
  /** Shown in the status panel. */
  readonly visible: boolean;
  /** One line for the player on what the stat does (`?`, `help`). */
  readonly about?: string;
  /** Declared under `counters:`: a number the story keeps for itself, never shown, not a stat of the player's. */
  readonly counter?: true;
  /** How the stat drifts with story time, if it does. */
  readonly drift?: DriftRule;
  /** What happens while the stat sits at its minimum, if anything. */
  readonly atMin?: AtMinRule;
}

/** An item the story declares (items need not be declared to be used). */
export interface ItemDef {
  readonly label: string;
  /** Key items are listed in the status panel. */
  readonly key: boolean;
}

/** A named character who can join the party and be infected. */
export interface CharacterDef {
  readonly name: string;
  /** In the party when the game starts. */
  readonly startsInParty: boolean;
  /** The character's bond with the player at the start (0–10), for a character who has one. */
  readonly bond?: number;
}

/** Story-level scene hooks: scenes the engine jumps to when something happens. */
export interface Hooks {
  /** The player has fully turned. */
  readonly on_turn?: string;
  /** A companion has turned; the scene interrupts, `goto: "@return"` resumes. */
  readonly on_companion_turn?: string;
  /** A semi-infected player's hunger reached its maximum. */
  readonly on_hunger_max?: string;
  /** The `health` stat reached its minimum. */
  readonly on_death?: string;
}

/** The game's clock at the start of the story. */
export interface Clock {
  readonly day: number;
  /** Minutes after midnight on `day`. */
  readonly minute: number;
}

/** A pack added to a story (see src/story/packs.ts): what a save records of it. */
export interface PackRef {
  readonly id: string;
  readonly version: string;
  readonly title: string;
}

/** A whole story, compiled and validated. Never mutated after loading. */
export interface Story {
  readonly id: string;
  readonly title: string;
  /** A line under the title on the title screen. */
  readonly tagline?: string;
  readonly version: string;
  /** A hash of every source file, so a save can tell the story was edited. */
  readonly hash: string;
  readonly start: string;
  readonly clock: Clock;
  readonly stats: Readonly<Record<string, StatDef>>;
  readonly items: Readonly<Record<string, ItemDef>>;
  readonly startItems: Readonly<Record<string, number>>;
  readonly characters: Readonly<Record<string, CharacterDef>>;
  readonly vars: Readonly<Record<string, string>>;
  readonly flags: Readonly<Record<string, string>>;
  readonly hooks: Hooks;
  /** The infection model's numbers, with the story's overrides applied. */
  readonly infection: InfectionTable;
  /**
   * The stats story time moves (a `drift` in story.yaml or in some scene, or
   * an `at_min`), in the story's order; absent when none does.
   */
  readonly drifting?: readonly string[];
  readonly scenes: ReadonlyMap<string, Scene>;
  /** The packs added to the story, by id; absent when it is played alone. */
  readonly packs?: readonly PackRef[];
}

// ---------------------------------------------------------------------------
// Game state

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
}
