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
import type { FastYaml } from './fast-yaml-positions.js';
import { giveUp, isGiveUp, oddKey, plainStartOk, resolvePlain } from './fast-yaml-scalars.js';
import {
  COLON,
  DASH,
  HASH,
  NEWLINE,
  SPACE,
  endOfLine,
  indentOf,
  nextContentLine,
  readLiteralBlock,
  readQuoted,
  skipSpaces,
} from './fast-yaml-text.js';

/** Keys met recently, by their length and first and last letters (see keyText). */
const KEYS: (string | undefined)[] = new Array(256);

/** Lists and mappings nested deeper than this are refused: no story needs more, and reading them recurses. */
export const MAX_NESTING = 64;

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

/**
 * Each method that reads a value returns it and leaves where it started in
 * `start`, whether it was a `|` block in `literal`, and (for a mapping or a
 * list) its record in `record`: the parent records them as its child's.
 */
class Reader {
  /** Start of the line the reader is at (always a content line, or text.length at the end). */
  private line = 0;
  private start = 0;
  private literal = false;
  private record = -1;
  /** The offset after the flow value just read. */
  private flowEnd = 0;
  /** The records written so far (see FastYaml). */
  private readonly positions: number[] = [];
  /**
   * The start and record of each child of the collections being read, and
   * the items of the lists being read, innermost last, up to `childCount`
   * and `itemCount`: stacks that are never shortened, as shrinking an array
   * frees room the next collection needs again. A list is copied out at its
   * end, at its exact size.
   */
  private readonly children: number[] = [];
  private childCount = 0;
  private readonly items: unknown[] = [];
  private itemCount = 0;
  /** How many collections the reader is inside. */
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): FastYaml {
    this.line = nextContentLine(this.text, 0);
    if (this.line >= this.text.length || indentOf(this.text, this.line) !== 0) giveUp();
    const data = this.blockMap(0, this.line);
    if (this.line < this.text.length) giveUp();
    return { data, rootStart: this.start, positions: Int32Array.from(this.positions), root: this.record };
  }

  // ---------------------------------------------------------------------------
  // Lines and records

  /** After a value ending at `end`: only spaces, then a comment or the line's end; moves to the next content line. */
  private finishLine(end: number): void {
    let i = end;
    while (this.text.charCodeAt(i) === SPACE) i++;
    const c = this.text.charCodeAt(i);
    if (c === HASH && i > end) i = endOfLine(this.text, i);
    else if (c !== NEWLINE) giveUp();
    this.line = nextContentLine(this.text, i + 1);
  }

  /** Records the value just read as the next child of the collection being read. */
  private addChild(): void {
    this.children[this.childCount++] = this.literal ? ~this.start : this.start;
    this.children[this.childCount++] = this.record;
  }

  /**
   * Counts one more collection inside the ones being read. Deeper than
   * MAX_NESTING, the fast path gives up, and the full parse reports where
   * (parse-yaml.ts): reading on would only recurse until the stack ran out.
   */
  private enterCollection(): void {
    if (++this.depth > MAX_NESTING) giveUp();
  }

  /** Writes the record of a collection starting at `start` whose children were added from `from` on. */
  private endCollection(from: number, start: number): void {
    this.depth--;
    const count = (this.childCount - from) / 2;
    for (let i = from; i < this.childCount; i++) this.positions.push(this.children[i] as number);
    this.positions.push(count);
    this.childCount = from;
    this.setScalar(start);
    this.record = this.positions.length - 1;
  }

  /** Notes a scalar just read at `start`. */
  private setScalar(start: number, literal = false): void {
    this.start = start;
    this.literal = literal;
    this.record = -1;
  }

  // ---------------------------------------------------------------------------
  // Block collections

  /** A mapping whose keys are at column `indent`; its first key is at `first`. */
  private blockMap(indent: number, first: number): Record<string, unknown> {
    this.enterCollection();
    const map: Record<string, unknown> = {};
    const children = this.childCount;
    let keyAt = first;
    for (;;) {
      const colon = this.keyEnd(keyAt);
      const key = this.keyText(keyAt, colon);
      if (Object.hasOwn(map, key)) giveUp();
      map[key] = this.valueAfter(colon + 1, indent);
      this.addChild();
      if (this.line >= this.text.length) break;
      const next = indentOf(this.text, this.line);
      if (next < indent) break;
      if (next > indent) giveUp();
      keyAt = this.line + indent;
    }
    this.endCollection(children, first);
    return map;
  }

  /**
   * The key from `at` to `end`, giving up on one the `yaml` package reads
   * otherwise (oddKey). The same few keys come back thousands of times: one
   * met recently is found in KEYS and compared in place, not cut out, checked
   * and looked up in the engine's table of property names again.
   */
  private keyText(at: number, end: number): string {
    const t = this.text;
    const slot = ((end - at) * 31 + t.charCodeAt(at) * 7 + t.charCodeAt(end - 1)) & (KEYS.length - 1);
    const known = KEYS[slot];
    if (known !== undefined && known.length === end - at && t.startsWith(known, at)) return known;
    const key = t.slice(at, end);
    if (oddKey(key)) giveUp();
    KEYS[slot] = key;
    return key;
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
  private blockSeq(indent: number): unknown[] {
    this.enterCollection();
    const items = this.itemCount;
    const children = this.childCount;
    const start = this.line + indent;
    for (;;) {
      const dash = this.line + indent;
      this.items[this.itemCount++] = this.valueAfter(dash + 1, indent, true);
      this.addChild();
      if (this.line >= this.text.length) break;
      const next = indentOf(this.text, this.line);
      if (next < indent) break;
      if (next > indent) giveUp();
      if (!this.isDashAt(this.line + indent)) break; // a list under a key may share the key's column
    }
    this.endCollection(children, start);
    return this.takeItems(items);
  }

  /** The items pushed from `from` on, as a list of its own. */
  private takeItems(from: number): unknown[] {
    const list = this.items.slice(from, this.itemCount);
    this.itemCount = from;
    return list;
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
  private valueAfter(from: number, indent: number, inList = false): unknown {
    const t = this.text;
    let i = from;
    while (t.charCodeAt(i) === SPACE) i++;
    const c = t.charCodeAt(i);
    if (c === NEWLINE || (c === HASH && i > from)) return this.nestedBlock(indent, inList);
    if (i === from) giveUp(); // `key:x` or `-x` are not what they look like
    const ch = t[i] as string;
    if (ch === '|') return this.literalBlock(i, indent);
    if (ch === '[' || ch === '{') {
      const value = this.flowNode(i);
      this.finishLine(this.flowEnd);
      return value;
    }
    if (ch === '"' || ch === "'") {
      const [value, end] = readQuoted(this.text, i);
      this.finishLine(end);
      this.setScalar(i);
      return value;
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
  private nestedBlock(indent: number, inList: boolean): unknown {
    const eol = endOfLine(this.text, this.line + indent);
    this.line = nextContentLine(this.text, eol + 1);
    if (this.line >= this.text.length) giveUp(); // an empty value
    const inner = indentOf(this.text, this.line);
    const at = this.line + inner;
    // A list under a key may start at the key's own column; anything else must be indented further.
    if (inner > indent || (inner === indent && !inList && this.isDashAt(at))) {
      if (this.isDashAt(at)) return this.blockSeq(inner);
      if (this.isKeyAt(at)) return this.blockMap(inner, at);
    }
    return giveUp();
  }

  /** A one-line plain scalar in a block; gives up if it could go on to the next line. */
  private plainInBlock(at: number, indent: number): unknown {
    const t = this.text;
    const eol = endOfLine(this.text, at);
    const rest = t.slice(at, eol);
    // Searched in this line only: a search through the rest of the file would make reading quadratic.
    const hash = rest.indexOf(' #');
    const raw = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
    if (!plainStartOk(raw) || raw.includes(': ') || raw.endsWith(':')) giveUp();
    this.line = nextContentLine(this.text, eol + 1);
    // A deeper line after a plain scalar would continue it (folded into it): not handled here.
    if (this.line < t.length && indentOf(this.text, this.line) > indent) giveUp();
    this.setScalar(at);
    return resolvePlain(raw);
  }

  /** A `|` or `|-` block starting at `bar`, in a collection at column `indent`. */
  private literalBlock(bar: number, indent: number): string {
    const [value, at] = readLiteralBlock(this.text, bar, indent);
    this.line = nextContentLine(this.text, at);
    this.setScalar(bar, true);
    return value;
  }


  // ---------------------------------------------------------------------------
  // Flow collections (all on one line)

  /** A `[…]` or `{…}` at `at`; the offset after it is left in `flowEnd`. */
  private flowNode(at: number): unknown {
    this.enterCollection();
    const t = this.text;
    const list = t[at] === '[';
    const close = list ? ']' : '}';
    const map: Record<string, unknown> = {};
    const items = this.itemCount;
    const children = this.childCount;
    let i = skipSpaces(this.text, at + 1);
    if (t[i] !== close) {
      for (;;) {
        if (list) {
          this.items[this.itemCount++] = this.flowValue(i);
        } else {
          if (!this.isFlowKeyAt(i)) giveUp();
          const colon = this.keyEnd(i);
          const key = this.keyText(i, colon);
          if (Object.hasOwn(map, key)) giveUp();
          map[key] = this.flowValue(skipSpaces(this.text, colon + 1));
        }
        this.addChild();
        i = skipSpaces(this.text, this.flowEnd);
        if (t[i] === close) break;
        if (t[i] !== ',') giveUp();
        i = skipSpaces(this.text, i + 1);
        if (t[i] === close || t[i] === ',') giveUp(); // a trailing or doubled comma
      }
    }
    this.flowEnd = i + 1;
    this.endCollection(children, at);
    return list ? this.takeItems(items) : map;
  }

  private isFlowKeyAt(at: number): boolean {
    // In a flow mapping the key's `:` must be followed by a space here (`{a:1}` means something else).
    const colon = this.colonAfterKey(at);
    return colon >= 0 && this.text.charCodeAt(colon + 1) === SPACE;
  }


  /** A value inside a flow collection; the offset after it is left in `flowEnd`. */
  private flowValue(at: number): unknown {
    const t = this.text;
    const ch = t[at];
    if (ch === '[' || ch === '{') return this.flowNode(at);
    if (ch === '"' || ch === "'") {
      const [value, end] = readQuoted(this.text, at);
      this.flowEnd = end;
      this.setScalar(at);
      return value;
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
    this.flowEnd = end;
    this.setScalar(at);
    return resolvePlain(raw);
  }

}
