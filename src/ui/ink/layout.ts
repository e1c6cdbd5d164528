/**
 * Where everything on the game screen goes, computed from the terminal's
 * size: the column widths, whether the status panel shows beside the scene,
 * the choices wrapped, and the rows left for the scene's pages (cut by
 * ../paging.ts). Pure, so the reducer knows how many pages there are when
 * Enter is pressed, and the components draw exactly the lines counted here.
 */

import type { ChoiceView } from '../../engine/index.js';
import type { MoveOutcome } from '../changes.js';
import { choiceLabel } from '../labels.js';
import { wrapText } from '../wrap.js';

/** Below this many columns the status panel is hidden until `tab` shows it in place of the story. */
export const NARROW = 60;
/** Prose is easiest to read at up to this many columns. */
export const MAX_PROSE = 80;
/** The status panel's width beside the scene, border and padding included: at least this… */
export const PANEL_WIDTH = 26;
/** …and up to this on a terminal wide enough, so that values wrap less. */
export const PANEL_MAX_WIDTH = 44;

/** The terminal's size; `rows` is undefined when unknown (no paging then). */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number | undefined;
}

/** The size a stream reports, with defaults for what it does not. */
export function sizeOf(stdout: { readonly columns?: number; readonly rows?: number }): TerminalSize {
  const columns = typeof stdout.columns === 'number' && stdout.columns > 0 ? stdout.columns : 80;
  const rows = typeof stdout.rows === 'number' && stdout.rows > 0 ? stdout.rows : undefined;
  return { columns, rows };
}

/** How the game screen splits the terminal's width. */
export interface Columns {
  /** The scene's column. */
  readonly main: number;
  /** Where the status panel goes: beside the scene, instead of it (narrow terminals), or nowhere. */
  readonly panel: 'side' | 'full' | 'none';
  /** The panel's width beside the scene, border and padding included (0 when it is not beside it). */
  readonly panelWidth: number;
}

/** Whether the status panel shows: the player's choice (`tab`), else only on wide terminals. */
export function statusShown(toggle: boolean | undefined, size: TerminalSize): boolean {
  return toggle ?? size.columns >= NARROW;
}

/**
 * The widths of the game screen's columns: the status panel beside the
 * scene (`status`), or the whole status in its place (`whole`: `tab` on a
 * narrow terminal, or on a wide one whose panel could not show everything).
 */
export function columnsFor(size: TerminalSize, status: boolean, whole = false): Columns {
  const columns = Math.max(20, size.columns);
  if (whole) return { main: Math.min(columns, MAX_PROSE), panel: 'full', panelWidth: 0 };
  if (!status || columns < NARROW) return { main: Math.min(columns, MAX_PROSE), panel: 'none', panelWidth: 0 };
  // The prose keeps its best width; the panel takes what a wide terminal has beside it.
  const main = Math.min(columns - PANEL_WIDTH - 1, MAX_PROSE - 2);
  return { main, panel: 'side', panelWidth: Math.min(PANEL_MAX_WIDTH, columns - main - 1) };
}

/** Each choice's label wrapped to fit beside its number and the pointer. */
export function choiceLabels(choices: readonly ChoiceView[], width: number): string[][] {
  return choices.map((choice, index) => {
    // The pointer and its space take two columns, the number the next few.
    const labelWidth = Math.max(8, width - 2 - `${index + 1}. `.length);
    return wrapText(choiceLabel(choice), labelWidth, true);
  });
}

/** How many rows the choice list takes. */
export function choiceRows(labels: readonly (readonly string[])[]): number {
  return labels.reduce((rows, label) => rows + Math.max(1, label.length), 0);
}

/** The choices shown of a list too tall for its rows: `from` to `to` (not included), and how many are above and below. */
export interface ChoiceWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The run of whole choices around `cursor` that fits in `rows` rows with a
 * line saying how many more there are above and below it (`↑ 2 more`): a
 * choice list taller than the terminal (many choices on a small one)
 * scrolls with the highlight instead of pushing the scene off the screen.
 * All of them when they fit, or `rows` is undefined.
 */
export function choiceWindow(labels: readonly (readonly string[])[], cursor: number, rows: number | undefined): ChoiceWindow {
  const n = labels.length;
  if (rows === undefined || choiceRows(labels) <= rows) return { from: 0, to: n };
  const height = (i: number) => Math.max(1, labels[i]?.length ?? 1);
  const at = Math.max(0, Math.min(cursor, n - 1));
  let from = at;
  let to = at + 1;
  const used = (f: number, t: number) => {
    let sum = (f > 0 ? 1 : 0) + (t < n ? 1 : 0);
    for (let i = f; i < t; i++) sum += height(i);
    return sum;
  };
  // Below the highlight first (what comes next), then above it.
  while (to < n && used(from, to + 1) <= rows) to++;
  while (from > 0 && used(from - 1, to) <= rows) from--;
  return { from, to };
}

/** The rows left for the body and the footer once the fixed lines are drawn. */
export function roomFor(rows: number | undefined, fixed: number): number | undefined {
  // One row short of the terminal's height: a frame as tall as the terminal
  // makes Ink clear the whole screen on every redraw, which flickers.
  return rows === undefined ? undefined : Math.max(2, rows - 1 - fixed);
}
