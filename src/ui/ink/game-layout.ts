/**
 * The game screen for one state, laid out: the scene's header, its pages of
 * prose, and what follows the last page (the choices, a typed answer, the
 * ending with the run's summary). The reducer uses it to know what a key
 * means (another page, or a choice); the components draw exactly its lines.
 */

import { choicesOf, isEnded, sceneView } from '../../engine/index.js';
import type { ChoiceView, GameState, SceneView, Story } from '../../engine/index.js';
import { endingBanner } from '../labels.js';
import { choiceLabels, choiceRows, columnsFor, roomFor, statusShown, type Columns, type TerminalSize } from './layout.js';
import { pageBody, type BodyBlock, type BodyLine, type BodyTone } from '../paging.js';
import type { MoveOutcome } from '../changes.js';
import type { TextField } from './text-field.js';
import { runSummary, runSummaryLines } from '../run-summary.js';
import { statusReport } from '../status.js';
import { panelFits, panelPages } from './panel-lines.js';
import { firstFitting, truncate, wrapHanging, wrapText } from '../wrap.js';

/** What the game is waiting for, which decides what keys mean. */
export type Mode = 'choosing' | 'answering' | 'ended' | 'dead-end';

/** A typed answer in progress, for a choice that asks for one. */
export interface Answer {
  readonly choiceId: string;
  readonly label: string;
  readonly prompt: string;
  /** What has been typed, where the cursor is, and the longest it may be. */
  readonly field: TextField;
}

/** What follows the prose on the page shown. */
export type Footer =
  | { readonly kind: 'more'; readonly page: number; readonly pages: number }
  | {
      readonly kind: 'choices';
      readonly choices: readonly ChoiceView[];
      readonly labels: readonly (readonly string[])[];
      /** The rows the list may take when it is taller than the page (it then scrolls with the highlight); undefined when it fits. */
      readonly rows?: number;
    }
  | { readonly kind: 'answer'; readonly prompt: readonly string[] }
  /** The game is over: the ending (banner, summary, the run's summary) closes the body, paged with it. */
  | { readonly kind: 'ending' }
  | { readonly kind: 'dead-end'; readonly lines: readonly string[] };

/** Everything the game screen draws for a state. */
export interface GameLayout {
  readonly mode: Mode;
  readonly columns: Columns;
  readonly scene: SceneView;
  /** The choices the player sees (none once the game has ended). */
  readonly choices: readonly ChoiceView[];
  readonly title: readonly string[];
  readonly pages: readonly (readonly BodyLine[])[];
  /** The page shown, within range. */
  readonly page: number;
  readonly footer: Footer;
  /** The keys that work now, in one line that fits. */
  readonly help: string;
  /** The rows the status panel may take (undefined when the terminal's height is unknown). */
  readonly panelRows: number | undefined;
  /** The story folder's problem (`--watch`), wrapped to the width: shown in full, up to a quarter of the screen. */
  readonly problem: readonly string[];
  /**
   * The status: whether the panel beside the scene shows all of it (else
   * `tab` shows it whole), and how many pages it takes whole, in place of the story.
   */
  readonly status: { readonly fitsBeside: boolean; readonly pages: number; readonly page: number };
  /**
   * The one-line message under the scene, wrapped, and where it goes: under
   * the page when the page has rows to spare, else in place of the help line
   * (cut to the rows there are). It never moves the page's lines: the page
   * the player is on, and what a key does there, stay as they were.
   */
  readonly note?: { readonly lines: readonly string[]; readonly overHelp: boolean };
}

/** What the layout depends on. */
export interface LayoutInput {
  readonly story: Story;
  readonly state: GameState;
  readonly size: TerminalSize;
  readonly statusToggle: boolean | undefined;
  /** The page of the whole status shown in place of the story, if it is. */
  readonly statusPage?: number | undefined;
  readonly notices: readonly string[];
  /** What the last move told the player, shown above the scene's text. */
  readonly outcome?: MoveOutcome | undefined;
  readonly answer: Answer | undefined;
  readonly page: number;
  /** Endings found so far (scene ids), for the run summary. */
  readonly found: readonly string[];
  /** A line about the story folder (`--watch`), which takes a row. */
  readonly storyProblem: string | undefined;
  /** A one-line message under the scene ("Saved to ..."), until the next key. */
  readonly note?: string | undefined;
}

/** The game's mode in a state. */
export function modeOf(story: Story, state: GameState, answer: Answer | undefined): Mode {
  if (isEnded(story, state)) return 'ended';
  if (!choicesOf(story, state).some((c) => c.enabled)) return 'dead-end';
  return answer === undefined ? 'choosing' : 'answering';
}

