/**
 * The values each leaf a condition reads can take in this story, as the
 * analyses in condition-domains.ts try them: a flag no effect sets is only
 * ever false, a stat no effect changes only ever its start value, a stat that
 * changes any value within its bounds, sampled at the numbers the conditions
 * compare it with (±1).
 */
import { BOND_MAX, BOND_MIN } from '../engine/bonds.js';
import { TURNED } from '../engine/fates.js';
import type { Fate } from '../engine/state-types.js';
import type { Story } from '../engine/story-types.js';
import type { StoryFacts } from '../story/story-facts.js';
import type { Leaf, Value } from './condition-leaves.js';

/** What the analyses know about the story. */
export interface ConditionWorld {
  readonly story: Story;
  readonly facts: StoryFacts;
}

const STATUSES = ['healthy', 'exposed', 'infected', 'semi-infected', 'immune'];
/** Stands for any string no condition mentions. */
const OTHER = '\u0000other';

/** Numbers in [lo, hi] worth trying: the bounds and each constant ±1. */
function sampleNumbers(lo: number, hi: number, constants: ReadonlySet<number>): number[] {
  const out = new Set<number>();
  if (Number.isFinite(lo)) out.add(lo);
  if (Number.isFinite(hi)) out.add(hi);
  for (const c of constants) for (const v of [c - 1, c, c + 1]) if (v >= lo && v <= hi) out.add(v);
  if (out.size === 0) out.add(Number.isFinite(lo) ? lo : 0);
  return [...out].sort((a, b) => a - b);
}

/** Every value a leaf is tried with in this story. */
export function domainOf(
  entry: { leaf: Leaf; nums: ReadonlySet<number>; strs: ReadonlySet<string> },
  world: ConditionWorld,
): Value[] {
  const { story, facts } = world;
  const [kind = '', name = ''] = splitKey(entry.leaf.key);
  switch (kind) {
    case 'flag':
      return facts.flagsSet.has(name) ? [false, true] : [false];
    case 'with':
      return facts.joiners.has(name) ? [false, true] : [false];
    case 'stat': {
      const def = Object.hasOwn(story.stats, name) ? story.stats[name] : undefined;
      if (!facts.statsChanged.has(name)) return [def?.start ?? 0];
      return sampleNumbers(def?.min ?? -Infinity, def?.max ?? Infinity, entry.nums);
    }
    case 'count':
      if (!facts.itemsGiven.has(name) && !facts.startItems.has(name)) return [0];
      return sampleNumbers(0, Infinity, entry.nums);
    case 'builtin':
      if (name === 'hour') return sampleNumbers(0, 23, entry.nums);
      if (name === 'day') return sampleNumbers(story.clock.day, Infinity, entry.nums);
      return sampleNumbers(0, Infinity, entry.nums);
    case 'hunger':
      return sampleNumbers(0, story.infection.hunger.max, entry.nums);
    case 'visited':
      return sampleNumbers(0, Infinity, entry.nums);
    case 'status':
      return STATUSES;
    case 'var': {
      const initial = Object.hasOwn(story.vars, name) ? (story.vars[name] ?? '') : '';
      if (!facts.varsChanged.has(name)) return [initial];
      return [...new Set([initial, ...entry.strs, OTHER])];
    }
    case 'fate':
      return ['', ...fatesRecorded(name, world)];
    case 'since_exposed':
      return facts.exposed.has(name) ? sampleNumbers(-1, Infinity, entry.nums) : [-1];
    case 'bond': {
      const start = Object.hasOwn(story.characters, name) ? (story.characters[name]?.bond ?? BOND_MIN) : BOND_MIN;
      return facts.bondsChanged.has(name) ? sampleNumbers(BOND_MIN, BOND_MAX, entry.nums) : [start];
    }
    default:
      if (entry.leaf.type === 'bool') return [false, true];
      return entry.leaf.type === 'num' ? sampleNumbers(0, Infinity, entry.nums) : [OTHER];
  }
}

/** The fates some effect records for `who`, directly or as the companion who turned. */
function fatesRecorded(who: string, world: ConditionWorld): Fate[] {
  const { fates } = world.facts;
  return [...new Set([...(fates.get(who) ?? []), ...(fates.get(TURNED) ?? [])])];
}

/** A leaf key's kind and name: `stat:noise` is `['stat', 'noise']`. */
export function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
