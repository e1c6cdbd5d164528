/**
 * A fast reader for the plain YAML that scene files are written in: block
 * mappings and lists, `|` text blocks, one-line flow `{…}`/`[…]`, quoted and
 * plain scalars, comments. It gives the same data as the `yaml` package
 * (core schema) and where each value starts, at a fraction of the cost, so a
 * story of ten thousand scenes loads in a second or two.
 *
 * It gives up (returns undefined) on anything else or anything doubtful:
 * anchors, tags, multi-line plain or quoted scalars, `>` blocks, tabs, CR,
 * duplicate or reserved keys, empty values, any syntax error. The loader
 * then parses the file with the `yaml` package as before, so every message
 * an author sees is the same; this is only a shortcut for the common case.
 */
import { escapeAt, giveUp, isGiveUp, oddKey, plainStartOk, resolvePlain } from './fast-yaml-scalars.js';

/**
 * Where the values inside one mapping or list were written, in order: a
 * list's by index, a mapping's in the order of its keys (`Object.keys`
 * keeps the written order, as no key the fast path accepts looks like a
 * number).
 */
export interface ChildPositions {
  /** Offset of each child's value. */
  readonly starts: number[];
  /** The positions inside each child that is a mapping or a list. */
  readonly inner: (ChildPositions | undefined)[];
  /** The indexes of the children written as a `|` block. */
  literals?: number[];
}

/** A file read by the fast path: its data, and the positions of every value in it, as a tree beside it. */
export interface FastYaml {
  readonly data: Record<string, unknown>;
  /** Offset of the root mapping (its first key). */
  readonly rootStart: number;
  /** Where the root mapping's children were written. */
  readonly root: ChildPositions;
}

/** A child's position: where it starts, whether it is a `|` block, and the positions inside it. */
export interface ChildPosition {
  readonly start: number;
  readonly literal: boolean;
  readonly inner: ChildPositions | undefined;
}

/** Where the child `key` of `node` (a mapping or list whose positions are `positions`) was written. */
export function childPosition(positions: ChildPositions, node: object, key: string | number): ChildPosition | undefined {
  const index = Array.isArray(node) ? (typeof key === 'number' ? key : -1) : Object.keys(node).indexOf(String(key));
  const start = positions.starts[index];
  if (start === undefined) return undefined;
  return { start, literal: positions.literals?.includes(index) ?? false, inner: positions.inner[index] };
}

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Reads `text`, or undefined when it uses anything the fast path does not handle exactly like `yaml`. */
export function parseFastYaml(text: string): FastYaml | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE) return undefined;
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new Reader(text).document();
  } catch (error) {
    if (isGiveUp(error)) return undefined;
    throw error;
  }
}

/** A node read, with where it starts, whether it was a `|` block, and (a mapping's or list's) positions inside. */
interface Read {
  readonly value: unknown;
  readonly start: number;
  readonly literal?: boolean;
  readonly positions?: ChildPositions;
}

class Reader {
  /** Start of the line the reader is at (always a content line, or text.length at the end). */
  private line = 0;

  constructor(private readonly text: string) {}

  document(): FastYaml {
    this.line = this.nextContentLine(0);
    if (this.line >= this.text.length || this.indentOf(this.line) !== 0) giveUp();
    const root = this.blockMap(0, this.line);
    if (this.line < this.text.length) giveUp();
    return { data: root.value as Record<string, unknown>, rootStart: root.start, root: root.positions as ChildPositions };
  }

  // ---------------------------------------------------------------------------
  // Lines

