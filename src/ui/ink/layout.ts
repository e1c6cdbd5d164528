/**
 * Where everything on the game screen goes, computed from the terminal's
 * size: the column widths, whether the status panel shows beside the scene,
 * every line of prose wrapped, and the scene cut into pages that fit the
 * terminal's height (with a "more" prompt between them). Pure, so the reducer
 * knows how many pages there are when Enter is pressed, and the components
 * draw exactly the lines counted here.
 */

import type { ChoiceView } from '../../engine/index.js';
import type { MoveOutcome } from '../changes.js';
import { unavailableLabel } from '../labels.js';
import { wrapText } from '../wrap.js';

/** Below this many columns the status panel is hidden until `tab` asks for it. */
export const NARROW = 60;
/** Prose is easiest to read at up to this many columns. */
export const MAX_PROSE = 80;
/** The status panel's width beside the scene, border and padding included. */
export const PANEL_WIDTH = 26;

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
}

/** Whether the status panel shows: the player's choice (`tab`), else only on wide terminals. */
export function statusShown(toggle: boolean | undefined, size: TerminalSize): boolean {
  return toggle ?? size.columns >= NARROW;
}

/** The widths of the game screen's columns. */
export function columnsFor(size: TerminalSize, status: boolean): Columns {
  const columns = Math.max(20, size.columns);
  if (!status) return { main: Math.min(columns, MAX_PROSE), panel: 'none' };
  if (columns < NARROW) return { main: Math.min(columns, MAX_PROSE), panel: 'full' };
  return { main: Math.min(columns - PANEL_WIDTH - 1, MAX_PROSE - 2), panel: 'side' };
}

/**
 * A line of the scene's body: prose, a notice for the player (story
 * changed, game saved), a line the story said about the last move (`say`),
 * or the changes line.
 */
export interface BodyLine {
  readonly text: string;
  readonly tone: 'prose' | 'notice' | 'said' | 'changes';
}

/**
 * The body of a scene: notices first, then what the last move told the
 * player (its `say` lines, then the changes line), then the paragraphs, a
 * blank line between each.
 */
export function bodyLines(
  notices: readonly string[],
  outcome: MoveOutcome | undefined,
  paragraphs: readonly string[],
  width: number,
): BodyLine[] {
  const lines: BodyLine[] = [];
  const block = (text: string, tone: BodyLine['tone']) => {
    const wrapped = wrapText(text, width, true);
    if (wrapped.length === 0) return;
    if (lines.length > 0) lines.push({ text: '', tone: 'prose' });
    for (const line of wrapped) lines.push({ text: line, tone });
  };
  for (const notice of notices) block(`! ${notice}`, 'notice');
  for (const said of outcome?.said ?? []) block(said, 'said');
  if (outcome?.changes !== undefined) block(outcome.changes, 'changes');
  for (const paragraph of paragraphs) block(paragraph, 'prose');
  return lines;
}

/** Each choice's label wrapped to fit beside its number and the pointer. */
export function choiceLabels(choices: readonly ChoiceView[], width: number): string[][] {
  return choices.map((choice, index) => {
    // The pointer and its space take two columns, the number the next few.
    const labelWidth = Math.max(8, width - 2 - `${index + 1}. `.length);
    return wrapText(choice.enabled ? choice.text : unavailableLabel(choice), labelWidth, true);
  });
}

/** How many rows the choice list takes. */
export function choiceRows(labels: readonly (readonly string[])[]): number {
  return labels.reduce((rows, label) => rows + Math.max(1, label.length), 0);
}

/**
 * Cuts the body into pages. Each page but the last leaves a row for the
 * "more" prompt; the last leaves `footer` rows for what follows the prose
 * (the choices, a prompt, the ending). `room` is the rows the body and the
 * footer share; undefined means there is no limit (one page).
 */
export function paginate<T extends { readonly text: string }>(
  lines: readonly T[],
  room: number | undefined,
  footer: number,
): T[][] {
  const body = trimBlank(lines);
  if (room === undefined || body.length + footer <= room) return [body];
  const perPage = Math.max(1, room - 1);
  const lastRoom = Math.max(0, room - footer);
  const pages: T[][] = [];
  let rest = body;
  while (rest.length > lastRoom) {
    const cut = rest.length > perPage ? fullPageCut(rest, perPage) : lastPageCut(rest, lastRoom);
    pages.push(trimBlank(rest.slice(0, cut)));
    rest = trimBlank(rest.slice(cut));
  }
  pages.push(rest);
  return pages;
}

/** Where a full page ends: at the last paragraph break in its second half, else where the room ends. */
function fullPageCut(lines: readonly { readonly text: string }[], perPage: number): number {
  for (let i = perPage; i >= Math.ceil(perPage / 2); i--) if (lines[i]?.text === '') return i;
  return perPage;
}

/**
 * Where the next-to-last page ends when what is left fits one page but not
 * above the footer: before the closing paragraphs that fit with it, so the
 * choices never stand alone without the prose that leads to them.
 */
function lastPageCut(lines: readonly { readonly text: string }[], lastRoom: number): number {
  for (let i = 1; i < lines.length; i++) {
    if (lines[i - 1]!.text === '' && lines.length - i <= lastRoom) return i;
  }
  return lines.length;
}

/** The rows left for the body and the footer once the fixed lines are drawn. */
export function roomFor(rows: number | undefined, fixed: number): number | undefined {
  // One row short of the terminal's height: a frame as tall as the terminal
  // makes Ink clear the whole screen on every redraw, which flickers.
  return rows === undefined ? undefined : Math.max(2, rows - 1 - fixed);
}

function trimBlank<T extends { readonly text: string }>(lines: readonly T[]): T[] {
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from]!.text === '') from++;
  while (to > from && lines[to - 1]!.text === '') to--;
  return lines.slice(from, to);
}
