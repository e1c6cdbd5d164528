/**
 * YAML in, plain data out, with every node's position kept so a problem found
 * later (by zod or by the compiler) can name the line and column it is about.
 * Plain files take the fast path (fast-yaml.ts); the `yaml` package reads
 * the rest, and also a fast-path file the first time a position is asked
 * for that the fast path did not record (an error's, typically).
 */
import {
  type Document,
  LineCounter,
  type Node,
  type Pair,
  type Scalar,
  type YAMLError,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
} from 'yaml';
import { type FastYaml, childPosition } from './fast-yaml-positions.js';
import { MAX_NESTING, parseFastYaml } from './fast-yaml.js';
import { isReserved, reservedMessage } from './names.js';
import type { Problem } from './problem.js';
import { wordYamlError } from './yaml-wording.js';

/** A source file as the loader receives it. */
export interface SourceFile {
  /** The path as shown in messages (relative to the cwd or the story folder, as given). */
  readonly path: string;
  readonly text: string;
  /** When the file was last written (ms since the epoch), if read from disk: tells the newer of two files apart. */
  readonly modified?: number;
}

/** A path into parsed data: mapping keys and list indexes. */
export type DataPath = readonly PropertyKey[];

/** Offsets to 1-based line and column (the `yaml` package's LineCounter fits). */
export interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

/** A parsed YAML file: its data and the document that knows where each value was written. */
export interface YamlFile {
  readonly path: string;
  readonly text: string;
  /** The whole document; for a file read by the fast path, parsed when first needed. */
  readonly doc: Document.Parsed;
  readonly lines: LinePositions;
  readonly data: unknown;
  /** Where the fast path saw each value, when it read the file. */
  readonly fast?: FastYaml;
}

/** The options every full parse uses. */
const PARSE_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: true,
  schema: 'core',
  merge: false,
  logLevel: 'silent',
} as const;

/** Line starts found by scanning for `\n`, as the `yaml` package's LineCounter records them. */
class LineIndex implements LinePositions {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  linePos(offset: number): { line: number; col: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - (starts[low - 1] as number) + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A file read by the fast path; the full document is parsed only if a position needs it. */
class FastYamlFile implements YamlFile {
  readonly lines: LinePositions;
  private parsed: Document.Parsed | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly fast: FastYaml,
  ) {
    this.lines = new LineIndex(text);
  }

  get data(): unknown {
    return this.fast.data;
  }

