/**
 * The condition language's front end: source text to `Expr`. The lexer keeps
 * going after a mistake it can repair (`&&` is read as `and`, `=` as `==`), so
 * one pass reports every such slip; the parser stops at its first problem.
 */
import type { Expr } from './condition-types.js';

/** A problem in a condition, at `start`..`end` (0-based offsets, end exclusive). */
export interface ConditionProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** The longest condition source accepted. */
export const MAX_CONDITION_LENGTH = 2000;
/** The deepest nesting of parentheses, calls, `not` and unary `-`. */
export const MAX_CONDITION_DEPTH = 50;

type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
type TokenKind =
  | 'num' | 'str' | 'name' | 'and' | 'or' | 'not' | 'true' | 'false'
  | '(' | ')' | ',' | '+' | '-' | CmpOp | 'eof';

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** The number's value, the string's unescaped text, or the name. */
  readonly value: number | string;
}

const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['and', 'and'], ['or', 'or'], ['not', 'not'], ['true', 'true'], ['false', 'false'],
]);
const CMP_OPS: ReadonlySet<TokenKind> = new Set<TokenKind>(['==', '!=', '<', '<=', '>', '>=']);

/** Operators from other languages, read as ours after a problem is reported. */
const FOREIGN_OPS: readonly (readonly [string, TokenKind, string])[] = [
  ['===', '==', "use '=='"],
  ['!==', '!=', "use '!='"],
  ['&&', 'and', "use 'and'"],
  ['||', 'or', "use 'or'"],
  ['=<', '<=', "use '<='"],
  ['=>', '>=', "use '>='"],
  ['&', 'and', "use 'and'"],
  ['|', 'or', "use 'or'"],
];
const OPS: readonly (readonly [string, TokenKind])[] = [
  ['==', '=='], ['!=', '!='], ['<=', '<='], ['>=', '>='], ['<', '<'], ['>', '>'],
  ['(', '('], [')', ')'], [',', ','], ['+', '+'], ['-', '-'],
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);

/** Shortens source text quoted in a message. */
export function quote(text: string): string {
  return text.length > 30 ? `${text.slice(0, 27)}...` : text;
}

/** "column 4", or "line 2, column 3" in a multi-line condition. */
export function columnOf(src: string, offset: number): string {
  const lineStart = src.lastIndexOf('\n', offset - 1) + 1;
  const column = offset - lineStart + 1;
  if (lineStart === 0) return `column ${column}`;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (src[i] === '\n') line++;
  return `line ${line}, column ${column}`;
}

interface LexResult {
  readonly tokens: Token[];
  readonly problems: ConditionProblem[];
  /** A problem the parser cannot work around (a stray character, an open string). */
  readonly fatal: boolean;
}

