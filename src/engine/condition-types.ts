/**
 * The condition language as the engine keeps it: the parsed expression, and
 * a condition or a number compiled from it (see condition.ts). The compiled
 * closures are rebuilt from source every time a story is loaded.
 */
import type { GameState } from './state-types.js';

/** A parsed condition expression. `start`/`end` are offsets in `src`. */
export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: 'str'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'name'; readonly name: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'call';
      readonly fn: string;
      readonly args: readonly Expr[];
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'not'; readonly arg: Expr; readonly start: number; readonly end: number }
  | {
      readonly kind: 'and' | 'or';
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'cmp';
      readonly op: '==' | '!=' | '<' | '<=' | '>' | '>=';
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'arith';
      readonly op: '+' | '-';
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
    };

/** A number computed from the state (`-noise`, `stamina + supplies`), for effects: source, AST, compiled value. */
export interface NumberExpr {
  readonly src: string;
  readonly ast: Expr;
  readonly value: (state: GameState) => number;
}

/** A condition as the engine uses it: its source, its AST and a compiled test. */
export interface Condition {
  readonly src: string;
  readonly ast: Expr;
  readonly test: (state: GameState) => boolean;
}
