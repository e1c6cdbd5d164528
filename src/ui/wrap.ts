/** Word wrapping for text drawn in the terminal, by plain mode and by the Ink screen alike. */

// Ink measures text with string-width (its own dependency), so wrapping with
// the same measure makes a line we call full exactly as wide as Ink draws it:
// a Hangul syllable takes two columns, a combining mark none.
import stringWidth from 'string-width';

/** The width plain text is wrapped to: the terminal's, capped at 80; 72 when unknown (a pipe). */
export function textWidth(columns: number | undefined): number {
  if (columns === undefined || !Number.isFinite(columns) || columns < 20) return 72;
  return Math.min(Math.floor(columns), 80);
}

/** How many terminal columns `text` takes (wide characters count two). */
export function columnsOf(text: string): number {
  return stringWidth(text);
}

/**
 * Splits `text` into lines of at most `width` columns at spaces. Line breaks
 * in the source are treated as spaces (authors wrap their YAML for their
 * editor, not for the player). A word wider than a line stands alone, or with
 * `cutLongWords` is cut into pieces that fit, so that no line is wider than
 * `width` (the Ink screen counts rows, and a line the terminal wraps again
 * would throw the count off).
 */
export function wrapText(text: string, width: number, cutLongWords = false): string[] {
  const max = Math.max(1, Math.floor(width));
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of words) {
    const w = columnsOf(word);
    if (line !== '' && used + 1 + w <= max) {
      line += ` ${word}`;
      used += 1 + w;
      continue;
    }
    if (line !== '') lines.push(line);
    if (w <= max || !cutLongWords) {
      line = word;
      used = w;
      continue;
    }
    const pieces = cutToWidth(word, max);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
    used = columnsOf(line);
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wraps `text` and indents every line after the first by `indent` spaces (see `wrapText` for `cutLongWords`). */
export function wrapHanging(text: string, width: number, indent: number, cutLongWords = false): string[] {
  const [first = '', ...rest] = wrapText(text, width - indent, cutLongWords);
  const pad = ' '.repeat(indent);
  return [first, ...rest.map((l) => pad + l)];
}

/** `text` cut to at most `width` columns, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (columnsOf(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  return `${cutToWidth(text, width - 1)[0] ?? ''}…`;
}

/** The first of `lines` that fits in `width` columns, else the last (cut to fit where it is drawn). */
export function firstFitting(width: number, ...lines: readonly [string, ...string[]]): string {
  return lines.find((line) => columnsOf(line) <= width) ?? lines[lines.length - 1]!;
}

/** `text` padded with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columnsOf(text)));
}

/** Cuts a word into pieces of at most `width` columns, never splitting a character. */
function cutToWidth(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const char of word) {
    const w = columnsOf(char);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += char;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
