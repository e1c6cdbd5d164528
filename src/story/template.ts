/**
 * Text templates (`Your name is {name}.`) and scene text paragraphs. Offsets
 * in results are into the string given, so callers can point at the source.
 */
import type { TemplatePart } from '../engine/types.js';

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

const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Splits `src` into literal text and `{name}` placeholders; `{{` and `}}` are literal braces. */
export function parseTemplate(src: string): {
  parts: TemplatePart[];
  placeholders: Placeholder[];
  problems: TemplateProblem[];
} {
  // Most texts have no braces at all: one literal part.
  if (!src.includes('{') && !src.includes('}')) return { parts: src === '' ? [] : [src], placeholders: [], problems: [] };
  const parts: TemplatePart[] = [];
  const placeholders: Placeholder[] = [];
  const problems: TemplateProblem[] = [];
  let literal = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '{' && src[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (ch === '}' && src[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '{') {
      const close = src.indexOf('}', i + 1);
      const open = src.indexOf('{', i + 1);
      if (close < 0 || (open >= 0 && open < close)) {
        problems.push({ offset: i, message: "unclosed '{': close it with '}', or write '{{' for a literal brace" });
        literal += ch;
        i += 1;
        continue;
      }
      const name = src.slice(i + 1, close);
      if (!PLACEHOLDER_NAME.test(name)) {
        problems.push({
          offset: i,
          message: `'{${name}}' is not a placeholder: write {name} with a variable or stat name, or '{{' for a literal brace`,
        });
      } else {
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push({ name });
        placeholders.push({ name, offset: i });
      }
      i = close + 1;
    } else {
      // Plain text up to the next brace is copied in one piece, not a character at a time.
      const next = nextBrace(src, i + 1);
      literal += src.slice(i, next);
      i = next;
    }
  }
  if (literal !== '') parts.push(literal);
  // `parts` is kept by the compiled story: copied at its exact size (push leaves room for 16).
  return { parts: parts.slice(), placeholders, problems };
}

/** The index of the next `{` or `}` in `src` from `from` on; `src.length` when there is none. */
function nextBrace(src: string, from: number): number {
  const open = src.indexOf('{', from);
  const close = src.indexOf('}', from);
  if (open < 0) return close < 0 ? src.length : close;
  return close < 0 ? open : Math.min(open, close);
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
