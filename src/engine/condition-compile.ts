/**
 * The condition language's back end: checks an `Expr` against the story's
 * names and types and composes closures for it. Everything that can be
 * decided at load time is (names, types, literal arguments, constant parts),
 * so a compiled test only reads the state: no AST walk, no allocation.
 * Author-provided keys are read with `Object.hasOwn`, never plain indexing,
 * so `__proto__` or `constructor` cannot reach `Object.prototype`.
 */
import { dayAt, hourAt } from './clock.js';
import {
  andOf,
  arith,
  bool,
  boolConst,
  equality,
  notOf,
  num,
  orOf,
  order,
  type BoolT,
  type ConditionType,
  type NumT,
  type Typed,
} from './condition-closures.js';
import { ARG_WORDS, BUILTINS, FUNCTIONS, RESULT_VALUES, type ArgKind } from './condition-functions.js';
import { parseCondition, quote, type ConditionProblem } from './condition-parse.js';
import { POWERS, SYMPTOMS } from './infection.js';
import { own } from './records.js';
import { sortedHas } from './sorted.js';
import { didYouMean } from './condition-suggest.js';
import type { Condition, Expr, NumberExpr } from './condition-types.js';
import type { Clock } from './story-types.js';

/** The names a story defines, which conditions may refer to. */
export interface ConditionNames {
  readonly stats: ReadonlySet<string>;
  /** Flags that some effect sets (or the story declares). */
  readonly flags: ReadonlySet<string>;
  readonly characters: ReadonlySet<string>;
  /** Characters who have a bond with the player (`bond:` under `characters:`). */
  readonly bonds: ReadonlySet<string>;
  readonly scenes: ReadonlySet<string>;
  readonly vars: ReadonlySet<string>;
  readonly clock: Clock;
}

type CmpExpr = Extract<Expr, { kind: 'cmp' }>;
type CallExpr = Extract<Expr, { kind: 'call' }>;
type Span = { readonly start: number; readonly end: number };

const TYPE_WORDS: Readonly<Record<ConditionType, string>> = {
  bool: 'true/false',
  num: 'a number',
  str: 'a string',
};

const SYMPTOM_SET: ReadonlySet<string> = new Set(SYMPTOMS);
const POWER_SET: ReadonlySet<string> = new Set(POWERS);

/** One check-and-compile pass over an AST, collecting every problem. */
class Compiler {
  readonly problems: ConditionProblem[] = [];

  constructor(
    private readonly src: string,
    private readonly names: ConditionNames,
  ) {}

  private report(at: Span, message: string): null {
    this.problems.push({ start: at.start, end: at.end, message });
    return null;
  }

  private text(e: Span): string {
    return quote(this.src.slice(e.start, e.end));
  }