/** Lays out the game screen. */
export function gameLayout(input: LayoutInput): GameLayout {
  const { story, state, size, answer } = input;
  const mode = modeOf(story, state, answer);
  const scene = sceneView(story, state);
  const choices = mode === 'ended' ? [] : choicesOf(story, state);
  const columns = columnsFor(size, statusShown(input.statusToggle, size), input.statusPage !== undefined);
  const width = columns.main;
  const title = wrapText(scene.title, width, true);
  // The header, the title, a blank line after it and before the footer, and the help line after a blank.
  const problem = input.storyProblem === undefined ? [] : problemLines(input.storyProblem, width, size.rows);
  const lineRows = problem.length === 0 ? 0 : 1 + problem.length;
  const fixed = 1 + title.length + 3 + 1 + lineRows;
  const room = roomFor(size.rows, fixed);
  const last = scrolled(lastFooter(input, mode, scene, choices, width), room);
  const blocks: BodyBlock[] = [
    ...input.notices.map((text): BodyBlock => ({ text, tone: 'notice' })),
    ...(input.outcome?.said ?? []).map((text): BodyBlock => ({ text, tone: 'said' })),
    ...(input.outcome?.changes === undefined ? [] : [{ text: input.outcome.changes, tone: 'changes' } as const]),
    ...scene.paragraphs.map((text): BodyBlock => ({ text, tone: 'prose' })),
    // An ending (one with a way on too, above its choices) closes the body: paged with it, it is never taller than the screen.
    ...(scene.ending === undefined ? [] : [endingBlock(input, scene, width)]),
  ];
  const pages = pageBody(blocks, { width, rows: room, footer: footerRows(last) });
  // While an answer is typed, its prompt stays on screen (a resize that re-pages the scene must not hide it, or send the keys typed to the page).
  const page = mode === 'answering' ? pages.length - 1 : Math.max(0, Math.min(input.page, pages.length - 1));
  const footer: Footer = page < pages.length - 1 ? { kind: 'more', page, pages: pages.length } : last;
  const noteLines = input.note === undefined ? undefined : wrapText(input.note, width, true);
  // Beside the scene the panel has the whole height; in its place, all but the help line (and a problem line, a message).
  const below = columns.panel === 'full' ? 2 + lineRows + (noteLines === undefined ? 0 : 1 + noteLines.length) : 0;
  const panelRows = roomFor(size.rows, below);
  const status = statusPaging(story, state, size, input.statusPage, columns.panel === 'full' ? panelRows : roomFor(size.rows, 2 + lineRows));
  const help = columns.panel === 'full' ? wholeStatusHelp(status, width) : helpLine(footer, mode, width);
  const laidOut = { mode, columns, scene, choices, title, pages, page, footer, help, panelRows, status, problem };
  if (noteLines === undefined) return laidOut;
  if (room === undefined || columns.panel === 'full') return { ...laidOut, note: { lines: noteLines, overHelp: false } };
  // The rows the page leaves free: the message and the blank line above it fit there, or it takes the help line's place too.
  const spare = room - (pages[page]?.length ?? 0) - footerRows(footer);
  if (noteLines.length + 1 <= spare) return { ...laidOut, note: { lines: noteLines, overHelp: false } };
  return { ...laidOut, note: { lines: fitted(noteLines, Math.max(1, spare + 1), width), overHelp: true } };
}

/** Whether the status fits beside the scene at this size, and its pages whole in place of the story. */
function statusPaging(story: Story, state: GameState, size: TerminalSize, statusPage: number | undefined, wholeRows: number | undefined): GameLayout['status'] {
  const report = statusReport(story, state);
  const beside = columnsFor(size, true);
  const fitsBeside = beside.panel !== 'side' || size.rows === undefined || panelFits(report, beside.panelWidth - 2, roomFor(size.rows, 0) ?? 0);
  // Whole, the status has all the rows but the help line's (and a problem line's, a message's).
  const pages = panelPages(report, Math.max(10, columnsFor(size, false, true).main), wholeRows).length;
  return { fitsBeside, pages, page: Math.max(0, Math.min(statusPage ?? 0, pages - 1)) };
}

/** `lines` cut to `rows`, the last one kept ending in "…" when any were cut. */
function fitted(lines: readonly string[], rows: number, width: number): string[] {
  if (lines.length <= rows) return [...lines];
  const kept = lines.slice(0, rows);
  const last = kept[rows - 1]!;
  kept[rows - 1] = truncate(`${last}…`, width);
  return kept;
}

/** The choices, told how many rows they may take when they are taller than a page. */
function scrolled(footer: Footer, room: number | undefined): Footer {
  if (footer.kind !== 'choices' || room === undefined || choiceRows(footer.labels) <= room) return footer;
  return { ...footer, rows: Math.max(3, room) };
}

/**
 * A story folder's problem, wrapped: the whole message (an author needs the
 * file, the line and what is wrong), up to a quarter of the screen's rows
 * (at least three), the last line cut with `…` only beyond that.
 */
