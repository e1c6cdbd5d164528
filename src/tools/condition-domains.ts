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
import type { Expr } from '../engine/condition-types.js';
import { domainOf, splitKey, type ConditionWorld } from './condition-leaf-domains.js';
import { Space, type Value } from './condition-leaves.js';

// Past this many combinations the question is left open: a condition that
// reads more than a dozen things is not "obviously" anything.
const MAX_COMBINATIONS = 20_000;

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