  build(e: Expr): Typed | null {
    switch (e.kind) {
      case 'num':
        return { type: 'num', fn: () => e.value, lit: e.value };
      case 'str':
        return { type: 'str', fn: () => e.value, lit: e.value };
      case 'bool':
        return boolConst(e.value);
      case 'name':
        return this.name(e.name, e);
      case 'call':
        return this.call(e);
      case 'not': {
        const arg = this.build(e.arg);
        const b = arg && this.asBool(arg, e.arg);
        return b && notOf(b);
      }
      case 'and':
      case 'or': {
        const l = this.build(e.left);
        const r = this.build(e.right);
        const lb = l && this.asBool(l, e.left);
        const rb = r && this.asBool(r, e.right);
        if (!lb || !rb) return null;
        return e.kind === 'and' ? andOf(lb, rb) : orOf(lb, rb);
      }
      case 'cmp':
        return this.cmp(e);
      case 'arith': {
        const l = this.build(e.left);
        const r = this.build(e.right);
        const verb = e.op === '+' ? 'adds' : 'subtracts';
        const ln = l && this.needNum(l, e.left, `'${e.op}' ${verb} numbers`);
        const rn = r && this.needNum(r, e.right, `'${e.op}' ${verb} numbers`);
        return ln && rn && arith(e.op, ln, rn);
      }
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  /** A value where true/false is expected: a number means "> 0"; a string is an error. */
  asBool(t: Typed, e: Expr): BoolT | null {
    switch (t.type) {
      case 'bool':
        return t;
      case 'num': {
        if (t.lit !== undefined) return boolConst(t.lit > 0);
        const f = t.fn;
        return bool((s) => f(s) > 0);
      }
      case 'str': {
        const x = this.text(e);
        const known = e.kind === 'call' ? RESULT_VALUES.get(e.fn) : undefined;
        const example = known === undefined ? '"..."' : `"${known.example}"`;
        return this.report(e, `'${x}' is a string, not true/false: compare it, e.g. '${x} == ${example}'`);
      }
      default: {
        const never: never = t;
        return never;
      }
    }
  }

  needNum(t: Typed, e: Expr, what: string): NumT | null {
    return t.type === 'num' ? t : this.report(e, `${what}, but '${this.text(e)}' is ${TYPE_WORDS[t.type]}`);
  }

  private name(n: string, at: Span): Typed | null {
    const { clock, stats, flags } = this.names;
    switch (n) {
      case 'day':
        return num((s) => dayAt(clock, s.time));
      case 'hour':
        return num((s) => hourAt(clock, s.time));
      case 'time':
        return num((s) => s.time);
      case 'hunger':
        return num((s) => own(s.characters, 'player')?.hunger ?? 0);
      case 'turn':
        return num((s) => s.turn);
    }
    if (stats.has(n)) return num((s) => own(s.stats, n) ?? 0);
    if (flags.has(n)) return bool((s) => sortedHas(s.flags, n));
    if (n === 'player') {
      return this.report(at, "'player' only works inside status(), hunger(), symptom(), power() or since_exposed(), e.g. status(player)");
    }
    const hint = didYouMean(n, [...BUILTINS, ...stats, ...flags]);
    return this.report(
      at,
      `unknown name '${quote(n)}': not a stat, a flag that is set anywhere, or a built-in (${BUILTINS.join(', ')})${hint}`,
    );
  }

  private call(e: CallExpr): Typed | null {
    const spec = FUNCTIONS.get(e.fn);
    if (spec === undefined) {
      // A parenthesised call's span starts at its '(', so find the name itself.
      const nameStart = this.src.indexOf(e.fn, e.start);
      const at = { start: nameStart, end: nameStart + e.fn.length };
      if (BUILTINS.includes(e.fn) || this.names.stats.has(e.fn) || this.names.flags.has(e.fn)) {
        return this.report(at, `'${e.fn}' is not a function: write '${e.fn}' without '()'`);
      }
      const known = [...FUNCTIONS.keys()];
      return this.report(
        at,
        `unknown function '${quote(e.fn)}': the functions are ${known.join(', ')}${didYouMean(e.fn, known)}`,
      );
    }
    const signature = spec.signatures.find((sig) => sig.length === e.args.length);
    if (signature === undefined) {
      const counts = spec.signatures.map((sig) => sig.length);
      const plural = counts.length > 1 || counts[0] !== 1 ? 's' : '';
      return this.report(e, `${e.fn}() takes ${counts.join(' or ')} argument${plural}, got ${e.args.length}`);
    }
    const values: string[] = [];
    signature.forEach((kind, i) => {
      const arg = e.args[i];
      const value = arg === undefined ? null : this.argument(e.fn, kind, arg);
      if (value !== null) values.push(value);
    });
    return values.length === signature.length ? spec.make(values) : null;
  }

  /** The literal id an argument names, checked against what the story defines. */
  private argument(fn: string, kind: ArgKind, arg: Expr): string | null {
    const { what, example } = ARG_WORDS[kind];
    const { characters } = this.names;
    if (kind === 'who') {
      if (arg.kind === 'name' && arg.name === 'player') return 'player';
      if (arg.kind === 'str' && arg.value === 'player') return 'player';
      if (arg.kind === 'name' && characters.has(arg.name)) {
        return this.report(arg, `${fn}() needs the ${what} in quotes: "${arg.name}"`);
      }
      if (arg.kind !== 'str') {
        return this.report(arg, `${fn}() needs player or a ${what} in quotes, e.g. ${fn}(player) or ${fn}("${example}")`);
      }
    } else if (arg.kind !== 'str') {
      const message =
        arg.kind === 'name' && arg.name !== 'player'
          ? `${fn}() needs the ${what} in quotes: "${quote(arg.name)}"`
          : `${fn}() needs the ${what} written as a string, e.g. "${example}"`;
      return this.report(arg, message);
    }
    const v = arg.value;
    switch (kind) {
      case 'item':
        return v;
      case 'who':
      case 'character':
        return this.known(arg, v, characters, 'character', 'not declared under characters: in story.yaml');
      case 'bonded':
        if (characters.has(v) && !this.names.bonds.has(v)) {
          return this.report(arg, `'${quote(v)}' has no bond: give them one under characters: in story.yaml, e.g. ${quote(v)}: { name: …, bond: 5 }`);
        }
        return this.known(arg, v, this.names.bonds, 'character', 'not declared under characters: in story.yaml');
      case 'scene':
        return this.known(arg, v, this.names.scenes, 'scene', 'no scene has this id');
      case 'var':
        return this.known(arg, v, this.names.vars, 'variable', 'not declared under vars: in story.yaml');
      case 'symptom':
        return this.known(arg, v, SYMPTOM_SET, 'symptom', `the symptoms are ${SYMPTOMS.join(', ')}`);
      case 'power':
        return this.known(arg, v, POWER_SET, 'power', `the powers are ${POWERS.join(', ')}`);
      default: {
        const never: never = kind;
        return never;
      }
    }
  }

  private known(at: Span, v: string, set: ReadonlySet<string>, what: string, why: string): string | null {
    if (set.has(v)) return v;
    return this.report(at, `unknown ${what} '${quote(v)}': ${why}${didYouMean(v, set)}`);
  }

  private cmp(e: CmpExpr): BoolT | null {
    const l = this.build(e.left);
    const r = this.build(e.right);
    if (!l || !r) return null;
    if (e.op === '==' || e.op === '!=') {
      if (l.type !== r.type) return this.mismatch(e, l, r);
      const statusOk = this.statusLiteral(e.left, e.right) && this.statusLiteral(e.right, e.left);
      return statusOk ? equality(e.op === '!=', l, r) : null;
    }
    const what = `'${e.op}' compares numbers`;
    const ln = this.needNum(l, e.left, what);
    const rn = this.needNum(r, e.right, what);
    return ln && rn && order(e.op, ln, rn);
  }

  private mismatch(e: CmpExpr, l: Typed, r: Typed): null {
    const numSide = l.type === 'num' ? e.left : e.right;
    const other = l.type === 'num' ? r : l;
    if (other.type === 'bool') {
      const x = this.text(numSide);
      return this.report(numSide, `'${x}' is a number; compare it, e.g. '${x} > 0'`);
    }
    return this.report(
      e,
      `'${e.op}' needs two values of the same type, but '${this.text(e.left)}' is ${TYPE_WORDS[l.type]} ` +
        `and '${this.text(e.right)}' is ${TYPE_WORDS[r.type]}`,
    );
  }

  /** `status(...) == "zombie"` or `fate(...) == "eaten"` can never hold, so it is an author's mistake. */
  private statusLiteral(call: Expr, lit: Expr): boolean {
    if (call.kind !== 'call' || lit.kind !== 'str') return true;
    const known = RESULT_VALUES.get(call.fn);
    if (known === undefined || known.values.includes(lit.value)) return true;
    const names = known.values.filter((v) => v !== '');
    const none = names.length < known.values.length ? ' (or "" for none)' : '';
    this.report(
      lit,
      `'${quote(lit.value)}' is not ${known.what}: use ${names.join(', ')}${none}${didYouMean(lit.value, names)}`,
    );
    return false;
  }
}

/** Parses, checks names and types, and compiles. Returns all problems (syntax first; if syntax is fine, all name/type problems). */
export function compileCondition(
  src: string,
  names: ConditionNames,
): { ok: true; condition: Condition } | { ok: false; problems: ConditionProblem[] } {
  const parsed = parseCondition(src);
  if (!parsed.ok) return parsed;
  const compiler = new Compiler(src, names);
  const typed = compiler.build(parsed.ast);
  const test = typed && compiler.asBool(typed, parsed.ast);
  if (test === null || compiler.problems.length > 0) {
    if (compiler.problems.length === 0) throw new Error(`bug: condition '${src}' failed without a problem`);
    return { ok: false, problems: [...compiler.problems].sort((a, b) => a.start - b.start) };
  }
  return { ok: true, condition: { src, ast: parsed.ast, test: test.fn } };
}

/**
 * Parses, checks and compiles a number expression (`noise`, `-noise`,
 * `stamina + supplies - 2`, `count("water")`): the condition language's
 * arithmetic, for effects that set or add a computed amount.
 */
export function compileNumber(
  src: string,
  names: ConditionNames,
): { ok: true; expr: NumberExpr } | { ok: false; problems: ConditionProblem[] } {
  // A leading minus negates the whole expression: `-noise` is `0 - noise`.
  const negate = /^\s*-/.test(src);
  const body = negate ? src.replace(/^(\s*)-/, '$1 ') : src;
  const parsed = parseCondition(body);
  if (!parsed.ok) return parsed;
  const compiler = new Compiler(body, names);
  const typed = compiler.build(parsed.ast);
  const n = typed && compiler.needNum(typed, parsed.ast, 'an amount must be a number');
  if (n === null || compiler.problems.length > 0) {
    if (compiler.problems.length === 0) throw new Error(`bug: number '${src}' failed without a problem`);
    return { ok: false, problems: [...compiler.problems].sort((a, b) => a.start - b.start) };
  }
  const f = n.fn;
  return { ok: true, expr: { src, ast: parsed.ast, value: negate ? (s) => -f(s) : f } };
}
