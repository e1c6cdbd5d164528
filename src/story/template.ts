/**
 * Text templates and scene text paragraphs. A template is literal text with
 * `{name}` placeholders, inline conditions `{if COND: shown | otherwise}`
 * and variations by visit `{seq: first | second | after}` (also `cycle`,
 * `once`, `shuffle`); `{{` and `}}` are literal braces. Offsets in results
 * are into the string given, so callers can point at the source.
 */
import type { Condition } from '../engine/condition-types.js';
import type { TemplatePart, VaryMode } from '../engine/text-types.js';

/** A template problem at an offset of the parsed string. */
export interface TemplateProblem {
  readonly offset: number;
  readonly message: string;
}

/** A placeholder found in a template, for the caller to check against known names. */
export interface Placeholder {
  readonly name: string;
  readonly offset: number;
}

/** A template as parsed, before its inline conditions are compiled. */
export type RawPart =
  | string
  | { readonly name: string }
  | { readonly kind: 'if'; readonly cond: string; readonly offset: number; readonly then: RawPart[]; readonly else: RawPart[] }
  | { readonly kind: 'vary'; readonly mode: VaryMode; readonly options: RawPart[][] };

const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const VARY_MODES: readonly VaryMode[] = ['seq', 'cycle', 'once', 'shuffle'];
/** ink's marks for the variations: `{&a|b}` cycle, `{!a|b}` once, `{~a|b}` shuffle (no mark: a sequence). */
const SIGILS: ReadonlyMap<string, VaryMode> = new Map([
  ['&', 'cycle'],
  ['!', 'once'],
  ['~', 'shuffle'],
]);
const BLOCK_START = /^(if\s|seq\s*:|cycle\s*:|once\s*:|shuffle\s*:)/;
/** How deep inline blocks may nest: enough for any sentence, not for a parser bomb. */
const MAX_BLOCK_DEPTH = 8;

/** Splits `src` into literal text, placeholders, inline conditions and variations. */
export function parseTemplate(src: string): {
  parts: RawPart[];
  placeholders: Placeholder[];
  problems: TemplateProblem[];
} {
  // Most texts have no braces at all: one literal part.
  if (!src.includes('{') && !src.includes('}')) return { parts: src === '' ? [] : [src], placeholders: [], problems: [] };
  const parser = new TemplateParser(src);
  const parts = parser.sequence(0, 0).parts;
  return { parts, placeholders: parser.placeholders, problems: parser.problems };
}

/** Whether a parsed template is only literal text and placeholders (no inline logic). */
export function isSimple(parts: readonly RawPart[]): parts is (string | { readonly name: string })[] {
  return parts.every((p) => typeof p === 'string' || 'name' in p);
}

/**
 * A parsed template with its inline conditions compiled by `compile`
 * (given a condition's source and its offset in the template); undefined
 * when one does not compile (`compile` has reported why).
 */
export function compileTemplateParts(
  parts: readonly RawPart[],
  compile: (src: string, offset: number) => Condition | undefined,
): TemplatePart[] | undefined {
  let ok = true;
  const build = (raw: readonly RawPart[]): TemplatePart[] =>
    raw.map((part): TemplatePart => {
      if (typeof part === 'string' || 'name' in part) return part;
      if (part.kind === 'vary') return { kind: 'vary', mode: part.mode, options: part.options.map(build) };
      const cond = compile(part.cond, part.offset);
      if (cond === undefined) ok = false;
      // A placeholder condition keeps the shape; the template is refused anyway.
      return { kind: 'if', cond: cond ?? NEVER, then: build(part.then), else: build(part.else) };
    });
  const built = build(parts);
  return ok ? built : undefined;
}

const NEVER: Condition = { src: 'false', ast: { kind: 'bool', value: false, start: 0, end: 5 }, test: () => false };

class TemplateParser {
  readonly placeholders: Placeholder[] = [];
  readonly problems: TemplateProblem[] = [];
  private i = 0;

  constructor(private readonly src: string) {}

