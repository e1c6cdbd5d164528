/**
 * What a move told the player, above the next scene's text: the lines the
 * story said (`say`), and the changes line — what visibly changed between
 * the state before the choice and the state after it: visible stats, items
 * gained or lost, a halfbie's hunger, who joined or left the party, whose
 * bond rose or fell, a new symptom the player can feel. What time did to
 * the stats on the way (drift and `at_min`, as the engine records it in
 * `drifted`) is told apart, after the rest: `Noise +1 · with time:
 * Supplies −1`. Never a hidden stat, the hidden infection status, or a
 * companion's hidden change. Pure, and shared by the Ink screen, plain mode
 * and the transcript.
 */

import { partyAfterChoice, symptomsOf, visibleCondition } from '../engine/index.js';
import type { GameState, Story } from '../engine/index.js';
import { rewind, type SavedGame } from '../saves/game.js';
import { bondChange } from './bonds.js';
import { symptomLabel } from './labels.js';

/** What a move told the player. */
export interface MoveOutcome {
  /** The lines `say` effects showed during the move, in order. */
  readonly said: readonly string[];
  /** What visibly changed (`Noise +3 · + First-aid kit`), when something did and the player wants to see it. */
  readonly changes?: string;
}

/** The typographic minus, as the changes line writes a loss. */
const MINUS = '−';

/**
 * What a state tells the player: its `say` lines, and (when `before` is the
 * state the choice `chosen` was made in and `showChanges` is on) the changes line.
 */
export function moveOutcome(story: Story, before: GameState | undefined, after: GameState, showChanges: boolean, chosen?: string): MoveOutcome {
  const changes = showChanges && before !== undefined ? changesLine(story, before, after, chosen) : undefined;
  return changes === undefined ? { said: after.said } : { said: after.said, changes };
}

/**
 * What the scene `game` is in told the player when it was first shown: its
 * `say` lines and the changes line of the choice that led to it. `before`
 * is the state that choice was made in, when the caller has it (a choice
 * just made). After an undo, a load, `--continue` or a reload it is rebuilt
 * by replaying all but the last move: a game (and so every save) keeps its
 * seed and every move, and a replay is exact, so the line is the one the
 * player saw then, without the save format carrying it.
 */
export function shownOutcome(story: Story, game: SavedGame, showChanges: boolean, before?: GameState): MoveOutcome {
  const from = before ?? (showChanges ? stateBeforeLastMove(story, game) : undefined);
  return moveOutcome(story, from, game.state, showChanges, game.history.at(-1)?.choice);
}

/** The state the game's last choice was made in; undefined at its start, or when the story no longer replays that far. */
function stateBeforeLastMove(story: Story, game: SavedGame): GameState | undefined {
  if (game.history.length === 0) return undefined;
  const back = rewind(story, game, 1);
  return back.history.length === game.history.length - 1 ? back.state : undefined;
}

/** What opens the part of the changes line that time did: `with time: Supplies −1, Health −1`. */
const WITH_TIME = 'with time:';

/**
 * One line saying what visibly changed from `before` to `after`, or
 * undefined when nothing the player can see did: `Noise +3 · Health −2 ·
 * + First-aid kit · − Bottle of water · Woo-jin joined · Nam-ra left ·
 * On-jo trusts you more · You feel: fever · with time: Supplies −1,
 * Stamina +2`. A stat time moved is split: what the choice did to it comes
 * with the rest, what time did comes last, after `with time:`, and the two
 * add up to the whole change. Each part shows when it is not nothing, so a
 * shout time quietened (`Noise +1 · with time: Noise −1`) still says what
 * the shout did. Time's part is known for one move: when `after` is not the
 * state one move after `before`, every change counts as the choice's.
 */
export function changesLine(story: Story, before: GameState, after: GameState, chosen?: string): string | undefined {
  const time = after.turn === before.turn + 1 ? (after.drifted ?? {}) : {};
  const parts = [
    ...statChanges(story, before, after, time),
    ...hungerChange(story, before, after),
    ...itemChanges(story, before, after),
    ...partyChanges(story, before, after, chosen),
    ...bondChanges(story, before, after),
  ];
  const felt = newSymptoms(before, after);
  if (felt.length > 0) parts.push(`You feel: ${felt.join(', ')}`);
  const withTime = timeChanges(story, time);
  if (withTime.length > 0) parts.push(`${WITH_TIME} ${withTime.join(', ')}`);
  return parts.length === 0 ? undefined : parts.join(' · ');
}

/**
 * `Noise +3`, `Health −2`: what the choice did to each visible stat (its
 * whole change less what time did to it), in the story's order.
 */
