/**
 * The infection model: exposure, incubation, the three outcomes, symptoms,
 * powers and hunger. Numbers come from the story's `InfectionTable`; chance
 * comes from the PRNG in the game state. The functions that change state take
 * an immer draft and are called only from `step`.
 */
import type { Draft } from 'immer';
import type { InfectionTable } from './infection-table.js';
import { draw } from './rng.js';
import type { CharacterState, Emotion, ExposureOutcome, GameState, InfectionStatus, Route } from './state-types.js';

/** Every symptom a condition may ask about, roughly in the order they appear. */
export const SYMPTOMS = [
  'fever',
  'chills',
  'ringing-ears',
  'sharp-hearing',
  'hunger',
  'pale-skin',
  'clouded-eyes',
] as const;

/** A sign of infection the player can see, never the hidden truth itself. */
export type Symptom = (typeof SYMPTOMS)[number];

/** Every power a semi-infected character has. */
export const POWERS = ['hearing', 'strength', 'healing'] as const;

/** A halfbie's gift. */
export type Power = (typeof POWERS)[number];

/** The four ways an incubation can go, before they collapse into statuses. */
type Outcome = 'turnFast' | 'turnSlow' | 'semi' | 'immune';

// Symptoms during incubation: each appears once this fraction of the
// incubation has passed, and (for the immune) fades after `until`.
const INCUBATION_SIGNS: Readonly<
  Record<'infected' | 'semi-infected' | 'immune', readonly (readonly [Symptom, number, number])[]>
> = {
  infected: [
    ['fever', 0.05, 1],
    ['chills', 0.3, 1],
    ['pale-skin', 0.5, 1],
    ['clouded-eyes', 0.75, 1],
    ['hunger', 0.85, 1],
  ],
  'semi-infected': [
    ['fever', 0.05, 1],
    ['chills', 0.25, 1],
    ['ringing-ears', 0.45, 1],
    ['sharp-hearing', 0.7, 1],
    ['hunger', 0.8, 1],
  ],
  immune: [
    ['fever', 0.05, 0.8],
    ['chills', 0.3, 0.7],
  ],
};

/** A fresh, unexposed character with the given hidden immunity. */
export function healthyCharacter(immunity: number): CharacterState {
  return { status: 'healthy', immunity, hunger: 0, bitten: false };
}

/** The character's state, or a healthy default for an unknown id. */
function characterOf(state: GameState, who: string): CharacterState | undefined {
  return Object.hasOwn(state.characters, who) ? state.characters[who] : undefined;
}

/** The symptoms a character shows right now. */
export function symptomsOf(state: GameState, who: string): readonly Symptom[] {
  const c = characterOf(state, who);
  if (c === undefined) return [];
  switch (c.status) {
    case 'healthy':
    case 'immune':
      return [];
    case 'infected':
      return ['pale-skin', 'clouded-eyes', 'hunger'];
    case 'semi-infected':
      return c.hunger >= 40 ? ['sharp-hearing', 'pale-skin', 'hunger'] : ['sharp-hearing', 'pale-skin'];
    case 'exposed': {
      const inc = c.incubation;
      if (inc === undefined) return [];
      const span = Math.max(1, inc.resolvesAt - inc.exposedAt);
      const progress = (state.time - inc.exposedAt) / span;
      return INCUBATION_SIGNS[inc.outcome]
        .filter(([, from, until]) => progress >= from && progress < until)
        .map(([symptom]) => symptom);
    }
    default: {
      const never: never = c.status;
      throw new Error(`unknown infection status ${String(never)}`);
    }
  }
}

/** The powers a character has: all of them for a halfbie, none otherwise. */
export function powersOf(state: GameState, who: string): readonly Power[] {
  return characterOf(state, who)?.status === 'semi-infected' ? POWERS : [];
}

/** What the player can tell about a character, never the hidden truth. */
export interface VisibleCondition {
  /**
   * A short word for the status panel: `well`, `bitten` (recently: nobody can
   * tell yet what it will do), `recovered` (bitten long enough ago that any
   * incubation would have shown, and nothing did), `unwell`, `changed`, `turned`.
   */
  readonly label: 'well' | 'bitten' | 'recovered' | 'unwell' | 'changed' | 'turned';
  readonly symptoms: readonly Symptom[];
  /** Hunger, shown only for a character the player knows is changed (the player themself). */
  readonly hunger?: number;
}

/**
 * What the player knows about `who` now. The player knows whether someone
 * was bitten (they saw it) and sees symptoms; they know they themself have
 * changed once it happens, but a companion's change shows only in symptoms.
 * A bite stays news only while an incubation could still be running: past
 * the longest one `table` allows, a bite that shows nothing is over, which
 * tells the player nothing hidden (a bite that never took and an immune
 * body look alike, and both look like this from the first minute).
 */
