/**
 * The fast YAML path's scans over the text (fast-yaml.ts): the characters it
 * looks for, where a line ends, how far it is indented, the next line with
 * content, and the one-line quoted scalars and `|` blocks read straight from
 * the text.
 */
import { escapeAt, giveUp } from './fast-yaml-scalars.js';

/** The character codes the reader compares. */
export const SPACE = 32;
export const NEWLINE = 10;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
const QUOTE = 34;
const BACKSLASH = 92;

/** The number of spaces the line starting at `lineStart` begins with. */
export function indentOf(t: string, lineStart: number): number {
  let i = lineStart;
  while (t.charCodeAt(i) === SPACE) i++;
  return i - lineStart;
}

/** The offset of the newline ending the line `from` is on (text.length on the last). */
export function endOfLine(t: string, from: number): number {
  const end = t.indexOf('\n', from);
  return end < 0 ? t.length : end;
}

/** The first line from `from` on that holds more than spaces or a comment; text.length at the end. */
export function nextContentLine(t: string, from: number): number {
  let at = from;
  while (at < t.length) {
    const first = at + indentOf(t, at);
    const c = t.charCodeAt(first);
    if (c !== NEWLINE && c !== HASH) {
      // Document markers and directives start a second document or change the parser: not ours.
      if (first === at && (t.startsWith('---', at) || t.startsWith('...', at) || c === 37)) giveUp();
      return at;
    }
    at = endOfLine(t, first) + 1;
  }
  return t.length;
}

/** The offset of the first non-space from `from`. */
export function skipSpaces(t: string, from: number): number {
  let i = from;
  while (t.charCodeAt(i) === SPACE) i++;
  return i;
}

/**
 * A `|` or `|-` block starting at `bar`, in a collection at column
 * `indent`: its text, and the offset reading stopped at.
 */
export function readLiteralBlock(t: string, bar: number, indent: number): [string, number] {
  let i = bar + 1;
  let strip = false;
  if (t[i] === '-') {
    strip = true;
    i++;
  }
  const headerEnd = i;
  while (t.charCodeAt(i) === SPACE) i++;
  if (t.charCodeAt(i) === HASH && i > headerEnd) i = endOfLine(t, i);
  if (t.charCodeAt(i) !== NEWLINE) giveUp(); // `|+`, `|2`, or text after the header
  const lines: string[] = [];
  let content = -1;
  let at = i + 1;
  while (at < t.length) {
    const eol = endOfLine(t, at);
    const spaces = indentOf(t, at);
    if (at + spaces === eol) {
      // A line of spaces only: an empty line, unless it is longer than the text's indentation.
      if (content >= 0 ? spaces > content : false) giveUp();
      lines.push('');
      at = eol + 1;
      continue;
    }
    if (content < 0) {
      if (spaces <= indent) break;
      content = spaces;
      if (lines.some((_, n) => blankLineLength(t, i + 1, n) > content)) giveUp();
    }
    if (spaces < content) {
      if (spaces > indent) giveUp(); // neither in the text nor back in the collection
      break;
    }
    lines.push(t.slice(at + content, eol));
    at = eol + 1;
  }
  if (content < 0) giveUp(); // an empty block
  let last = lines.length - 1;
  while (last >= 0 && lines[last] === '') last--;
  const body = lines.slice(0, last + 1).join('\n');
  return [strip ? body : `${body}\n`, at];
}

/** The number of spaces on the `n`th line from `from` (for leading empty lines of a block). */
function blankLineLength(t: string, from: number, n: number): number {
  let at = from;
  for (let k = 0; k < n; k++) at = endOfLine(t, at) + 1;
  return indentOf(t, at);
}

/** A quoted scalar at `at`, on one line: its value and the offset after the closing quote. */
export function readQuoted(t: string, at: number): [string, number] {
  const eol = endOfLine(t, at);
  if (t[at] === "'") {
    let out = '';
    let i = at + 1;
    for (;;) {
      const q = t.indexOf("'", i);
      if (q < 0 || q >= eol) giveUp();
      out += t.slice(i, q);
      if (t[q + 1] === "'") {
        out += "'";
        i = q + 2;
      } else return [out, q + 1];
    }
  }
  let out = '';
  let i = at + 1;
  for (;;) {
    let j = i;
    let c = t.charCodeAt(j);
    while (j < eol && c !== QUOTE && c !== BACKSLASH) c = t.charCodeAt(++j);
    if (j >= eol) giveUp();
    out += t.slice(i, j);
    if (c === QUOTE) return [out, j + 1];
    const [text, next] = escapeAt(t, j);
    out += text;
    i = next;
  }
}
