/**
 * Decides, without playing, whether conditions can hold. Each thing a
 * condition reads (a flag, a stat, `count("water")`, `status("onjo")`...) gets
 * a small set of values it can take in this story — a flag no effect sets is
 * only ever false, a stat no effect changes only ever its start value, a stat
 * that changes any value within its bounds, sampled at the numbers the
 * conditions compare it with (±1) — and every combination is tried.
 *
 * That is exact for conditions that compare one thing with constants, which
 * is nearly all of them. When a condition does arithmetic on, or compares,
 * two changing things (`strength + speed > 6`, `noise > trust`), the samples
 * may miss the deciding value, so the result is "unknown" and the analyses
 * stay silent (never-true) or cautious (soft-lock) rather than wrong.
 */
import { BOND_MAX, BOND_MIN } from '../engine/bonds.js';
import { TURNED } from '../engine/fates.js';
import type { Expr } from '../engine/condition-types.js';
import type { Fate } from '../engine/state-types.js';
import type { Story } from '../engine/story-types.js';
import type { StoryFacts } from '../story/story-facts.js';

/** What the analyses know about the story. */
export interface ConditionWorld {
  readonly story: Story;
  readonly facts: StoryFacts;
}

type Value = number | boolean | string;
type LeafType = 'num' | 'bool' | 'str';

/** One thing a condition reads, identified by a key such as `stat:noise` or `count:water`. */
interface Leaf {
  readonly key: string;
  readonly type: LeafType;
}

// Past this many combinations the question is left open: a condition that
// reads more than a dozen things is not "obviously" anything.
const MAX_COMBINATIONS = 20_000;
const STATUSES = ['healthy', 'exposed', 'infected', 'semi-infected', 'immune'];
const BUILTIN_NUMS = new Set(['day', 'hour', 'time', 'turn']);
/** Stands for any string no condition mentions. */
const OTHER = '\u0000other';

function argName(arg: Expr | undefined): string {
  if (arg === undefined) return 'player';
  if (arg.kind === 'str') return arg.value;
  if (arg.kind === 'name') return arg.name;
  return '?';
}

/** The leaf an expression reads, if it is one (`has` reads `count`). */
function leafOf(e: Expr, story: Story): Leaf | undefined {
  if (e.kind === 'name') {
    if (BUILTIN_NUMS.has(e.name)) return { key: `builtin:${e.name}`, type: 'num' };
    if (e.name === 'hunger') return { key: 'hunger:player', type: 'num' };
    if (Object.hasOwn(story.stats, e.name)) return { key: `stat:${e.name}`, type: 'num' };
    return { key: `flag:${e.name}`, type: 'bool' };
  }
  if (e.kind !== 'call') return undefined;
  const [a, b] = e.args;
  switch (e.fn) {
    case 'has':
    case 'count':
      return { key: `count:${argName(a)}`, type: 'num' };
    case 'with':
      return { key: `with:${argName(a)}`, type: 'bool' };
    case 'visited':
      return { key: `visited:${argName(a)}`, type: 'num' };
    case 'status':
      return { key: `status:${argName(a)}`, type: 'str' };
    case 'symptom':
    case 'power': {
      const [who, what] = e.args.length === 2 ? [argName(a), argName(b)] : ['player', argName(a)];
      return { key: `${e.fn}:${who}:${what}`, type: 'bool' };
    }
    case 'hunger':
      return { key: `hunger:${argName(a)}`, type: 'num' };
    case 'var':
      return { key: `var:${argName(a)}`, type: 'str' };
    case 'fate':
      return { key: `fate:${argName(a)}`, type: 'str' };
    case 'since_exposed':
      return { key: `since_exposed:${argName(a)}`, type: 'num' };
    case 'bond':
      return { key: `bond:${argName(a)}`, type: 'num' };
    default:
      return { key: `call:${e.fn}`, type: 'bool' };
  }
}

/** The leaves read by a set of expressions, with the constants each is compared with. */
class Space {
  readonly leaves = new Map<string, { leaf: Leaf; nums: Set<number>; strs: Set<string> }>();
  /** Set when sampling may miss a deciding value (see the module comment). */
  approximate = false;
  // Each node's leaf (null: not one), worked out once: every combination tried evaluates every node.
  private readonly nodeLeaves = new Map<Expr, Leaf | null>();

  constructor(private readonly story: Story) {}

  /** The leaf `e` is, if it is one. */
  leafAt(e: Expr): Leaf | undefined {
    let leaf = this.nodeLeaves.get(e);
    if (leaf === undefined) {
      leaf = leafOf(e, this.story) ?? null;
      this.nodeLeaves.set(e, leaf);
    }
    return leaf ?? undefined;
  }