  get doc(): Document.Parsed {
    // The fast path read this file without a problem, so the full parse has none either.
    this.parsed ??= parseAllDocuments(this.text, PARSE_OPTIONS)[0] as Document.Parsed;
    return this.parsed;
  }
}

/** A plain mapping as parsed from YAML. */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Files above this size are refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;
// Each alias expansion copies a subtree; a small cap stops "billion laughs".
const MAX_ALIAS_COUNT = 100;

/** Parses one file, or explains why it cannot be used. Never throws. */
export function parseYamlFile(file: SourceFile): { yaml?: YamlFile; problems: Problem[] } {
  const at = (line: number, col: number, message: string): Problem => ({
    file: file.path,
    line,
    col,
    severity: 'error',
    message,
  });
  const bytes = Buffer.byteLength(file.text, 'utf8');
  if (bytes > MAX_FILE_BYTES) return { problems: [at(1, 1, tooLargeMessage(bytes))] };
  const nul = file.text.indexOf('\0');
  if (nul >= 0) {
    return { problems: [at(1, 1, 'this is a binary file, not YAML text (it contains NUL bytes)')] };
  }

  const fast = parseFastYaml(file.text);
  if (fast !== undefined) return { yaml: new FastYamlFile(file.path, file.text, fast), problems: [] };

  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(file.text, { ...PARSE_OPTIONS, lineCounter: lines }) as Document.Parsed[];
  } catch (error) {
    return { problems: [at(1, 1, `could not parse YAML: ${(error as Error).message}`)] };
  }
  const pos = (offset: number) => lines.linePos(offset);
  if (!Array.isArray(docs) || docs.length === 0) {
    return { problems: [at(1, 1, 'the file is empty')] };
  }
  const problems: Problem[] = [];
  const second = docs[1];
  if (second !== undefined) {
    const p = pos(second.range[0]);
    problems.push(at(p.line, p.col, 'a file holds one YAML document; remove this second one (`---`) or move it to its own file'));
  }
  const doc = docs[0] as Document.Parsed;
  // Warnings are errors here: an unresolved tag, for one, would silently become a string.
  // One problem a line: the parser often reports a mistake twice over.
  const linesReported = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    const p = pos(e.pos[0]);
    const own = yamlMessage(e);
    const worded = own === e.message ? wordYamlError(file.text, { code: e.code, message: e.message, ...p }) : { ...p, message: own };
    if (linesReported.has(worded.line)) continue;
    linesReported.add(worded.line);
    problems.push(at(worded.line, worded.col, worded.message));
  }
  // After a syntax error the data is a guess; checking it would only add noise.
  if (doc.errors.length > 0) return { problems };
  if (doc.contents === null) return { problems: [...problems, at(1, 1, 'the file is empty')] };
  // Offending keys are reported and removed, so the rest can still be checked.
  const keys = checkKeys(doc, file.path, lines);
  problems.push(...keys.problems);
  // Data nested that deep would only take the checks after this down.
  if (keys.tooDeep) return { problems };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { yaml: { path: file.path, text: file.text, doc, lines, data }, problems };
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `too many aliases (more than ${MAX_ALIAS_COUNT} expansions); this looks like an alias bomb`
        : `could not read the YAML: ${(error as Error).message}`;
    return { problems: [...problems, at(1, 1, message)] };
  }
}

/** The yaml package's message, reworded where an author would not know what to do. */
function yamlMessage(e: YAMLError): string {
  if (e.code === 'TAG_RESOLVE_FAILED') {
    return `${e.message.replace('tag:yaml.org,2002:', '!!')}; only plain YAML is allowed here (no tags)`;
  }
  if (e.code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping; keys must be unique';
  if (e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message)) return TOO_DEEP;
  return e.message;
}

/** `file is 10.0 MB; scene files are limited to 1 MB — split it`. */
export function tooLargeMessage(bytes: number): string {
  return `file is ${(bytes / MAX_FILE_BYTES).toFixed(1)} MB; scene files are limited to 1 MB — split it`;
}

/**
 * Keys must be plain scalars and never names that reach Object.prototype.
 * Offending pairs are removed so they never reach the data; aliases are not
 * followed, so a walk stays linear in the file's size.
 */
function checkKeys(doc: Document.Parsed, path: string, lines: LineCounter): { problems: Problem[]; tooDeep: boolean } {
  const problems: Problem[] = [];
  const report = (node: Node | null, message: string) => {
    const p = lines.linePos(node?.range?.[0] ?? 0);
    problems.push({ file: path, line: p.line, col: p.col, severity: 'error', message });
  };
  const stack: unknown[] = [doc.contents];
  // How many collections each node on the stack is inside of.
  const depths: number[] = [0];
  let tooDeep = false;
  while (stack.length > 0) {
    const node = stack.pop();
    const depth = (depths.pop() as number) + 1;
    if ((isMap(node) || isSeq(node)) && depth > MAX_NESTING) {
      if (!tooDeep) report(node, TOO_DEEP);
      tooDeep = true;
      continue;
    }
    const before = stack.length;
    if (isMap(node)) {
      node.items = node.items.filter((pair) => {
        const key = pair.key as Node | null;
        if (!isScalar(key)) {
          report(key, 'keys must be plain names, not lists, mappings or aliases');
          return false;
        }
        if (typeof key.value === 'string' && isReserved(key.value)) {
          report(key, reservedMessage(key.value));
          return false;
        }
        stack.push(pair.value);
        return true;
      });
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
    for (let i = before; i < stack.length; i++) depths.push(depth);
  }
  return { problems, tooDeep };
}

/** The message for lists and mappings nested deeper than MAX_NESTING. */
const TOO_DEEP =
  `nested more than ${MAX_NESTING} levels deep (lists and mappings inside each other); ` +
  'no story needs that many: flatten it';

/** The node a data path leads to, and whether the whole path was found. */
interface Found {
  readonly node: Node | undefined;
  readonly pair: Pair | undefined;
  readonly exact: boolean;
}

function find(yaml: YamlFile, path: DataPath): Found {
  let node: unknown = yaml.doc.contents;
  let pair: Pair | undefined;
  let last: Node | undefined = (node as Node | null) ?? undefined;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(yaml.doc);
    let next: unknown;
    pair = undefined;
    if (isMap(node)) {
      const p = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (p !== undefined) {
        pair = p as Pair;
        next = p.value ?? p.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next === undefined || next === null) return { node: last, pair, exact: false };
    node = next;
    last = next as Node;
  }
  return { node: last, pair, exact: true };
}

/** Where the fast path saw the value at `path` (and whether it was a `|` block); undefined if it did not. */
function fastFind(fast: FastYaml, path: DataPath): { start: number; literal: boolean } | undefined {
  let node: unknown = fast.data;
  let record = fast.root;
  let start = fast.rootStart;
  let literal = false;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || typeof seg === 'symbol') return undefined;
    const child = childPosition(fast, record, node, seg);
    if (child === undefined) return undefined;
    ({ start, literal, record } = child);
    node = (node as Record<string | number, unknown>)[seg];
  }
  return { start, literal };
}