export function visibleCondition(state: GameState, who: string, table: InfectionTable): VisibleCondition {
  const c = characterOf(state, who);
  if (c === undefined) return { label: 'well', symptoms: [] };
  const symptoms = symptomsOf(state, who);
  if (c.status === 'infected') return { label: 'turned', symptoms };
  if (c.status === 'semi-infected' && who === 'player') {
    return { label: 'changed', symptoms, hunger: Math.round(c.hunger) };
  }
  if (symptoms.length > 0) return { label: 'unwell', symptoms };
  if (!c.bitten) return { label: 'well', symptoms };
  const over = c.status !== 'exposed' && (c.exposedAt === undefined || state.time - c.exposedAt >= longestIncubation(table));
  return { label: over ? 'recovered' : 'bitten', symptoms };
}

/** The longest an incubation can last under `table`, in game minutes: after it, every bite has shown what it did. */
export function longestIncubation(table: InfectionTable): number {
  const longest = Math.max(...Object.values(table.incubationMinutes).map(([, max]) => max));
  return Math.ceil(longest * Math.max(1, table.fearSpeed));
}

/** The chance that an exposure transmits the virus to this character. */
export function transmissionChance(
  table: InfectionTable,
  route: Route,
  immunity: number,
  sourceStatus: InfectionStatus | 'zombie',
): number {
  if (sourceStatus === 'immune' || sourceStatus === 'healthy') return 0;
  const source = sourceStatus === 'semi-infected' ? table.semiSourceFactor : 1;
  const scaled = table.transmission[route] * (1 + table.immunityEffect.transmission * (0.5 - immunity));
  return clamp01(scaled * source);
}

/** The normalised probabilities of the four outcomes, given transmission. */
export function outcomeChances(
  table: InfectionTable,
  emotion: Emotion,
  immunity: number,
): Readonly<Record<Outcome, number>> {
  const e = table.emotion[emotion];
  const resist = Math.max(0, 1 + table.immunityEffect.outcome * (immunity - 0.5));
  const yieldTo = Math.max(0, 1 - table.immunityEffect.outcome * (immunity - 0.5));
  const w = table.outcomeWeights;
  const raw = {
    turnFast: w.turnFast * e.turnFast * yieldTo,
    turnSlow: w.turnSlow * e.turnSlow * yieldTo,
    semi: w.semi * e.semi * resist,
    immune: w.immune * e.immune * resist,
  };
  const total = raw.turnFast + raw.turnSlow + raw.semi + raw.immune;
  if (total <= 0) return { turnFast: 0, turnSlow: 0, semi: 0, immune: 1 };
  return {
    turnFast: raw.turnFast / total,
    turnSlow: raw.turnSlow / total,
    semi: raw.semi / total,
    immune: raw.immune / total,
  };
}

function pickOutcome(chances: Readonly<Record<Outcome, number>>, r: number): Outcome {
  let acc = chances.turnFast;
  if (r < acc) return 'turnFast';
  acc += chances.turnSlow;
  if (r < acc) return 'turnSlow';
  acc += chances.semi;
  if (r < acc) return 'semi';
  return 'immune';
}

const STATUS_OF_OUTCOME: Readonly<Record<Outcome, ExposureOutcome>> = {
  turnFast: 'infected',
  turnSlow: 'infected',
  semi: 'semi-infected',
  immune: 'immune',
};

/**
 * Exposes a character to the virus. Only a healthy character can be newly
 * infected: one already incubating, turned, changed or immune is unaffected
 * (though the exposure is remembered: `since_exposed`). `from` names the
 * character the virus comes from (a zombie when absent). `decided` is the
 * outcome the author chose: the virus then always takes hold and resolves
 * to it, and only the incubation's length is drawn.
 */
export function expose(
  draft: Draft<GameState>,
  table: InfectionTable,
  who: string,
  route: Route,
  emotion: Emotion,
  from: string | undefined,
  decided?: ExposureOutcome,
): void {
  if (!Object.hasOwn(draft.characters, who)) return;
  const c = draft.characters[who]!;
  const sourceStatus = from === undefined ? 'zombie' : (characterOf(draft, from)?.status ?? 'healthy');
  // An immune or healthy source carries nothing: no exposure happens at all.
  if (sourceStatus === 'immune' || sourceStatus === 'healthy') return;
  c.bitten = true;
  c.exposedAt = draft.time;
  if (c.status !== 'healthy') return;
  if (decided === undefined && draw(draft) >= transmissionChance(table, route, c.immunity, sourceStatus)) return;
  incubate(draft, table, c, route, emotion, decided);
}

/**
 * An exposure that takes hold, for a game set up to begin mid-way
 * (`--status onjo=exposed`): a healthy character starts incubating at once;
 * the outcome (unless `decided`) and the incubation's length are drawn as
 * for any exposure that transmits.
 */
export function exposeSurely(
  draft: Draft<GameState>,
  table: InfectionTable,
  who: string,
  route: Route,
  emotion: Emotion,
  decided?: ExposureOutcome,
): void {
  if (!Object.hasOwn(draft.characters, who)) return;
  const c = draft.characters[who]!;
  c.bitten = true;
  c.exposedAt = draft.time;
  if (c.status !== 'healthy') return;
  incubate(draft, table, c, route, emotion, decided);
}

