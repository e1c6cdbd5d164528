/**
 * The condition language authors write in `if:` and `requires:` (see
 * "Conditions" in docs/AUTHORING.md): parsing lives in condition-parse.ts,
 * checking and compiling in condition-compile.ts (with the closures it
 * builds in condition-closures.ts and the functions in
 * condition-functions.ts); this module is the public face and adds the
 * static analysis the author tools use.
 */
import { BUILTINS, FUNCTIONS, type ArgKind } from './condition-functions.js';
import type { Expr } from './condition-types.js';

export { parseCondition, MAX_CONDITION_DEPTH, MAX_CONDITION_LENGTH } from './condition-parse.js';
export type { ConditionProblem } from './condition-parse.js';
export { compileCondition, compileNumber } from './condition-compile.js';
export type { ConditionNames } from './condition-compile.js';

/** What a condition refers to, each list in order of first appearance. */
export interface ConditionReferences {
  flags: string[];
  stats: string[];
  items: string[];
  characters: string[];
  scenes: string[];
}

type Context = 'bool' | 'num' | 'any';

/** Whether an expression is certainly a number (`num`), certainly true/false (`bool`), or unknown. */
function typeHint(e: Expr, stats: ReadonlySet<string> | undefined): Context {
  switch (e.kind) {
    case 'num':
    case 'arith':
      return 'num';
    case 'bool':
    case 'not':
    case 'and':
    case 'or':
    case 'cmp':
      return 'bool';
    case 'str':
      return 'any';
    case 'name':
      if (BUILTINS.includes(e.name) || stats?.has(e.name)) return 'num';
      return stats === undefined ? 'any' : 'bool';
    case 'call': {
      const result = FUNCTIONS.get(e.fn)?.result;
      return result === 'num' || result === 'bool' ? result : 'any';
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

const ARG_LISTS: Partial<Record<ArgKind, keyof ConditionReferences>> = {
  item: 'items',
  character: 'characters',
  bonded: 'characters',
  who: 'characters',
  scene: 'scenes',
};

/**
 * The names of flags, stats, items, characters, scenes a condition refers to (for the author tools' static analysis).
 * The AST alone cannot tell a stat from a flag, so without `names` a bare name counts as a
 * stat where it is used as a number (`noise > 3`, `noise + 1`) and as a flag otherwise; pass the story's stats to be exact.
 */
export function referencesOf(
  ast: Expr,
  names?: { readonly stats: ReadonlySet<string> },
): ConditionReferences {
  const refs: ConditionReferences = { flags: [], stats: [], items: [], characters: [], scenes: [] };
  const add = (list: keyof ConditionReferences, name: string): void => {
    if (!refs[list].includes(name)) refs[list].push(name);
  };
  const stats = names?.stats;
  const walk = (e: Expr, context: Context): void => {
    switch (e.kind) {
      case 'num':
      case 'str':
      case 'bool':
        return;
      case 'name':
        if (BUILTINS.includes(e.name) || e.name === 'player') return;
        if (stats !== undefined) add(stats.has(e.name) ? 'stats' : 'flags', e.name);
        else add(context === 'num' ? 'stats' : 'flags', e.name);
        return;
      case 'call': {
        const spec = FUNCTIONS.get(e.fn);
        const signature = spec?.signatures.find((sig) => sig.length === e.args.length);
        e.args.forEach((arg, i) => {
          const list = signature?.[i] === undefined ? undefined : ARG_LISTS[signature[i]];
          if (list !== undefined && arg.kind === 'str' && arg.value !== 'player') add(list, arg.value);
        });
        return;
      }
      case 'not':
        return walk(e.arg, 'bool');
      case 'and':
      case 'or':
        walk(e.left, 'bool');
        return walk(e.right, 'bool');
      case 'cmp': {
        let side: Context = 'num';
        if (e.op === '==' || e.op === '!=') {
          const l = typeHint(e.left, stats);
          side = l !== 'any' ? l : typeHint(e.right, stats);
        }
        walk(e.left, side);
        return walk(e.right, side);
      }
      case 'arith':
        walk(e.left, 'num');
        return walk(e.right, 'num');
      default: {
        const never: never = e;
        return never;
      }
    }
  };
  walk(ast, 'bool');
  return refs;
}
