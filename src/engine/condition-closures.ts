/**
 * What a compiled condition is made of: typed closures over the state, and
 * how they combine. A part whose value is known at load time carries it
 * (`lit`), so constants fold here and a compiled test only reads the state.
 */
import type { GameState } from './state-types.js';

/** A value type in the condition language. */
export type ConditionType = 'bool' | 'num' | 'str';

/** A closure over the state. */
export type Fn<T> = (state: GameState) => T;
/** A checked number expression: its type, its closure, and its value when it is a constant. */
export interface NumT { readonly type: 'num'; readonly fn: Fn<number>; readonly lit?: number }
/** A checked true/false expression. */
export interface BoolT { readonly type: 'bool'; readonly fn: Fn<boolean>; readonly lit?: boolean }
/** A checked string expression. */
export interface StrT { readonly type: 'str'; readonly fn: Fn<string>; readonly lit?: string }
/** A checked expression of any type. */
export type Typed = NumT | BoolT | StrT;

/** A number closure. */
export const num = (fn: Fn<number>): NumT => ({ type: 'num', fn });
/** A true/false closure. */
export const bool = (fn: Fn<boolean>): BoolT => ({ type: 'bool', fn });
/** A string closure. */
export const str = (fn: Fn<string>): StrT => ({ type: 'str', fn });
/** A true/false constant. */
export const boolConst = (v: boolean): BoolT => ({ type: 'bool', fn: v ? () => true : () => false, lit: v });

/** `a and b`. */
export function andOf(a: BoolT, b: BoolT): BoolT {
  if (a.lit !== undefined) return a.lit ? b : a;
  if (b.lit !== undefined) return b.lit ? a : b;
  const f = a.fn;
  const g = b.fn;
  return bool((s) => f(s) && g(s));
}

/** `a or b`. */
export function orOf(a: BoolT, b: BoolT): BoolT {
  if (a.lit !== undefined) return a.lit ? a : b;
  if (b.lit !== undefined) return b.lit ? b : a;
  const f = a.fn;
  const g = b.fn;
  return bool((s) => f(s) || g(s));
}

/** `not a`. */
export function notOf(a: BoolT): BoolT {
  if (a.lit !== undefined) return boolConst(!a.lit);
  const f = a.fn;
  return bool((s) => !f(s));
}

/** `l == r`, or `l != r` when `negate`. */
export function equality(negate: boolean, l: Typed, r: Typed): BoolT {
  if (l.lit !== undefined && r.lit !== undefined) return boolConst(l.lit === r.lit !== negate);
  const f: Fn<unknown> = l.fn;
  const g: Fn<unknown> = r.fn;
  if (r.lit !== undefined || l.lit !== undefined) {
    const c = r.lit ?? l.lit;
    const h = r.lit !== undefined ? f : g;
    return bool(negate ? (s) => h(s) !== c : (s) => h(s) === c);
  }
  return bool(negate ? (s) => f(s) !== g(s) : (s) => f(s) === g(s));
}

/** An ordering operator. */
export type OrderOp = '<' | '<=' | '>' | '>=';
const FLIPPED: Readonly<Record<OrderOp, OrderOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function compare(op: OrderOp, x: number, y: number): boolean {
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    default: {
      const never: never = op;
      return never;
    }
  }
}

/** `f(state) op c`, with the operator chosen once, here. */
function orderConst(op: OrderOp, f: Fn<number>, c: number): BoolT {
  switch (op) {
    case '<': return bool((s) => f(s) < c);
    case '<=': return bool((s) => f(s) <= c);
    case '>': return bool((s) => f(s) > c);
    case '>=': return bool((s) => f(s) >= c);
    default: {
      const never: never = op;
      return never;
    }
  }
}

/** `l op r`. */
export function order(op: OrderOp, l: NumT, r: NumT): BoolT {
  if (l.lit !== undefined && r.lit !== undefined) return boolConst(compare(op, l.lit, r.lit));
  if (r.lit !== undefined) return orderConst(op, l.fn, r.lit);
  if (l.lit !== undefined) return orderConst(FLIPPED[op], r.fn, l.lit);
  const f = l.fn;
  const g = r.fn;
  switch (op) {
    case '<': return bool((s) => f(s) < g(s));
    case '<=': return bool((s) => f(s) <= g(s));
    case '>': return bool((s) => f(s) > g(s));
    case '>=': return bool((s) => f(s) >= g(s));
    default: {
      const never: never = op;
      return never;
    }
  }
}

/** `l + r` or `l - r`. */
export function arith(op: '+' | '-', l: NumT, r: NumT): NumT {
  const sign = op === '+' ? 1 : -1;
  if (l.lit !== undefined && r.lit !== undefined) {
    const v = l.lit + sign * r.lit;
    return { type: 'num', fn: () => v, lit: v };
  }
  const f = l.fn;
  const g = r.fn;
  if (r.lit !== undefined) {
    const c = sign * r.lit;
    return num((s) => f(s) + c);
  }
  if (l.lit !== undefined) {
    const c = l.lit;
    return num(op === '+' ? (s) => c + g(s) : (s) => c - g(s));
  }
  return num(op === '+' ? (s) => f(s) + g(s) : (s) => f(s) - g(s));
}
