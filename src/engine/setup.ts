/**
 * Setting up a new game to begin mid-story (`--start-at SCENE` with `--set`,
 * `--give`, `--status`…): the state an author wants to try a scene in. A
 * `Setup` is plain data, so a save can record it and replay the game from
 * it; `applySetup` changes a fresh state before the first scene is entered,
 * so that scene's `on_enter` and text see the state set up.
 *
 * The changes follow the effects' own rules (stats within their bounds, a
 * turned character never joins, only the story's own characters, stats and
 * variables), whatever a save file says; the command line checks the names
 * first and refuses what the story does not know.
 */
import { produce, type Draft } from 'immer';
import { applyEffects } from './effects.js';
import { exposeSurely, setStatus } from './infection.js';
import { queueRolls } from './rolls.js';
import type { Effect } from './effect-types.js';
import type { ExposureOutcome, GameState, InfectionStatus, Roll } from './state-types.js';
import type { Clock, Story } from './story-types.js';

/** A character's infection status to begin with. */
export type StatusSetup =
  | { readonly who: string; readonly status: Exclude<InfectionStatus, 'exposed'> }
  /** Incubating since the set-up time; `outcome` decides how it ends, else it is drawn. */
  | { readonly who: string; readonly status: 'exposed'; readonly outcome?: ExposureOutcome };

/**
 * How a new game is set up. Each part applies in this order, whatever the
 * order of the command line: the clock, flags (cleared, then set), items
 * (given, then taken), the party (joined, then left), stats, bonds,
 * variables, infection statuses, then the forced rolls are queued.
 */
export interface Setup {
  /** The clock: a day number and minutes after midnight (never before the story's clock starts). */
  readonly at?: Clock;
  readonly set?: readonly string[];
  readonly clear?: readonly string[];
  /** Items given on top of what the story starts with. */
  readonly give?: readonly { readonly item: string; readonly count: number }[];
  /** Items taken away entirely. */
  readonly take?: readonly string[];
  readonly join?: readonly string[];
  readonly leave?: readonly string[];
  /** Stats set to a value (kept within the stat's bounds). */
  readonly stats?: readonly { readonly stat: string; readonly value: number }[];
  /** Bonds set to a value (kept within 0–10), for characters who have one. */
  readonly bonds?: readonly { readonly who: string; readonly value: number }[];
  /** String variables set to a text (taken as it is: no `{placeholders}`). */
  readonly vars?: readonly { readonly name: string; readonly value: string }[];
  readonly status?: readonly StatusSetup[];
  /** Outcomes for the first `chance`/`check` rolls (see rolls.ts). */
  readonly force?: readonly Roll[];
}

/** How a set-up exposure happened: a bite, taken calmly (the infection table's reference person). */
const SETUP_EXPOSURE = { route: 'bite', emotion: 'calm' } as const;

// Names that reach Object.prototype when used as a key: a save file could carry them.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** The minutes from the story's clock start to `at`: the game's `time` then (below 0 when `at` is earlier). */
export function minutesSinceStart(clock: Clock, at: Clock): number {
  return (at.day - clock.day) * 24 * 60 + at.minute - clock.minute;
}

/** `state` set up by `setup` (a new state; `state` is unchanged). */
export function setUp(story: Story, state: GameState, setup: Setup): GameState {
  return produce(state, (draft) => applySetup(story, draft, setup));
}

/** Applies `setup` to a state being built (see `startOwned`), before its first scene is entered. */
export function applySetup(story: Story, draft: Draft<GameState>, setup: Setup): void {
  // Never before the story begins (the command line refuses it; a save file might say it).
  if (setup.at !== undefined) draft.time = Math.max(0, minutesSinceStart(story.clock, setup.at));
  applyEffects(story, draft, setupEffects(story, setup), {});
  for (const s of setup.status ?? []) {
    if (!Object.hasOwn(draft.characters, s.who)) continue;
    if (s.status === 'exposed') {
      // A fresh start each time: whatever the character was, the exposure takes hold now.
      setStatus(draft, story.infection, s.who, 'healthy');
      exposeSurely(draft, story.infection, s.who, SETUP_EXPOSURE.route, SETUP_EXPOSURE.emotion, s.outcome);
    } else {
      setStatus(draft, story.infection, s.who, s.status);
    }
  }
  queueRolls(draft, setup.force ?? []);
}

/** The setup's flags, items, party, stats and variables as the effects that make them. */
function setupEffects(story: Story, setup: Setup): Effect[] {
  const known = (name: string, table: Readonly<Record<string, unknown>>) => Object.hasOwn(table, name);
  const effects: Effect[] = [];
  if (setup.clear !== undefined) effects.push({ kind: 'clear', flags: setup.clear });
  if (setup.set !== undefined) effects.push({ kind: 'set', flags: setup.set });
  for (const { item, count } of setup.give ?? []) {
    if (!RESERVED.has(item) && count > 0) effects.push({ kind: 'give', item, count });
  }
  for (const item of setup.take ?? []) {
    if (!RESERVED.has(item)) effects.push({ kind: 'take', item, count: Number.MAX_SAFE_INTEGER });
  }
  for (const who of setup.join ?? []) if (known(who, story.characters)) effects.push({ kind: 'join', who });
  for (const who of setup.leave ?? []) effects.push({ kind: 'leave', who });
  const stats: Record<string, number> = {};
  for (const { stat, value } of setup.stats ?? []) {
    if (known(stat, story.stats) && Number.isFinite(value)) stats[stat] = value;
  }
  if (Object.keys(stats).length > 0) effects.push({ kind: 'setStat', stats });
  for (const { who, value } of setup.bonds ?? []) {
    // The bond effect changes by an amount: from the bond the story starts with to the one asked for.
    const from = known(who, story.characters) ? story.characters[who]!.bond : undefined;
    if (from !== undefined && Number.isFinite(value)) effects.push({ kind: 'bond', changes: { [who]: value - from } });
  }
  for (const { name, value } of setup.vars ?? []) {
    // A one-part template is the text itself: braces in it are not placeholders.
    if (known(name, story.vars)) effects.push({ kind: 'setVar', name, value: { src: value, parts: [value] } });
  }
  return effects;
}
