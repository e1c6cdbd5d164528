/**
 * The YAML parser's messages for the mistakes authors make most, said in
 * the author's terms and placed at the character to change: a colon inside
 * a text ("Nested mappings are not allowed in compact mappings"), a key
 * without its colon ("Implicit keys need to be on a single line"), a tab in
 * a text block, a line indented unlike its neighbours. Anything else keeps
 * the parser's own words.
 */

/** A problem's place and words. */
export interface Worded {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** The error as the yaml package reports it: its code, its message, and where (1-based). */
export interface ParserError {
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

const KEY_LINE = /^(\s*)(- +)?([A-Za-z_][\w-]*):(?: +(.*))?$/;

/** The author's version of `error` in the file whose text is `text`. */
export function wordYamlError(text: string, error: ParserError): Worded {
  const lines = text.split(/\r?\n/);
  const lineText = lines[error.line - 1] ?? '';
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return colonInText(lines, error) ?? overIndented(lines, error) ?? missingColon(lines, error) ?? plain(error);
    case 'BAD_INDENT':
      return tabInBlock(lineText, error) ?? plain(error);
    case 'MISSING_CHAR':
      if (/without - indicator/.test(error.message)) return underIndented(lines, error) ?? plain(error);
      if (/followed by map values/.test(error.message)) return tabInBlock(lineText, error) ?? plain(error);
      return plain(error);
    default:
      return plain(error);
  }
}

function plain(error: ParserError): Worded {
  return { line: error.line, col: error.col, message: error.message };
}

/** `text: He stops: the door is open.` — an unquoted value with `: ` in it. */
function colonInText(lines: readonly string[], error: ParserError): Worded | undefined {
  const lineText = lines[error.line - 1] ?? '';
  const m = KEY_LINE.exec(lineText);
  const value = m?.[4];
  if (m === undefined || m === null || value === undefined || /^["'|>]/.test(value)) return undefined;
  const inner = value.search(/:( |$)/);
  if (inner < 0) return undefined;
  const valueCol = lineText.length - value.length + 1;
  const key = m[3]!;
  // The text itself is not quoted back: the file may not be a story's at all.
  return {
    line: error.line,
    col: valueCol + inner,
    message:
      `put this text in quotes: it contains ': ', which YAML reads as a new key ` +
      `(write ${key}: "…" with the text inside the quotes, or ${key}: | with the text on the lines below)`,
  };
}

/** A key line followed by a line indented deeper, as if it continued the value. */
function overIndented(lines: readonly string[], error: ParserError): Worded | undefined {
  const here = lines[error.line - 1] ?? '';
  const m = KEY_LINE.exec(here);
  if (m === null || m[4] === undefined || m[4] === '') return undefined;
  const keyIndent = m[1]!.length + (m[2]?.length ?? 0);
  const nextIndex = nextContentLine(lines, error.line);
  if (nextIndex === undefined) return undefined;
  const next = lines[nextIndex]!;
  const indent = leadingSpaces(next);
  if (indent <= keyIndent || !KEY_LINE.test(next)) return undefined;
  return {
    line: nextIndex + 1,
    col: indent + 1,
    message: `indent this line like '${m[3]}:' above it (${keyIndent} spaces, not ${indent})`,
  };
}

/** `title The Hall` — a key without its colon. */
function missingColon(lines: readonly string[], error: ParserError): Worded | undefined {
  const lineText = lines[error.line - 1] ?? '';
  const m = /^(\s*)(- +)?([A-Za-z_][\w-]*)( +)\S/.exec(lineText);
  if (m === null || /^\s*(- +)?[^:]*:( |$)/.test(lineText)) return undefined;
  const word = m[3]!;
  const col = m[1]!.length + (m[2]?.length ?? 0) + word.length + 1;
  return { line: error.line, col, message: `add ':' after '${word}' (write ${word}: and then its value)` };
}

/** A tab at the start of a line inside a `|` text block. */
function tabInBlock(lineText: string, error: ParserError): Worded | undefined {
  const tab = lineText.search(/\t/);
  if (tab < 0 || /\S/.test(lineText.slice(0, tab))) return undefined;
  return { line: error.line, col: tab + 1, message: 'a tab in this text block: indent with spaces, not tabs' };
}

/** A line indented less than the lines of its block. */
function underIndented(lines: readonly string[], error: ParserError): Worded | undefined {
  const here = lines[error.line - 1] ?? '';
  const indent = leadingSpaces(here);
  for (let i = error.line - 2; i >= 0; i--) {
    const above = lines[i]!;
    if (above.trim() === '' || above.trimStart().startsWith('#')) continue;
    const m = KEY_LINE.exec(above);
    if (m === null) return undefined;
    const aboveIndent = m[1]!.length + (m[2]?.length ?? 0);
    if (aboveIndent === indent) return undefined;
    return {
      line: error.line,
      col: indent + 1,
      message: `indent this line like '${m[3]}:' above it (${aboveIndent} spaces, not ${indent})`,
    };
  }
  return undefined;
}

function nextContentLine(lines: readonly string[], after: number): number | undefined {
  for (let i = after; i < lines.length; i++) {
    const t = lines[i]!;
    if (t.trim() !== '' && !t.trimStart().startsWith('#')) return i;
  }
  return undefined;
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}
