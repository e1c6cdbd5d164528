/**
 * The shapes of a compiled, immutable `Story` (made by the loader in
 * `src/story/`): its scenes and choices, stats, items, characters and hooks.
 * Plain data except the compiled `test`/`render` closures, which the loader
 * rebuilds from source every time.
 */
import type { Condition } from './condition-types.js';
import type { Effect } from './effect-types.js';
import type { InfectionTable } from './infection-table.js';
import type { SourceRef } from './source-ref.js';
import type { Paragraph, Template } from './text-types.js';

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
  /** Shown instead of `text` when the scene is come back to from a sub-scene (`@back`); nothing when absent. */
  readonly back?: readonly Paragraph[];
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
 * A stat's own drift (story.yaml): a `DriftRule` that runs only while `if`
 * holds. While it does not, the rule is paused as a scene's `off` pauses it:
 * no minutes count toward its next step, and it resumes with those it had.
 */
export interface StatDriftRule extends DriftRule {
  /** The rule runs only while this holds (looked at as time passes: see src/engine/drift.ts). */
  readonly if?: Condition;
}

/**
 * What running out costs: while the stat sits at its minimum, every `every`
 * minutes lived there change the stats in `add` (and `say` tells the player).
 * Paused, as a scene's `off` pauses it, while `if` does not hold.
 */
export interface AtMinRule {
  readonly every: number;
  readonly add: Readonly<Record<string, number>>;
  /** A line shown to the player each time it bites. */
  readonly say?: string;
  /** The rule runs only while this holds. */
  readonly if?: Condition;
}

/**
 * How drift runs while the player is in a scene: `off` pauses every stat's
 * drift and at_min there; per stat, `off` pauses that one, a rule replaces
 * (or, for a stat that does not drift, adds) its drift, the stat's own `if`
 * with it (a scene's rule has none). Stats not named drift as usual.
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
  readonly drift?: StatDriftRule;
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