/** Draws how a transmitted exposure ends (or how a `decided` one does) and starts its incubation. */
function incubate(
  draft: Draft<GameState>,
  table: InfectionTable,
  c: Draft<CharacterState>,
  route: Route,
  emotion: Emotion,
  decided: ExposureOutcome | undefined,
): void {
  const chances = outcomeChances(table, emotion, c.immunity);
  const outcome = pickOutcome(decided === undefined ? chances : only(chances, decided), draw(draft));
  const [min, max] = table.incubationMinutes[outcome];
  const speed = emotion === 'fear' ? table.fearSpeed : 1;
  const minutes = Math.max(1, Math.round((min + draw(draft) * (max - min)) * speed));
  c.status = 'exposed';
  c.incubation = {
    outcome: STATUS_OF_OUTCOME[outcome],
    exposedAt: draft.time,
    resolvesAt: draft.time + minutes,
    route,
    emotion,
  };
}

/**
 * The chances of the outcomes that resolve to `status`, normalised among
 * themselves (an `infected` exposure still turns fast or slow, in the
 * proportion the table gives); an outcome of no weight at all is taken as is.
 */
function only(chances: Readonly<Record<Outcome, number>>, status: ExposureOutcome): Record<Outcome, number> {
  const kept = { turnFast: 0, turnSlow: 0, semi: 0, immune: 0 };
  let total = 0;
  for (const outcome of Object.keys(kept) as Outcome[]) {
    if (STATUS_OF_OUTCOME[outcome] !== status) continue;
    kept[outcome] = chances[outcome];
    total += chances[outcome];
  }
  if (total <= 0) {
    const first = (Object.keys(kept) as Outcome[]).find((o) => STATUS_OF_OUTCOME[o] === status)!;
    return { ...kept, [first]: 1 };
  }
  for (const outcome of Object.keys(kept) as Outcome[]) kept[outcome] /= total;
  return kept;
}

/** Ends an incubation: the character is healthy again. A turn is never undone. */
export function cure(draft: Draft<GameState>, who: string): void {
  if (!Object.hasOwn(draft.characters, who)) return;
  const c = draft.characters[who]!;
  if (c.status !== 'exposed') return;
  c.status = 'healthy';
  delete c.incubation;
}

/**
 * Sets a character's status outright, for a story that starts mid-way (who
 * were you in Season 1?). A story's `set_status` leaves turning to the dice;
 * only a game set up from the command line (`--status onjo=infected`)
 * begins with someone already turned.
 */
export function setStatus(
  draft: Draft<GameState>,
  table: InfectionTable,
  who: string,
  status: Exclude<InfectionStatus, 'exposed'>,
): void {
  if (!Object.hasOwn(draft.characters, who)) return;
  const c = draft.characters[who]!;
  c.status = status;
  delete c.incubation;
  c.bitten = status !== 'healthy';
  if (status === 'healthy') delete c.exposedAt;
  c.hunger = status === 'semi-infected' ? table.hunger.start : 0;
}

/** Changes a semi-infected character's hunger by `amount`, within 0..max. */
export function changeHunger(draft: Draft<GameState>, table: InfectionTable, who: string, amount: number): void {
  if (!Object.hasOwn(draft.characters, who)) return;
  const c = draft.characters[who]!;
  if (c.status !== 'semi-infected') return;
  c.hunger = clampRange(c.hunger + amount, 0, table.hunger.max);
}

/**
 * Lets `minutes` of game time act on every character: incubations that are
 * due resolve into their outcome, and halfbies grow hungrier. `current` is a
 * plain copy equal to `draft.characters`, if the caller has one: reading it
 * instead of the draft leaves untouched characters undrafted, which matters
 * on the hot path of random playtests.
 */
export function passTime(
  draft: Draft<GameState>,
  table: InfectionTable,
  minutes: number,
  current: Readonly<Record<string, CharacterState>> = draft.characters,
  holdPlayer = false,
): void {
  for (const who in current) {
    const now = current[who]!;
    if (now.status === 'exposed' && now.incubation !== undefined && isDue(who, now.incubation, draft.time, holdPlayer)) {
      const c = draft.characters[who]!;
      const outcome = now.incubation.outcome;
      c.status = outcome;
      delete c.incubation;
      if (outcome === 'semi-infected') c.hunger = table.hunger.start;
    } else if (now.status === 'semi-infected' && minutes > 0) {
      draft.characters[who]!.hunger = clampRange(now.hunger + (table.hunger.perHour * minutes) / 60, 0, table.hunger.max);
    }
  }
}

/**
 * Whether an incubation resolves now. The player's never resolves in the
 * move that exposed them (`holdPlayer`: the player was not incubating when
 * the move began): whatever the dice say, the player first sees the scene
 * the move leads to, with the bite told, so no roll goes straight to a
 * turned ending. A companion's turn is a scene of its own
 * (`on_companion_turn`), so it is not held.
 */
export function isDue(
  who: string,
  incubation: { readonly resolvesAt: number },
  now: number,
  holdPlayer: boolean,
): boolean {
  return incubation.resolvesAt <= now && !(holdPlayer && who === 'player');
}

function clamp01(x: number): number {
  return clampRange(x, 0, 1);
}

function clampRange(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