export function problemLines(message: string, width: number, rows: number | undefined): string[] {
  return fitted(wrapText(`! ${message}`, width, true), Math.max(3, Math.floor((rows ?? 24) / 4)), width);
}

function lastFooter(input: LayoutInput, mode: Mode, scene: SceneView, choices: readonly ChoiceView[], width: number): Footer {
  switch (mode) {
    case 'choosing':
      return { kind: 'choices', choices, labels: choiceLabels(choices, width) };
    case 'answering':
      return { kind: 'answer', prompt: wrapText(input.answer?.prompt ?? '', width, true) };
    case 'ended':
      return { kind: 'ending' };
    case 'dead-end':
      return {
        kind: 'dead-end',
        lines: wrapText(`There is no way on from here (scene '${scene.id}'): the story has a dead end.`, width, true),
      };
    default: {
      const _never: never = mode;
      return _never;
    }
  }
}

/**
 * The ending's banner and summary, then the run's summary, laid out: an
 * ending that leads on is still an ending, shown as one above the choices
 * that lead on.
 */
function endingBlock(input: LayoutInput, scene: SceneView, width: number): BodyBlock {
  const lines: { text: string; tone: BodyTone }[] = wrapText(endingBanner(scene.ending), width, true).map((text) => ({ text, tone: 'banner' }));
  const summary = scene.ending?.summary;
  if (summary !== undefined && summary.trim() !== '') {
    lines.push({ text: '', tone: 'prose' });
    for (const text of wrapText(summary, width, true)) lines.push({ text, tone: 'prose' });
  }
  lines.push({ text: '', tone: 'prose' });
  for (const { label, text } of runSummaryLines(runSummary(input.story, input.state, input.found))) {
    for (const line of wrapHanging(`${label}: ${text}`, width, 2, true)) lines.push({ text: line, tone: 'prose' });
  }
  return { text: '', tone: 'banner', laid: lines };
}

function footerRows(footer: Footer): number {
  switch (footer.kind) {
    case 'more':
      return 1;
    case 'choices':
      return Math.min(choiceRows(footer.labels), footer.rows ?? Number.POSITIVE_INFINITY);
    case 'answer':
      // The prompt, the line being typed and the hint under it.
      return footer.prompt.length + 2;
    case 'ending':
      return 0;
    case 'dead-end':
      return footer.lines.length;
    default: {
      const _never: never = footer;
      return _never;
    }
  }
}

/**
 * The keys for what is on screen: the longest line that fits the scene's
 * column, so that no key is cut in two (`?` lists every key anyway).
 */
function helpLine(footer: Footer, mode: Mode, width: number): string {
  switch (footer.kind) {
    case 'more':
      return firstFitting(
        width,
        'Enter/space more · b back · u undo · tab status · ? help · esc menu · q quit',
        'Enter more · b back · u undo · tab status · ? help · esc menu',
        'Enter more · b back · ? help · esc menu',
        'Enter more · b back · ? help',
      );
    case 'choices': {
      const pick = numberKeys(footer.choices.length);
      return firstFitting(
        width,
        `↑↓ Enter · ${pick} pick · u undo · tab status · ? help · esc menu · q quit`,
        `↑↓ Enter · ${pick} pick · u undo · tab status · ? help · esc menu`,
        `↑↓ Enter ${pick} · u undo · ? help · esc menu`,
        `↑↓ Enter ${pick} · u undo · ? help · esc`,
        `↑↓ Enter ${pick} · u undo · ? help`,
      );
    }
    case 'answer':
      return 'Enter confirm · ←→ move · esc back';
    case 'ending':
      return firstFitting(
        width,
        'Enter title screen · u undo · ? help · esc menu · q quit',
        'Enter title · u undo · ? help · q quit',
        'Enter title · u undo · ? help',
      );
    case 'dead-end':
      return mode === 'dead-end' ? 'u undo · esc menu · q quit' : 'esc menu · q quit';
    default: {
      const _never: never = footer;
      return _never;
    }
  }
}

/** The keys while the whole status is shown in place of the story. */
function wholeStatusHelp(status: GameLayout['status'], width: number): string {
  if (status.page < status.pages - 1) {
    return firstFitting(width, 'Enter more · b back · tab or any other key: the story · esc menu · q quit', 'Enter more · b back · tab story · esc menu', 'Enter more · tab story · esc');
  }
  if (status.pages > 1) return firstFitting(width, 'b back · Enter, tab or any other key: the story · esc menu · q quit', 'b back · Enter or tab: story · esc menu', 'b back · tab story · esc');
  return firstFitting(width, 'tab or any other key: back to the story · esc menu · q quit', 'tab back · esc menu · q quit');
}

/** The number keys that pick one of `count` choices: `1`, `1–2`, `1–9, 0`. */
function numberKeys(count: number): string {
  if (count <= 1) return '1';
  if (count <= 9) return `1–${count}`;
  return '1–9, 0';
}