  private indentOf(lineStart: number): number {
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  private endOfLine(from: number): number {
    const end = this.text.indexOf('\n', from);
    return end < 0 ? this.text.length : end;
  }

  /** The first line from `from` on that holds more than spaces or a comment; text.length at the end. */
  private nextContentLine(from: number): number {
    let at = from;
    while (at < this.text.length) {
      const first = at + this.indentOf(at);
      const c = this.text.charCodeAt(first);
      if (c !== NEWLINE && c !== HASH) {
        // Document markers and directives start a second document or change the parser: not ours.
        if (first === at && (this.text.startsWith('---', at) || this.text.startsWith('...', at) || c === 37)) giveUp();
        return at;
      }
      at = this.endOfLine(first) + 1;
    }
    return this.text.length;
  }

  /** After a value ending at `end`: only spaces, then a comment or the line's end; moves to the next content line. */
  private finishLine(end: number): void {
    let i = end;
    while (this.text.charCodeAt(i) === SPACE) i++;
    const c = this.text.charCodeAt(i);
    if (c === HASH && i > end) i = this.endOfLine(i);
    else if (c !== NEWLINE) giveUp();
    this.line = this.nextContentLine(i + 1);
  }

  /** Records where the next child of a mapping or list (whose positions are `entry`) was written. */
  private record(entry: ChildPositions, read: Read): void {
    if (read.literal === true) (entry.literals ??= []).push(entry.starts.length);
    entry.starts.push(read.start);
    entry.inner.push(read.positions);
  }

  // ---------------------------------------------------------------------------
  // Block collections

  /** A mapping whose keys are at column `indent`; its first key is at `first`. */
  private blockMap(indent: number, first: number): Read {
    const map: Record<string, unknown> = {};
    const entry: ChildPositions = { starts: [], inner: [] };
    let keyAt = first;
    for (;;) {
      const colon = this.keyEnd(keyAt);
      const key = this.text.slice(keyAt, colon);
      if (oddKey(key) || Object.hasOwn(map, key)) giveUp();
      const read = this.valueAfter(colon + 1, indent);
      map[key] = read.value;
      this.record(entry, read);
      if (this.line >= this.text.length) break;
      const next = this.indentOf(this.line);
      if (next < indent) break;
      if (next > indent) giveUp();
      keyAt = this.line + indent;
    }
    return { value: map, start: first, positions: entry };
  }

  /** The offset of the `:` ending a plain key at `at` (a name, then `:` and a space or the line's end). */
  private keyEnd(at: number): number {
    const colon = this.colonAfterKey(at);
    return colon < 0 ? giveUp() : colon;
  }

  /** Whether a plain key (name, `:`, space or line end) starts at `at`. */
  private isKeyAt(at: number): boolean {
    return this.colonAfterKey(at) >= 0;
  }

  /** The offset of the `:` after a plain key at `at`, or -1 when no key starts there. */
  private colonAfterKey(at: number): number {
    const t = this.text;
    const c0 = t.charCodeAt(at);
    if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return -1;
    const i = this.nameEnd(at);
    const after = t.charCodeAt(i + 1);
    return t.charCodeAt(i) === COLON && (after === SPACE || after === NEWLINE) ? i : -1;
  }

  /** The offset after the letters, digits, `_`, `.` and `-` from `at`. */
  private nameEnd(at: number): number {
    const t = this.text;
    let i = at + 1;
    for (;;) {
      const c = t.charCodeAt(i);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === DASH) i++;
      else return i;
    }
  }

  /** A list whose dashes are at column `indent`, starting at the line the reader is at. */
  private blockSeq(indent: number): Read {
    const list: unknown[] = [];
    const entry: ChildPositions = { starts: [], inner: [] };
    const start = this.line + indent;
    for (;;) {
      const dash = this.line + indent;
      const read = this.valueAfter(dash + 1, indent, true);
      this.record(entry, read);
      list.push(read.value);
      if (this.line >= this.text.length) break;
      const next = this.indentOf(this.line);
      if (next < indent) break;
      if (next > indent) giveUp();
      if (!this.isDashAt(this.line + indent)) break; // a list under a key may share the key's column
    }
    return { value: list, start, positions: entry };
  }

  private isDashAt(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const c = this.text.charCodeAt(at + 1);
    return c === SPACE || c === NEWLINE;
  }

  /**
   * The value after a key's `:` or a list's `-` (at `from`), in a collection
   * at column `indent`; leaves the reader at the next content line.
   */
  private valueAfter(from: number, indent: number, inList = false): Read {
    const t = this.text;
    let i = from;
    while (t.charCodeAt(i) === SPACE) i++;
    const c = t.charCodeAt(i);
    if (c === NEWLINE || (c === HASH && i > from)) return this.nestedBlock(indent, inList);
    if (i === from) giveUp(); // `key:x` or `-x` are not what they look like
    const ch = t[i] as string;
    if (ch === '|') return this.literalBlock(i, indent);
    if (ch === '[' || ch === '{') {
      const [value, end, positions] = this.flowNode(i);
      this.finishLine(end);
      return { value, start: i, positions };
    }
    if (ch === '"' || ch === "'") {
      const [value, end] = this.quoted(i);
      this.finishLine(end);
      return { value, start: i };
    }
    if (inList) {
      if (this.isDashAt(i)) giveUp(); // `- - x`
      if (this.isKeyAt(i)) {
        // `- key: value`: a mapping whose keys line up under this first one.
        this.line = this.lineStartOf(i);
        return this.blockMap(i - this.line, i);
      }
    }
    return this.plainInBlock(i, indent);
  }

