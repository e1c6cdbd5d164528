/**
 * The `?` screen's lines cut into pages that fit the terminal: what each
 * number on the status panel means, then every key. Pure, so the reducer
 * knows whether Enter shows another page or goes back to the story.
 */

import type { HelpEntry } from '../stat-help.js';
import { wrapHanging, wrapText } from '../wrap.js';

// Every key of the game screen, for the player who wonders what else there is.
const KEYS =
  '↑↓ or j k move · Enter choose · 1–9, 0 pick · Enter or space: next page · b: page back · u undo · tab status · esc menu · q quit (saved)';

// The heading, the blank lines and the help line around the entries.
const CHROME_ROWS = 5;

/** A line of the `?` screen: an entry's, a blank one, or one of the keys (drawn dim). */
export interface HelpLine {
  readonly text: string;
  readonly keys: boolean;
}

/**
 * The `?` screen's pages for `width` columns and `rows` rows (one page when
 * the height is unknown): every page but the last leaves a row for its page line.
 */
export function helpPages(entries: readonly HelpEntry[], width: number, rows: number | undefined): HelpLine[][] {
  const lines: HelpLine[] = [
    ...entries.flatMap((e) => wrapHanging(`${e.label}: ${e.text}`, width, 2, true)).map((text) => ({ text, keys: false })),
    { text: '', keys: false },
    ...wrapText(KEYS, width, true).map((text) => ({ text, keys: true })),
  ];
  const room = rows === undefined ? Number.POSITIVE_INFINITY : Math.max(2, rows - 1 - CHROME_ROWS);
  if (lines.length <= room) return [lines];
  const perPage = room - 1;
  const pages: HelpLine[][] = [];
  for (let at = 0; at < lines.length; at += perPage) {
    // A page does not begin with the blank line between the entries and the keys.
    const page = lines.slice(at, at + perPage);
    pages.push(page[0]?.text === '' ? page.slice(1) : page);
  }
  return pages;
}