  add(e: Expr): void {
    this.walk(e, true);
  }

  private entry(leaf: Leaf) {
    let entry = this.leaves.get(leaf.key);
    if (entry === undefined) {
      entry = { leaf, nums: new Set<number>(), strs: new Set<string>() };
      this.leaves.set(leaf.key, entry);
    }
    return entry;
  }

  /** Registers every leaf under `e`; `asBool` when `e` is read as true/false (a number means > 0). */
  private walk(e: Expr, asBool: boolean): void {
    const leaf = this.leafAt(e);
    if (leaf !== undefined) {
      const entry = this.entry(leaf);
      if (asBool || (e.kind === 'call' && e.fn === 'has')) entry.nums.add(0);
      return;
    }
    switch (e.kind) {
      case 'num':
      case 'str':
      case 'bool':
      case 'name':
      case 'call':
        return;
      case 'not':
        return this.walk(e.arg, true);
      case 'and':
      case 'or':
        this.walk(e.left, true);
        return this.walk(e.right, true);
      case 'arith':
        if (this.leavesUnder(e).length > 0) this.approximate = true;
        this.walk(e.left, false);
        return this.walk(e.right, false);
      case 'cmp': {
        const left = this.leavesUnder(e.left);
        const right = this.leavesUnder(e.right);
        if (left.length > 0 && right.length > 0) this.approximate = true;
        const literals = literalsUnder(e);
        for (const l of [...left, ...right]) {
          const entry = this.entry(l);
          for (const v of literals) {
            if (typeof v === 'number') entry.nums.add(v);
            else if (typeof v === 'string') entry.strs.add(v);
          }
        }
        this.walk(e.left, false);
        return this.walk(e.right, false);
      }
      default: {
        const _never: never = e;
        return _never;
      }
    }
  }

  private leavesUnder(e: Expr): Leaf[] {
    const leaf = this.leafAt(e);
    if (leaf !== undefined) return [leaf];
    switch (e.kind) {
      case 'not':
        return this.leavesUnder(e.arg);
      case 'and':
      case 'or':
      case 'cmp':
      case 'arith':
        return [...this.leavesUnder(e.left), ...this.leavesUnder(e.right)];
      default:
        return [];
    }
  }
}

