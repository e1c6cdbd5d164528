/**
 * What a condition reads, for the analyses in condition-domains.ts: its
 * leaves (a flag, a stat, `count("water")`, `status("onjo")`...), each with
 * the constants the condition compares it with, and whether comparing
 * changing things with each other makes sampling approximate.
 */
import type { Expr } from '../engine/condition-types.js';
import type { Story } from '../engine/story-types.js';

/** A value a leaf can take. */
export type Value = number | boolean | string;
type LeafType = 'num' | 'bool' | 'str';

/** One thing a condition reads, identified by a key such as `stat:noise` or `count:water`. */
export interface Leaf {
  readonly key: string;
  readonly type: LeafType;
}

const BUILTIN_NUMS = new Set(['day', 'hour', 'time', 'turn']);

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
export class Space {
  readonly leaves = new Map<string, { leaf: Leaf; nums: Set<number>; strs: Set<string> }>();
  /** Set when sampling may miss a deciding value (see condition-domains.ts). */
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

  /** Registers every leaf `e` reads. */
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