/** Where the value (or with `at: 'key'`, the key) at `path` was written; the nearest parent if absent. */
export function positionOf(yaml: YamlFile, path: DataPath, at: 'key' | 'value' = 'value'): Position {
  if (yaml.fast !== undefined && at === 'value') {
    const seen = fastFind(yaml.fast, path);
    if (seen !== undefined) return yaml.lines.linePos(seen.start);
  }
  const found = find(yaml, path);
  const target =
    at === 'key' && found.exact && found.pair !== undefined ? (found.pair.key as Node) : found.node;
  return yaml.lines.linePos(target?.range?.[0] ?? 0);
}

/**
 * Where the character at `offset` of the string value at `path` was written.
 * Source and value are aligned character by character, skipping only what
 * YAML itself drops (indentation, line breaks, quotes, escapes); anything
 * unexpected falls back to the start of the scalar.
 */
export function positionInScalar(yaml: YamlFile, path: DataPath, offset: number): Position {
  const found = find(yaml, path);
  const node = found.node;
  const fallback = yaml.lines.linePos(node?.range?.[0] ?? 0);
  if (!found.exact || !isScalar(node) || typeof node.value !== 'string' || !node.range) return fallback;
  const at = alignOffset(yaml.text, node, offset);
  return at === undefined ? fallback : yaml.lines.linePos(at);
}

function alignOffset(text: string, node: Scalar, offset: number): number | undefined {
  const value = String(node.value);
  const range = node.range;
  if (!range || offset < 0 || offset > value.length) return undefined;
  let s = range[0];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') s += 1;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const eol = text.indexOf('\n', s);
    if (eol < 0) return undefined;
    s = eol + 1;
  }
  const end = Math.min(range[1], text.length);
  if (offset === value.length) return undefined;
  for (let j = 0; j <= offset; j++) {
    const ch = value[j];
    while (s < end) {
      const c = text[s];
      if (c === ch || (ch === ' ' && c === '\n')) break;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\' || c === '"' || c === "'") s++;
      else return undefined;
    }
    if (s >= end) return undefined;
    if (j === offset) return s;
    s++;
  }
  return undefined;
}

/** Whether the string at `path` was written as a `|` block, whose line breaks are kept. */
export function isLiteralBlock(yaml: YamlFile, path: DataPath): boolean {
  // The fast path recorded every value of the file, so a path it did not see leads nowhere.
  if (yaml.fast !== undefined) return fastFind(yaml.fast, path)?.literal ?? false;
  const found = find(yaml, path);
  return found.exact && isScalar(found.node) && found.node.type === 'BLOCK_LITERAL';
}