function literalsUnder(e: Expr): Value[] {
  switch (e.kind) {
    case 'num':
    case 'str':
    case 'bool':
      return [e.value];
    case 'not':
      return literalsUnder(e.arg);
    case 'and':
    case 'or':
    case 'cmp':
    case 'arith':
      return [...literalsUnder(e.left), ...literalsUnder(e.right)];
    default:
      return [];
  }
}

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
function domainOf(
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

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

const truthy = (v: Value): boolean => (typeof v === 'number' ? v > 0 : v === true);

function evaluate(e: Expr, values: ReadonlyMap<string, Value>, space: Space): Value {
  const leaf = space.leafAt(e);
  if (leaf !== undefined) {
    const v = values.get(leaf.key) ?? false;
    return e.kind === 'call' && e.fn === 'has' ? truthy(v) : v;
  }
  switch (e.kind) {
    case 'num':
    case 'str':
    case 'bool':
      return e.value;
    case 'name':
    case 'call':
      return false;
    case 'not':
      return !truthy(evaluate(e.arg, values, space));
    case 'and':
      return truthy(evaluate(e.left, values, space)) && truthy(evaluate(e.right, values, space));
    case 'or':
      return truthy(evaluate(e.left, values, space)) || truthy(evaluate(e.right, values, space));
    case 'arith': {
      const l = Number(evaluate(e.left, values, space));
      const r = Number(evaluate(e.right, values, space));
      return e.op === '+' ? l + r : l - r;
    }
    case 'cmp': {
      const l = evaluate(e.left, values, space);
      const r = evaluate(e.right, values, space);
      const op = e.op;
      switch (op) {
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return Number(l) < Number(r);
        case '<=':
          return Number(l) <= Number(r);
        case '>':
          return Number(l) > Number(r);
        case '>=':
          return Number(l) >= Number(r);
        default: {
          const _never: never = op;
          return _never;
        }
      }
    }
    default: {
      const _never: never = e;
      return _never;
    }
  }
}

/**
 * False for combinations the engine never produces: a companion who turns
 * is taken out of the party (and a turned character cannot join), so
 * `with("x")` and `status("x") == "infected"` never hold together.
 */
function possible(values: ReadonlyMap<string, Value>): boolean {
  for (const [key, value] of values) {
    if (value === true && key.startsWith('with:') && values.get(`status:${key.slice(5)}`) === 'infected') return false;
  }
  return true;
}

/**
 * Calls `visit` with every possible combination of leaf values for `exprs`; stops
 * early when `visit` returns true. Returns false (and visits nothing) when
 * there are too many combinations to try.
 */
function eachCombination(
  exprs: readonly Expr[],
  world: ConditionWorld,
  visit: (values: ReadonlyMap<string, Value>, space: Space) => boolean,
): { tried: boolean; approximate: boolean } {
  const space = new Space(world.story);
  for (const e of exprs) space.add(e);
  const leaves = [...space.leaves.values()].map((entry) => ({ key: entry.leaf.key, domain: domainOf(entry, world) }));
  const total = leaves.reduce((n, l) => n * l.domain.length, 1);
  if (total > MAX_COMBINATIONS) return { tried: false, approximate: true };
  const index = leaves.map(() => 0);
  const values = new Map<string, Value>();
  for (;;) {
    leaves.forEach((l, i) => values.set(l.key, l.domain[index[i] ?? 0] ?? false));
    if (possible(values) && visit(values, space)) break;
    let i = 0;
    while (i < leaves.length) {
      const next = (index[i] ?? 0) + 1;
      if (next < (leaves[i]?.domain.length ?? 0)) {
        index[i] = next;
        break;
      }
      index[i] = 0;
      i++;
    }
    if (i === leaves.length) break;
  }
  return { tried: true, approximate: space.approximate };
}

/** Whether all of `conds` can hold at once: `never` only when that is certain. */
export function canAllHold(conds: readonly Expr[], world: ConditionWorld): 'never' | 'possible' | 'unknown' {
  let found = false;
  const run = eachCombination(conds, world, (values, space) => {
    found = conds.every((c) => truthy(evaluate(c, values, space)));
    return found;
  });
  if (found) return 'possible';
  return run.tried && !run.approximate ? 'never' : 'unknown';
}

/**
 * True only when, whatever the state, at least one gate has all its
 * conditions holding (so a scene with these gates always offers a choice).
 */
export function coversEveryCase(gates: readonly (readonly Expr[])[], world: ConditionWorld): boolean {
  let gap = false;
  const run = eachCombination(gates.flat(), world, (values, space) => {
    gap = !gates.some((gate) => gate.every((c) => truthy(evaluate(c, values, space))));
    return gap;
  });
  return run.tried && !run.approximate && !gap;
}

/** Why conditions found never to hold cannot: the things they read that never change, or the bounds they read past. */
export function explainNever(conds: readonly Expr[], world: ConditionWorld): string {
  const { story } = world;
  const space = new Space(story);
  for (const c of conds) space.add(c);
  const fixed: string[] = [];
  const bounds: string[] = [];
  for (const entry of space.leaves.values()) {
    const [kind = '', name = ''] = splitKey(entry.leaf.key);
    const domain = domainOf(entry, world);
    const only = domain.length === 1 ? domain[0] : undefined;
    switch (kind) {
      case 'flag':
        if (only !== undefined) {
          const described = Object.hasOwn(story.flags, name) ? ', only described in story.yaml' : '';
          fixed.push(`flag '${name}' is never set by any effect${described}`);
        }
        break;
      case 'with':
        if (only !== undefined) fixed.push(`'${name}' never joins the party and is not in it at the start`);
        break;
      case 'count':
        if (only !== undefined) fixed.push(`item '${name}' is never given and is not in start_items`);
        break;
      case 'stat': {
        const def = Object.hasOwn(story.stats, name) ? story.stats[name] : undefined;
        if (only !== undefined) fixed.push(`stat '${name}' never changes from ${String(only)}`);
        else if (def !== undefined) bounds.push(`stat '${name}' stays within ${def.min}..${def.max}`);
        break;
      }
      case 'var':
        if (only !== undefined) fixed.push(`variable '${name}' is always "${String(only)}"`);
        break;
      case 'fate':
        if (only !== undefined) fixed.push(`no fate effect ever records a fate for '${name}'`);
        else if (entry.strs.size > 0) fixed.push(`the fates recorded for '${name}' are ${domain.filter((v) => v !== '').join(', ')}`);
        break;
      case 'since_exposed':
        if (only !== undefined) fixed.push(`no expose effect ever exposes '${name}'`);
        break;
      case 'bond':
        if (only !== undefined) fixed.push(`no bond effect ever changes '${name}''s bond from ${String(only)}`);
        else bounds.push(`a bond stays within ${BOND_MIN}..${BOND_MAX}`);
        break;
      default:
        break;
    }
  }
  const reasons = fixed.length > 0 ? fixed : bounds;
  return reasons.length > 0 ? reasons.join('; ') : 'it contradicts itself';
}
