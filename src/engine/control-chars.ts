/**
 * The characters no story and no save may send to the player's terminal:
 * C0 controls other than tab and newline (ESC starts the sequences that
 * retitle a window or write the clipboard), DEL, the C1 controls (U+0080 to
 * U+009F; some terminals read U+009B as ESC [), and the bidirectional
 * overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make
 * text display in another order than it is written. The loader refuses them
 * in a story, the save schema in a save, and every message that quotes a
 * story or a save escapes them. One list, here, for all of them.
 */

const UNSAFE_RANGES = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_SOURCE = `[${UNSAFE_RANGES}]`;
/** One character a story or a save may not send to a terminal (tab and newline are allowed). */
export const UNSAFE_CHAR = new RegExp(UNSAFE_SOURCE);
/** A whole string that prints on one line: no unsafe character, no tab or line break (a JSON Schema pattern too). */
export const ONE_PRINTABLE_LINE = new RegExp(`^[^\\t\\n${UNSAFE_RANGES}]*$`);
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'g');

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x0b: 'VT',
  0x0c: 'FF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x9b: 'CSI',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** The index of the first unsafe character in `text`, or -1 when there is none. */
export function unsafeCharAt(text: string): number {
  return text.search(UNSAFE_CHAR);
}

/** `U+001B (ESC)`: how a message names a control character. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  return name === undefined ? hex : `${hex} (${name})`;
}

/** `\x1B`, `\u202E`: a control character written out so a terminal shows it instead of obeying it. */
function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
}

/** `text` with every unsafe character written out (`\x1B`); tabs and line breaks are kept. */
export function escapeUnsafe(text: string): string {
  return UNSAFE_CHAR.test(text) ? text.replace(UNSAFE_ALL, escaped) : text;
}

/**
 * `text` as one safe line of a message: line breaks and tabs become spaces,
 * other control characters are written out (`\x1B`), runs of spaces shrink.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\t\n\r]+/g, ' ')
    .replace(UNSAFE_ALL, escaped)
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** `text` with every unsafe character removed (what a player types keeps only what a terminal prints). */
export function withoutUnsafe(text: string): string {
  return text.replace(UNSAFE_ALL, '');
}

/**
 * JSON for a terminal: `JSON.stringify(value, null, indent)` with the unsafe
 * characters JSON leaves as they are (DEL, C1, the bidirectional controls)
 * written as `\u` escapes, so the same value reads back and nothing raw is
 * printed. (They can only be inside strings, where `\u` escapes are valid.)
 */
export function terminalJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  return json.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