function statChanges(story: Story, before: GameState, after: GameState, time: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const [id, def] of Object.entries(story.stats)) {
    if (!def.visible) continue;
    const delta = (after.stats[id] ?? def.start) - (before.stats[id] ?? def.start) - timeDid(time, id);
    if (delta !== 0) out.push(`${def.label} ${signed(delta)}`);
  }
  return out;
}

/** `Supplies −1`, `Stamina +2`: what time did to each visible stat, in the story's order. */
function timeChanges(story: Story, time: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const [id, def] of Object.entries(story.stats)) {
    const delta = timeDid(time, id);
    if (def.visible && delta !== 0) out.push(`${def.label} ${signed(delta)}`);
  }
  return out;
}

/**
 * `Hunger +12`: a halfbie's hunger, in the whole numbers the status panel
 * shows, when the panel showed it before the move and still does. The move
 * that makes the player a halfbie says nothing of it: the hunger appears in
 * the panel then, it did not change.
 */
function hungerChange(story: Story, before: GameState, after: GameState): string[] {
  const was = visibleCondition(before, 'player', story.infection).hunger;
  const now = visibleCondition(after, 'player', story.infection).hunger;
  if (was === undefined || now === undefined || now === was) return [];
  return [`Hunger ${signed(now - was)}`];
}

/** `+ First-aid kit`, `− Bottle of water ×2`: items gained, then items lost. */
function itemChanges(story: Story, before: GameState, after: GameState): string[] {
  const gained: string[] = [];
  const lost: string[] = [];
  const ids = new Set([...Object.keys(before.items), ...Object.keys(after.items)]);
  for (const id of ids) {
    const delta = (after.items[id] ?? 0) - (before.items[id] ?? 0);
    if (delta === 0) continue;
    const label = itemLabel(story, id, Math.abs(delta));
    if (delta > 0) gained.push(`+ ${label}`);
    else lost.push(`${MINUS} ${label}`);
  }
  return [...gained, ...lost];
}

/**
 * `Woo-jin joined`, `Nam-ra left`: what the choice itself (`chosen`, made in
 * `before`) did to the party. Who joins or leaves as the next scene begins
 * is that scene's to tell: the line comes above its text, and "Woo-jin
 * left" there would give away what the scene is building up to (at the
 * checkpoint, that the scanner would find him). So is a companion who left
 * because they turned: the turn is a scene of its own.
 */
function partyChanges(story: Story, before: GameState, after: GameState, chosen: string | undefined): string[] {
  const name = (who: string) => story.characters[who]?.name ?? who;
  const turned = (who: string) =>
    after.characters[who]?.status === 'infected' && before.characters[who]?.status !== 'infected';
  // Without the choice, every change counts (a caller that knows only the two states).
  const chose = (chosen === undefined ? undefined : partyAfterChoice(story, before, chosen)) ?? after.party;
  return [
    ...after.party.filter((who) => !before.party.includes(who) && chose.includes(who)).map((who) => `${name(who)} joined`),
    ...before.party.filter((who) => !after.party.includes(who) && !chose.includes(who) && !turned(who)).map((who) => `${name(who)} left`),
  ];
}

/** `On-jo trusts you more`, `Woo-jin trusts you less`: each bond that changed, in the story's order of characters. */
function bondChanges(story: Story, before: GameState, after: GameState): string[] {
  if (after.bonds === undefined || before.bonds === undefined) return [];
  const out: string[] = [];
  for (const [who, def] of Object.entries(story.characters)) {
    const delta = (after.bonds[who] ?? 0) - (before.bonds[who] ?? 0);
    if (def.bond !== undefined && delta !== 0) out.push(bondChange(def.name, delta));
  }
  return out;
}

/** The player's symptoms now that they did not have before, in their words. */
function newSymptoms(before: GameState, after: GameState): string[] {
  const had = symptomsOf(before, 'player');
  return symptomsOf(after, 'player')
    .filter((s) => !had.includes(s))
    .map(symptomLabel);
}

/** An item's label, with a count when there is more than one: `Bottle of water ×2`. */
export function itemLabel(story: Story, id: string, count: number): string {
  const label = story.items[id]?.label ?? id;
  return count === 1 ? label : `${label} ×${count}`;
}

/** What time did to stat `id`: 0 when nothing (never a name inherited from Object). */
function timeDid(time: Readonly<Record<string, number>>, id: string): number {
  return Object.hasOwn(time, id) ? (time[id] ?? 0) : 0;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `${MINUS}${-n}`;
}
