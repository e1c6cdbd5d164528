/**
 * What the status panel (and plain mode's `status`) shows: visible stats,
 * the player's condition as symptoms, hunger once the player knows they have
 * changed, the party (with each companion's bond in words), every item
 * carried and the in-game time. Everything comes from
 * what the player can know (`visibleCondition`), never the hidden status.
 * Pure: plain mode imports this without loading Ink.
 */

import { bondOf, formatClock, powersOf, visibleCondition } from '../engine/index.js';
import type { GameState, InfectionTable, Power, Story } from '../engine/index.js';
import { bondWords } from './bonds.js';
import { itemLabel } from './changes.js';
import { conditionLabel, conditionWord, symptomLabel } from './labels.js';

/** One labelled value: `Health` `7/10`. */
export interface StatusEntry {
  readonly label: string;
  readonly value: string;
}

/** A companion in the party: their name, how they look, and their bond in words when they have one. */
export interface PartyEntry extends StatusEntry {
  /** `trusts you` (see bonds.ts); absent for a companion without a bond. */
  readonly bond?: string;
}

/** Everything the status panel shows. */
export interface StatusReport {
  /** `Day 1, 08:40`. */
  readonly clock: string;
  /** The story's visible stats, in the story's order. */
  readonly stats: readonly StatusEntry[];
  /** The player's condition in a few words: `well`, `bitten, no symptoms yet`, `unwell`, `changed`. */
  readonly condition: string;
  /** The symptoms the player notices: `fever`, `sharp hearing`. */
  readonly symptoms: readonly string[];
  /** `40/100, hungry` (or `fed`, `starving`: which end is bad): only once the player has changed. */
  readonly hunger?: string;
  /** A changed player's powers, each with what it does: `halfbie strength (+2 to strength checks)`. */
  readonly powers: readonly string[];
  /** The party, each companion with their visible condition and bond. */
  readonly party: readonly PartyEntry[];
  /** Every item carried, key items first: `Torch`, `Bottle of water ×2`. */
  readonly items: readonly string[];
}

/** The status report for a game state. */
export function statusReport(story: Story, state: GameState): StatusReport {
  const stats: StatusEntry[] = [];
  for (const [id, def] of Object.entries(story.stats)) {
    if (!def.visible) continue;
    stats.push({ label: def.label, value: `${state.stats[id] ?? def.start}/${def.max}` });
  }
  const table = story.infection;
  const player = visibleCondition(state, 'player', table);
  const hunger = player.hunger === undefined ? undefined : `${player.hunger}/${table.hunger.max}, ${hungerWord(player.hunger, table)}`;
  const party = state.party.map((who): PartyEntry => {
    const bond = story.characters[who]?.bond === undefined ? undefined : bondOf(state, who);
    return {
      label: story.characters[who]?.name ?? who,
      value: conditionLabel(visibleCondition(state, who, table)),
      ...(bond === undefined ? {} : { bond: bondWords(bond) }),
    };
  });
  return {
    clock: formatClock(story.clock, state.time),
    stats,
    condition: conditionWord(player.label),
    symptoms: player.symptoms.map(symptomLabel),
    ...(hunger === undefined ? {} : { hunger }),
    powers: player.label === 'changed' ? powersOf(state, 'player').map((power) => powerLabel(power, table)) : [],
    party,
    items: itemsCarried(story, state),
  };
}

/** Where hunger stands, in a word that says which end is bad. */
function hungerWord(hunger: number, table: InfectionTable): string {
  if (hunger >= table.hunger.starving) return 'starving';
  return hunger >= table.hunger.hungry ? 'hungry' : 'fed';
}

/** A power and what it does, in the numbers the story plays by. */
export function powerLabel(power: Power, table: InfectionTable): string {
  switch (power) {
    case 'hearing':
      return 'sharp hearing';
    case 'strength':
      return `halfbie strength (+${table.strengthBonus} to strength checks)`;
    case 'healing':
      return `healing (+${table.healingPerHour} health an hour${table.healsWhileHungry ? '' : ', while fed'})`;
    default: {
      const _never: never = power;
      return _never;
    }
  }
}

/** Every item carried (count above zero), key items first, each group in the order they were first given. */
export function itemsCarried(story: Story, state: GameState): string[] {
  const key: string[] = [];
  const other: string[] = [];
  for (const [id, count] of Object.entries(state.items)) {
    if (count <= 0) continue;
    (story.items[id]?.key === true ? key : other).push(itemLabel(story, id, count));
  }
  return [...key, ...other];
}

/** How a companion looks, and their bond when they have one: `well, trusts you`. */
export function partyValue(entry: PartyEntry): string {
  return entry.bond === undefined ? entry.value : `${entry.value}, ${entry.bond}`;
}

/** The report as lines of plain text, for plain mode and the transcript. */
export function statusText(report: StatusReport): string[] {
  const lines = [`Time: ${report.clock}`];
  for (const s of report.stats) lines.push(`${s.label}: ${s.value}`);
  const signs = report.symptoms.length === 0 ? '' : ` (${report.symptoms.join(', ')})`;
  lines.push(`Condition: ${report.condition}${signs}`);
  if (report.hunger !== undefined) lines.push(`Hunger: ${report.hunger}`);
  if (report.powers.length > 0) lines.push(`Powers: ${report.powers.join(', ')}`);
  lines.push(
    report.party.length === 0 ? 'Party: nobody' : `Party: ${report.party.map((p) => `${p.label} (${partyValue(p)})`).join(', ')}`,
  );
  lines.push(`Items: ${report.items.length === 0 ? 'nothing' : report.items.join(', ')}`);
  return lines;
}