  /**
   * Literal text and placeholders from the current position, to the end of
   * the text or (inside a block, `depth` > 0) to the next `|` or `}`.
   */
  sequence(depth: number, blockStart: number): { parts: RawPart[]; end: '|' | '}' | 'eof' } {
    const { src } = this;
    const parts: RawPart[] = [];
    let literal = '';
    const flush = () => {
      if (literal !== '') parts.push(literal);
      literal = '';
    };
    while (this.i < src.length) {
      const ch = src[this.i];
      if (ch === '{' && src[this.i + 1] === '{') {
        literal += '{';
        this.i += 2;
      } else if (depth === 0 && ch === '}' && src[this.i + 1] === '}') {
        literal += '}';
        this.i += 2;
      } else if (depth > 0 && (ch === '|' || ch === '}')) {
        this.i += 1;
        flush();
        return { parts: parts.slice(), end: ch };
      } else if (ch === '{') {
        flush();
        const part = this.brace(depth);
        if (part !== undefined) parts.push(part);
      } else if (ch === '}') {
        this.problems.push({ offset: this.i, message: "a '}' with no '{' before it: write '}}' for a literal brace" });
        this.i += 1;
      } else {
        // Plain text up to the next special character is copied in one piece.
        const next = this.nextSpecial(this.i + 1, depth > 0);
        literal += src.slice(this.i, next);
        this.i = next;
      }
    }
    flush();
    if (depth > 0) {
      this.problems.push({ offset: blockStart, message: "this '{' is never closed: end the block with '}'" });
    }
    // `parts` is kept by the compiled story: copied at its exact size (push leaves room for 16).
    return { parts: parts.slice(), end: 'eof' };
  }

  /** A `{...}` at the current position: a placeholder, an inline condition or a variation. */
  private brace(depth: number): RawPart | undefined {
    const { src } = this;
    const open = this.i;
    const rest = src.slice(open + 1, open + 12);
    if (BLOCK_START.test(rest)) {
      if (depth >= MAX_BLOCK_DEPTH) {
        this.problems.push({ offset: open, message: `inline blocks nested more than ${MAX_BLOCK_DEPTH} deep: simplify this text` });
        this.i = src.length;
        return undefined;
      }
      return rest.startsWith('if') ? this.condition(open, depth) : this.variation(open, depth);
    }
    // ink's short forms: {a|b} a sequence, {&a|b} a cycle, {!a|b} once, {~a|b} a shuffle.
    const sigil = SIGILS.get(src[open + 1] ?? '');
    if (sigil !== undefined || this.hasBarBeforeClose(open + 1)) {
      if (depth >= MAX_BLOCK_DEPTH) {
        this.problems.push({ offset: open, message: `inline blocks nested more than ${MAX_BLOCK_DEPTH} deep: simplify this text` });
        this.i = src.length;
        return undefined;
      }
      this.i = open + (sigil === undefined ? 1 : 2);
      // ink's forms keep every space: `{a| b}` is "a", then " b".
      return this.options(sigil ?? 'seq', open, depth, false);
    }
    const close = src.indexOf('}', open + 1);
    const nested = src.indexOf('{', open + 1);
    if (close < 0 || (nested >= 0 && nested < close)) {
      this.problems.push({ offset: open, message: "unclosed '{': close it with '}', or write '{{' for a literal brace" });
      this.i = open + 1;
      return depth === 0 ? '{' : undefined;
    }
    const name = src.slice(open + 1, close);
    this.i = close + 1;
    if (!PLACEHOLDER_NAME.test(name)) {
      this.problems.push({
        offset: open,
        message:
          `'{${name}}' is not a placeholder: write {name} with a variable or stat name, ` +
          `{if CONDITION: text | other text}, {seq: a | b} (or cycle, once, shuffle), or '{{' for a literal brace`,
      });
      return undefined;
    }
    this.placeholders.push({ name, offset: open });
    return { name };
  }

  /** `{if COND: then | else}` (the `| else` may be left out). */
  private condition(open: number, depth: number): RawPart | undefined {
    const { src } = this;
    const condStart = src.indexOf('if', open) + 2;
    const colon = colonOutsideQuotes(src, condStart);
    if (colon < 0) {
      this.problems.push({ offset: open, message: "an inline condition needs ':' after it: {if CONDITION: text | other text}" });
      this.i = src.length;
      return undefined;
    }
    const cond = src.slice(condStart, colon);
    const offset = condStart + (cond.length - cond.trimStart().length);
    this.i = colon + 1;
    const first = this.sequence(depth + 1, open);
    let second: RawPart[] = [];
    if (first.end === '|') {
      const next = this.sequence(depth + 1, open);
      second = next.parts;
      if (next.end === '|') {
        this.problems.push({ offset: open, message: "an inline condition has two texts at most: {if CONDITION: text | other text}" });
        this.skipBlock(depth);
      }
    }
    if (cond.trim() === '') {
      this.problems.push({ offset: open, message: 'an inline condition needs a condition: {if CONDITION: text}' });
      return undefined;
    }
    return { kind: 'if', cond: cond.trim(), offset, then: trimEdges(first.parts), else: trimEdges(second) };
  }

