/** Word wrapping for text drawn in the terminal, by plain mode and by the Ink screen alike. */

/** The width plain text is wrapped to: the terminal's, capped at 80; 72 when unknown (a pipe). */
export function textWidth(columns: number | undefined): number {
  if (columns === undefined || !Number.isFinite(columns) || columns < 20) return 72;
  return Math.min(Math.floor(columns), 80);
}

/**
 * Splits `text` into lines of at most `width` characters at spaces. Line
 * breaks in the source are treated as spaces (authors wrap their YAML for
 * their editor, not for the player); a word longer than a line stands alone.
 */
export function wrapText(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line === '') line = word;
    else if (length(line) + 1 + length(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wraps `text` and indents every line after the first by `indent` spaces. */
export function wrapHanging(text: string, width: number, indent: number): string[] {
  const [first = '', ...rest] = wrapText(text, width - indent);
  const pad = ' '.repeat(indent);
  return [first, ...rest.map((l) => pad + l)];
}

function length(text: string): number {
  // Code points, not UTF-16 units, so an emoji or a rare Hanja counts once.
  return [...text].length;
}