function lex(src: string): LexResult {
  const tokens: Token[] = [];
  const problems: ConditionProblem[] = [];
  let fatal = false;
  const problem = (start: number, end: number, message: string): void => {
    problems.push({ start, end, message });
  };
  let i = 0;
  scan: while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (isDigit(src[i])) i++;
      if (src[i] === '.' && isDigit(src[i + 1])) {
        i++;
        while (isDigit(src[i])) i++;
      }
      const value = Number(src.slice(start, i));
      if (isNameChar(src[i]) || src[i] === '.') {
        while (isNameChar(src[i]) || src[i] === '.') i++;
        problem(start, i, `'${quote(src.slice(start, i))}' is not a number: write numbers like 12 or 3.5`);
      }
      tokens.push({ kind: 'num', start, end: i, value });
      continue;
    }
    if (isNameStart(c)) {
      while (isNameChar(src[i])) i++;
      while (src[i] === '.') {
        if (!isNameStart(src[i + 1])) {
          i++;
          while (isNameChar(src[i]) || src[i] === '.') i++;
          problem(start, i, `'${quote(src.slice(start, i))}' is not a name: each part after a '.' starts with a letter or '_'`);
          break;
        }
        i++;
        while (isNameChar(src[i])) i++;
      }
      const name = src.slice(start, i);
      tokens.push({ kind: KEYWORDS.get(name) ?? 'name', start, end: i, value: name });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      for (;;) {
        const d = src[i];
        if (d === undefined) {
          problem(start, src.length, `unterminated string: add the closing ${c}`);
          fatal = true;
          break;
        }
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = src[i + 1];
          if (e === '"' || e === "'" || e === '\\') {
            value += e;
            i += 2;
            continue;
          }
          const shown = e === undefined ? '\\' : `\\${e}`;
          problem(i, Math.min(i + 2, src.length), `unknown escape '${shown}' in a string: only \\", \\' and \\\\ are allowed`);
          i++;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'str', start, end: i, value });
      continue;
    }
    for (const [text, kind, advice] of FOREIGN_OPS) {
      if (src.startsWith(text, i)) {
        problem(i, i + text.length, `unexpected '${text}': ${advice}`);
        i += text.length;
        tokens.push({ kind, start, end: i, value: text });
        continue scan;
      }
    }
    for (const [text, kind] of OPS) {
      if (src.startsWith(text, i)) {
        i += text.length;
        tokens.push({ kind, start, end: i, value: text });
        continue scan;
      }
    }
    if (c === '=') {
      problem(i, i + 1, "unexpected '=': use '==' to compare");
      tokens.push({ kind: '==', start, end: ++i, value: '=' });
      continue;
    }
    if (c === '!') {
      problem(i, i + 1, "unexpected '!': use 'not'");
      tokens.push({ kind: 'not', start, end: ++i, value: '!' });
      continue;
    }
    // Step over a whole code point so an offset never splits a surrogate pair.
    const ch = String.fromCodePoint(src.codePointAt(i) ?? 0);
    i += ch.length;
    fatal = true;
    const advice = '“”‘’„«»'.includes(ch) ? `: use straight quotes, " or '` : '';
    problem(start, i, `unexpected character '${ch}'${advice}`);
  }
  tokens.push({ kind: 'eof', start: src.length, end: src.length, value: '' });
  return { tokens, problems, fatal };
}