  /** `{seq: a | b | c}`, `{cycle: …}`, `{once: …}`, `{shuffle: …}`. */
  private variation(open: number, depth: number): RawPart | undefined {
    const { src } = this;
    const colon = src.indexOf(':', open);
    const mode = src.slice(open + 1, colon).trim() as VaryMode;
    if (!VARY_MODES.includes(mode)) return undefined;
    this.i = colon + 1;
    return this.options(mode, open, depth, true);
  }

  /** The options of a variation, from the current position to its `}`; `trim`: one space around each goes. */
  private options(mode: VaryMode, open: number, depth: number, trim: boolean): RawPart {
    const options: RawPart[][] = [];
    for (;;) {
      const option = this.sequence(depth + 1, open);
      options.push(trim ? trimEdges(option.parts) : option.parts);
      if (option.end !== '|') break;
    }
    return { kind: 'vary', mode, options };
  }

  /** Whether a `|` comes before the `}` that closes the brace opened just before `from` (nested braces skipped). */
  private hasBarBeforeClose(from: number): boolean {
    let depth = 0;
    for (let j = from; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) return false;
        depth--;
      } else if (c === '|' && depth === 0) return true;
    }
    return false;
  }

  /** Skips to the `}` that closes the current block. */
  private skipBlock(depth: number): void {
    while (this.i < this.src.length && this.sequence(depth + 1, this.i).end === '|') {
      // Each further option is read and dropped.
    }
  }

  /** The index of the next character that means something to the parser, from `from` on. */
  private nextSpecial(from: number, inBlock: boolean): number {
    const { src } = this;
    for (let j = from; j < src.length; j++) {
      const c = src[j];
      if (c === '{' || c === '}' || (inBlock && c === '|')) return j;
    }
    return src.length;
  }
}

/** The first `:` at or after `from` that is not inside a quoted string. */
function colonOutsideQuotes(src: string, from: number): number {
  let quote = '';
  for (let j = from; j < src.length; j++) {
    const c = src[j]!;
    if (quote !== '') {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ':') return j;
    else if (c === '}' || c === '{') return -1;
  }
  return -1;
}

/**
 * The option's text without the one space on each side that sets it apart
 * from `:` and `|`: `{seq: a | b}` shows "a", then "b". A second space is
 * kept, so `walk{if hurt:  slowly}` can carry its own space.
 */
function trimEdges(parts: RawPart[]): RawPart[] {
  const out = parts.slice();
  if (typeof out[0] === 'string') out[0] = out[0].replace(/^[ \t\n]/, '');
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).replace(/[ \t\n]$/, '');
  return out.filter((p) => p !== '');
}

/** A paragraph of a text value and where it starts in that value. */
export interface ParagraphSource {
  readonly text: string;
  readonly offset: number;
}

/**
 * Splits text into paragraphs on blank lines and trims each. Single line
 * breaks become spaces, unless `keepLineBreaks` (the author wrote a `|`
 * block, whose breaks are deliberate). Lengths are kept, so offsets into a
 * paragraph are offsets into the value from `offset` on.
 */
export function splitParagraphs(value: string, keepLineBreaks: boolean): ParagraphSource[] {
  // Most values are one line: one paragraph, with nothing to split or join.
  if (!value.includes('\n')) {
    const text = value.trim();
    return text === '' ? [] : [{ text, offset: value.length - value.trimStart().length }];
  }
  const result: ParagraphSource[] = [];
  const blank = /\n[ \t]*\n(?:[ \t]*\n)*/g;
  let start = 0;
  const push = (end: number) => {
    const chunk = value.slice(start, end);
    const lead = chunk.length - chunk.trimStart().length;
    const text = chunk.trim();
    if (text !== '') {
      result.push({ text: keepLineBreaks ? text : text.replace(/\n/g, ' '), offset: start + lead });
    }
  };
  for (const m of value.matchAll(blank)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(value.length);
  return result;
}

/** Words in a text (runs of non-space characters, as `\s` counts spaces), for the story's size statistics. */
export function countWords(text: string): number {
  // Counted in place: splitting a large story into an array of words costs more than the rest of the count.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Whether a UTF-16 code unit is white space to a regular expression's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
