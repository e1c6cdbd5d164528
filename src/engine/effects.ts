/**
 * Applies a list of effects to an immer draft of the game state. Effects run
 * in order; a `goto` records where the choice should lead instead of its own
 * `goto` (the last one reached wins).
 */
import type { Draft } from 'immer';
import { changeBonds } from './bonds.js';
import { passTime } from './drift.js';
import { TURNED } from './fates.js';
import { changeHunger, cure, expose, powersOf, setStatus } from './infection.js';
import { own } from './records.js';
import { draw } from './rng.js';
import { takeForcedRoll } from './rolls.js';
import { meetCheck } from './skills.js';
import { setStat } from './stats.js';
import { plain, withAdded, withRemoved } from './sorted.js';
import { renderTemplate } from './text.js';
import type { NumberExpr } from './condition-types.js';
import type { Effect } from './effect-types.js';
import type { Fate, GameState } from './state-types.js';
import type { Story } from './story-types.js';

/** What effects report back while they run: where to go, and time skipped off-screen. */
export interface EffectOutcome {
  redirect?: string;
  /** Minutes of `skip_time`: on the clock, but not lived through (no hunger, no healing). */
  skipped?: number;
}

/** Runs `effects` against `draft`, in order. */
export function applyEffects(
  story: Story,
  draft: Draft<GameState>,
  effects: readonly Effect[],
  outcome: EffectOutcome,
): void {
  for (const effect of effects) applyEffect(story, draft, effect, outcome);
}

function applyEffect(story: Story, draft: Draft<GameState>, effect: Effect, outcome: EffectOutcome): void {
  switch (effect.kind) {
    case 'set':
      for (const flag of effect.flags) {
        const flags = plain(draft.flags);
        const next = withAdded(flags, flag);
        if (next !== flags) draft.flags = next as string[];
      }
      return;
    case 'clear':
      for (const flag of effect.flags) {
        const flags = plain(draft.flags);
        const next = withRemoved(flags, flag);
        if (next !== flags) draft.flags = next as string[];
      }
      return;
    case 'add':
    case 'setStat': {
      // Every computed amount is read from the state before any stat changes: `add: { a: "b", b: "a" }` swaps.
      const amounts = computed(effect.stats) ? amountsOf(effect.stats, draft as GameState) : effect.stats;
      for (const stat in amounts) {
        const amount = amounts[stat] as number;
        setStat(story, draft, stat, effect.kind === 'add' ? (own(draft.stats, stat) ?? 0) + amount : amount);
      }
      return;
    }
    case 'give':
      draft.items[effect.item] = (own(draft.items, effect.item) ?? 0) + effect.count;
      return;
    case 'take':
      // Kept at 0 rather than deleted: deleting a key makes V8 copy the record slowly ever after.
      if (Object.hasOwn(draft.items, effect.item)) {
        draft.items[effect.item] = Math.max(0, draft.items[effect.item]! - effect.count);
      }
      return;
    case 'join':
      if (!draft.party.includes(effect.who) && draft.characters[effect.who]?.status !== 'infected') {
        draft.party.push(effect.who);
        // Back with the player: what the story recorded of their parting no longer holds.
        const joined = draft.characters[effect.who];
        if (joined?.fate !== undefined) delete joined.fate;
      }
      return;
    case 'leave': {
      const at = draft.party.indexOf(effect.who);
      if (at >= 0) draft.party.splice(at, 1);
      return;
    }
    case 'time':
      // Walked step by step with drift, so a stat's `if` sees the clock as each step falls.
      passTime(story, draft, effect.minutes);
      return;
    case 'skipTime':
      // Off-screen: the clock jumps, and nothing drifts.
      draft.time += effect.minutes;
      outcome.skipped = (outcome.skipped ?? 0) + effect.minutes;
      return;
    case 'goto':
      outcome.redirect = effect.scene;
      return;
    case 'setVar':
      draft.vars[effect.name] = renderTemplate(story, draft, effect.value);
      return;
    case 'say':
      draft.said.push(renderTemplate(story, draft, effect.text));
      return;
    case 'chance': {
      const r = draw(draft);
      const forced = takeForcedRoll(draft);
      const pass = forced === undefined ? r * 100 < effect.percent : forced === 'pass';
      applyEffects(story, draft, pass ? effect.then : effect.else, outcome);
      return;
    }
    case 'check': {
      const die = 1 + Math.floor(draw(draft) * 6);
      const bonus =
        effect.stat === 'strength' && powersOf(draft, 'player').includes('strength')
          ? story.infection.strengthBonus
          : 0;
      const forced = takeForcedRoll(draft);
      meetCheck(draft, effect.stat);
      const success =
        forced === undefined ? (own(draft.stats, effect.stat) ?? 0) + bonus + die >= effect.difficulty : forced === 'pass';
      applyEffects(story, draft, success ? effect.then : effect.else, outcome);
      return;
    }
    case 'if':
      applyEffects(story, draft, effect.cond.test(draft) ? effect.then : effect.else, outcome);
      return;
    case 'expose':
      expose(draft, story.infection, effect.who, effect.route, effect.emotion, effect.from, effect.outcome);
      return;
    case 'fate':
      recordFate(draft, effect.who === TURNED ? (draft.vars.turned_id ?? '') : effect.who, effect.fate);
      return;
    case 'feed':
      changeHunger(draft, story.infection, effect.who, -effect.amount);
      return;
    case 'stress':
      changeHunger(draft, story.infection, effect.who, effect.amount);
      return;
    case 'cure':
      cure(draft, effect.who);
      return;
    case 'setStatus':
      setStatus(draft, story.infection, effect.who, effect.status);
      return;
    case 'bond':
      changeBonds(draft, effect.changes);
      return;
    default: {
      const never: never = effect;
      throw new Error(`unknown effect ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Records what became of a character, who is then no longer in the party
 * (every fate means they are not with the player). `who` may be '' (no
 * companion has turned yet) or unknown: nothing happens.
 */
function recordFate(draft: Draft<GameState>, who: string, fate: Fate): void {
  if (!Object.hasOwn(draft.characters, who) || who === 'player') return;
  draft.characters[who]!.fate = fate;
  const at = draft.party.indexOf(who);
  if (at >= 0) draft.party.splice(at, 1);
}

/** True when every path through `effects` ends in a `goto`. */
export function alwaysRedirects(effects: readonly Effect[]): boolean {
  return effects.some(
    (e) =>
      e.kind === 'goto' ||
      ((e.kind === 'chance' || e.kind === 'check' || e.kind === 'if') &&
        alwaysRedirects(e.then) &&
        alwaysRedirects(e.else)),
  );
}

/** Whether any amount is computed from the state (most are plain numbers). */
function computed(stats: Readonly<Record<string, number | NumberExpr>>): boolean {
  for (const stat in stats) if (typeof stats[stat] !== 'number') return true;
  return false;
}

/** The amounts of an `add` or `set_stat`, computed ones worked out (whole numbers, as stats are). */
function amountsOf(stats: Readonly<Record<string, number | NumberExpr>>, state: GameState): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const stat in stats) {
    const v = stats[stat]!;
    out[stat] = typeof v === 'number' ? v : Math.round(v.value(state));
  }
  return out;
}