  private lineStartOf(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** A mapping or list on the lines after a `key:` or `-` with nothing after it. */
  private nestedBlock(indent: number, inList: boolean): Read {
    const eol = this.endOfLine(this.line + indent);
    this.line = this.nextContentLine(eol + 1);
    if (this.line >= this.text.length) giveUp(); // an empty value
    const inner = this.indentOf(this.line);
    const at = this.line + inner;
    // A list under a key may start at the key's own column; anything else must be indented further.
    if (inner > indent || (inner === indent && !inList && this.isDashAt(at))) {
      if (this.isDashAt(at)) return this.blockSeq(inner);
      if (this.isKeyAt(at)) return this.blockMap(inner, at);
    }
    return giveUp();
  }

  /** A one-line plain scalar in a block; gives up if it could go on to the next line. */
  private plainInBlock(at: number, indent: number): Read {
    const t = this.text;
    const eol = this.endOfLine(at);
    const rest = t.slice(at, eol);
    // Searched in this line only: a search through the rest of the file would make reading quadratic.
    const hash = rest.indexOf(' #');
    const raw = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
    if (!plainStartOk(raw) || raw.includes(': ') || raw.endsWith(':')) giveUp();
    this.line = this.nextContentLine(eol + 1);
    // A deeper line after a plain scalar would continue it (folded into it): not handled here.
    if (this.line < t.length && this.indentOf(this.line) > indent) giveUp();
    return { value: resolvePlain(raw), start: at };
  }

  /** A `|` or `|-` block starting at `bar`, in a collection at column `indent`. */
  private literalBlock(bar: number, indent: number): Read {
    const t = this.text;
    let i = bar + 1;
    let strip = false;
    if (t[i] === '-') {
      strip = true;
      i++;
    }
    const headerEnd = i;
    while (t.charCodeAt(i) === SPACE) i++;
    if (t.charCodeAt(i) === HASH && i > headerEnd) i = this.endOfLine(i);
    if (t.charCodeAt(i) !== NEWLINE) giveUp(); // `|+`, `|2`, or text after the header
    const lines: string[] = [];
    let content = -1;
    let at = i + 1;
    while (at < t.length) {
      const eol = this.endOfLine(at);
      const spaces = this.indentOf(at);
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
        if (lines.some((_, n) => this.blankLineLength(i + 1, n) > content)) giveUp();
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
    this.line = this.nextContentLine(at);
    return { value: strip ? body : `${body}\n`, start: bar, literal: true };
  }

  /** The number of spaces on the `n`th line from `from` (for leading empty lines of a block). */
  private blankLineLength(from: number, n: number): number {
    let at = from;
    for (let k = 0; k < n; k++) at = this.endOfLine(at) + 1;
    return this.indentOf(at);
  }

  // ---------------------------------------------------------------------------
  // Flow collections and quoted scalars (all on one line)

  /** A `[…]` or `{…}` at `at`: its value, the offset after it, and the positions inside it. */
  private flowNode(at: number): [unknown, number, ChildPositions] {
    const t = this.text;
    const open = t[at];
    const close = open === '[' ? ']' : '}';
    const container: unknown[] | Record<string, unknown> = open === '[' ? [] : {};
    const entry: ChildPositions = { starts: [], inner: [] };
    let i = this.skipSpaces(at + 1);
    if (t[i] === close) return [container, i + 1, entry];
    for (;;) {
      if (Array.isArray(container)) {
        const [value, end, start, positions] = this.flowValue(i);
        this.record(entry, { value, start, positions });
        container.push(value);
        i = this.skipSpaces(end);
      } else {
        if (!this.isFlowKeyAt(i)) giveUp();
        const colon = this.keyEnd(i);
        const key = t.slice(i, colon);
        if (oddKey(key) || Object.hasOwn(container, key)) giveUp();
        const valueAt = this.skipSpaces(colon + 1);
        const [value, end, start, positions] = this.flowValue(valueAt);
        container[key] = value;
        this.record(entry, { value, start, positions });
        i = this.skipSpaces(end);
      }
      if (t[i] === close) return [container, i + 1, entry];
      if (t[i] !== ',') giveUp();
      i = this.skipSpaces(i + 1);
      if (t[i] === close || t[i] === ',') giveUp(); // a trailing or doubled comma
    }
  }

  private isFlowKeyAt(at: number): boolean {
    // In a flow mapping the key's `:` must be followed by a space here (`{a:1}` means something else).
    const colon = this.colonAfterKey(at);
    return colon >= 0 && this.text.charCodeAt(colon + 1) === SPACE;
  }

  private skipSpaces(from: number): number {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** A value inside a flow collection: its value, the offset after it, where it starts, and positions inside it. */
  private flowValue(at: number): [unknown, number, number, ChildPositions?] {
    const t = this.text;
    const ch = t[at];
    if (ch === '[' || ch === '{') {
      const [value, end, positions] = this.flowNode(at);
      return [value, end, at, positions];
    }
    if (ch === '"' || ch === "'") {
      const [value, end] = this.quoted(at);
      return [value, end, at];
    }
    let end = at;
    for (;;) {
      const c = t[end];
      if (c === undefined || c === '\n' || c === ',' || c === ']' || c === '}') break;
      // Inside `[…]`/`{…}` these mean something (or are errors) even within a word.
      if (c === ':' || c === '#' || c === '[' || c === '{') giveUp();
      end++;
    }
    const raw = t.slice(at, end).trimEnd();
    if (raw === '' || !plainStartOk(raw)) giveUp();
    return [resolvePlain(raw), end, at];
  }

  /** A quoted scalar at `at`, on one line: its value and the offset after the closing quote. */
  private quoted(at: number): [string, number] {
    const t = this.text;
    const eol = this.endOfLine(at);
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
      while (j < eol && t[j] !== '"' && t[j] !== '\\') j++;
      if (j >= eol) giveUp();
      out += t.slice(i, j);
      if (t[j] === '"') return [out, j + 1];
      const [text, next] = escapeAt(t, j);
      out += text;
      i = next;
    }
  }
}