/** Thrown inside the parser to stop at its first problem; never escapes this module. */
class ParseStop {
  constructor(readonly problem: ConditionProblem) {}
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): Expr {
    const expr = this.parseOr();
    const t = this.peek();
    if (t.kind === 'eof') return expr;
    if (t.kind === ')') this.stop(t, "unexpected ')': there is no '(' for it to close");
    if (['num', 'str', 'name', 'true', 'false', 'not', '('].includes(t.kind)) {
      this.stop(t, `unexpected ${this.show(t)}: join conditions with 'and' or 'or'`);
    }
    this.stop(t, `unexpected ${this.show(t)}`);
  }

  private peek(): Token {
    // The token list always ends with 'eof' and `pos` never passes it.
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private show(t: Token): string {
    return t.kind === 'eof' ? 'the end of the condition' : `'${quote(this.src.slice(t.start, t.end))}'`;
  }

  private stop(t: { start: number; end: number }, message: string): never {
    throw new ParseStop({ start: t.start, end: t.end, message });
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_CONDITION_DEPTH) {
      this.stop(t, `nested too deeply (more than ${MAX_CONDITION_DEPTH} levels): simplify the condition`);
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.peek().kind === 'or') {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.peek().kind === 'and') {
      this.next();
      const right = this.parseNot();
      left = { kind: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseNot(): Expr {
    const t = this.peek();
    if (t.kind !== 'not') return this.parseCmp();
    this.next();
    this.enter(t);
    const arg = this.parseNot();
    this.depth--;
    return { kind: 'not', arg, start: t.start, end: arg.end };
  }

  private parseCmp(): Expr {
    const left = this.parseAdd();
    const t = this.peek();
    if (!CMP_OPS.has(t.kind)) return left;
    this.next();
    const right = this.parseAdd();
    const again = this.peek();
    if (CMP_OPS.has(again.kind)) {
      this.stop(again, `comparisons cannot be chained: write 'a < b and b < c'`);
    }
    return { kind: 'cmp', op: t.kind as CmpOp, left, right, start: left.start, end: right.end };
  }

  private parseAdd(): Expr {
    let left = this.parseUnary();
    for (let t = this.peek(); t.kind === '+' || t.kind === '-'; t = this.peek()) {
      this.next();
      const right = this.parseUnary();
      left = { kind: 'arith', op: t.kind, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind !== '-') return this.parsePrimary();
    this.next();
    this.enter(t);
    const arg = this.parseUnary();
    this.depth--;
    // The AST has no negation node: a literal folds, anything else is `0 - x`.
    if (arg.kind === 'num') return { kind: 'num', value: -arg.value, start: t.start, end: arg.end };
    const zero: Expr = { kind: 'num', value: 0, start: t.start, end: t.start };
    return { kind: 'arith', op: '-', left: zero, right: arg, start: t.start, end: arg.end };
  }

  private parsePrimary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'num':
        return { kind: 'num', value: t.value as number, start: t.start, end: t.end };
      case 'str':
        return { kind: 'str', value: t.value as string, start: t.start, end: t.end };
      case 'true':
      case 'false':
        return { kind: 'bool', value: t.kind === 'true', start: t.start, end: t.end };
      case 'name':
        return this.peek().kind === '(' ? this.parseCall(t) : { kind: 'name', name: t.value as string, start: t.start, end: t.end };
      case '(': {
        this.enter(t);
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== ')') {
          this.stop(close, `expected ')' to close '(' at ${columnOf(this.src, t.start)}`);
        }
        this.next();
        this.depth--;
        // The span takes in the parentheses, so a parent's span always covers its children's.
        return { ...inner, start: t.start, end: close.end };
      }
      case 'not':
        return this.stop(t, "unexpected 'not' here: wrap it in parentheses, e.g. 'a == (not b)'");
      case 'eof': {
        const prev = this.tokens[this.pos - 1];
        if (prev === undefined) return this.stop({ start: 0, end: this.src.length }, 'the condition is empty: write one, e.g. has("key")');
        return this.stop(t, `expected a value after ${this.show(prev)}`);
      }
      case 'and':
      case 'or':
      case ')':
      case ',':
      case '+':
      case '-':
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.stop(t, `expected a value before ${this.show(t)}`);
      default: {
        const never: never = t.kind;
        return never;
      }
    }
  }

  private parseCall(name: Token): Expr {
    const open = this.next();
    this.enter(open);
    const args: Expr[] = [];
    if (this.peek().kind === ')') {
      this.next();
    } else {
      for (;;) {
        args.push(this.parseOr());
        const t = this.next();
        if (t.kind === ')') break;
        if (t.kind !== ',') {
          this.stop(t, `expected ',' or ')' after an argument of ${name.value as string}() at ${columnOf(this.src, open.start)}`);
        }
      }
    }
    this.depth--;
    const close = this.tokens[this.pos - 1] as Token;
    return { kind: 'call', fn: name.value as string, args, start: name.start, end: close.end };
  }
}

/** Parses source into an AST, or returns every syntax problem found (at least one). */
export function parseCondition(src: string): { ok: true; ast: Expr } | { ok: false; problems: ConditionProblem[] } {
  if (src.length > MAX_CONDITION_LENGTH) {
    const message = `the condition is too long: ${src.length} characters, at most ${MAX_CONDITION_LENGTH}`;
    return { ok: false, problems: [{ start: 0, end: src.length, message }] };
  }
  const { tokens, problems, fatal } = lex(src);
  if (!fatal) {
    try {
      const ast = new Parser(src, tokens).parse();
      if (problems.length === 0) return { ok: true, ast };
    } catch (e) {
      if (!(e instanceof ParseStop)) throw e;
      problems.push(e.problem);
    }
  }
  problems.sort((a, b) => a.start - b.start);
  return { ok: false, problems };
}
