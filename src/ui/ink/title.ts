/**
 * The title screen's entries, and the screen itself as text, drawn without
 * Ink. Loading Ink and React takes longer than everything else a start does,
 * so `hyosan` paints this frame as soon as the story is loaded and imports
 * the Ink screen meanwhile; Ink's first frame then draws the same lines over
 * it (`TitleScreen.tsx`), and keys typed in between wait for it. A test keeps
 * the two frames identical (tests/title-frame.test.tsx).
 */
import { MAX_PROSE } from './layout.js';
import type { MenuItem } from './menu-item.js';
import { columnsOf, truncate, wrapText } from '../wrap.js';

/** An entry of the title screen. */
export type TitleId = 'new' | 'continue' | 'load' | 'settings' | 'quit';

/** The keys the title screen's help line lists. */
export const TITLE_HELP = '↑↓ move · Enter choose · q quit';

/**
 * The title screen's entries; Continue says where it would resume, and is
 * greyed when there is nothing to continue.
 */
export function titleItems(canContinue: boolean, continueNote?: string): MenuItem<TitleId>[] {
  return [
    { id: 'new', label: 'New game', enabled: true },
    // Said in words as well as greyed, for NO_COLOR and screen readers.
    canContinue
      ? { id: 'continue', label: 'Continue', enabled: true, ...(continueNote ? { note: continueNote } : {}) }
      : { id: 'continue', label: 'Continue', enabled: false, note: 'no saved game yet' },
    canContinue
      ? { id: 'load', label: 'Saved games', enabled: true }
      : { id: 'load', label: 'Saved games', enabled: false, note: 'none yet' },
    { id: 'settings', label: 'Settings', enabled: true },
    { id: 'quit', label: 'Quit', enabled: true },
  ];
}

/** `items` with each note cut to fit its row in `width` columns (or left out): a menu row never wraps. */
export function fittedItems<Id extends string>(items: readonly MenuItem<Id>[], width: number): MenuItem<Id>[] {
  return items.map((item) => {
    if (item.note === undefined) return item;
    const room = width - columnsOf(`❯ ${item.label} ()`);
    const { note: _note, ...rest } = item;
    return room < 8 ? rest : { ...rest, note: truncate(item.note, room) };
  });
}

/** The entry highlighted when the title screen opens: Continue when there is a game to continue. */
export function firstTitleCursor(canContinue: boolean): number {
  return canContinue ? 1 : 0;
}

/** What the title screen shows when a game starts. */
export interface TitleLook {
  readonly title: string;
  /** The story's line under the title, if any. */
  readonly tagline: string | undefined;
  /** The line naming the story packs played with, if any. */
  readonly packs?: string | undefined;
  readonly canContinue: boolean;
  /** Where Continue would resume. */
  readonly continueNote?: string | undefined;
  /** The terminal's width. */
  readonly columns: number;
  /** Colours allowed (the player's setting, and NO_COLOR unset). */
  readonly color: boolean;
  /** Whether to style at all (bold, dim): not under NO_COLOR, where Ink writes no escape codes. */
  readonly styled: boolean;
}

/**
 * The opening title screen, line by line as Ink draws `TitleScreen` (with
 * the same styles), followed by the newline Ink ends a frame with; or
 * undefined on a terminal so narrow that Ink would wrap a menu entry, which
 * is left to Ink to draw.
 */
export function titleFrame(look: TitleLook): string | undefined {
  const width = Math.min(look.columns, MAX_PROSE);
  const sgr = look.styled ? styler : (_codes: readonly Sgr[], text: string) => text;
  const colour = (c: Sgr): readonly Sgr[] => (look.color ? [c] : []);
  const cursor = firstTitleCursor(look.canContinue);
  const items = fittedItems(titleItems(look.canContinue, look.continueNote), width);
  // The notes fit now; a label that does not is Ink's to wrap.
  if (items.some((item) => columnsOf(`❯ ${item.label}`) > width)) return undefined;
  const rows = items.map((item, index) => {
    const selected = index === cursor;
    const pointer = selected ? sgr(colour(BLUE), '❯') : ' ';
    const label = sgr(
      [...(item.enabled ? [] : [DIM]), ...(selected && item.enabled ? [BOLD] : []), ...(selected ? colour(CYAN) : [])],
      item.label,
    );
    const note = item.note === undefined ? '' : sgr([DIM], ` (${item.note})`);
    return `${pointer} ${label}${note}`;
  });
  const lines = [
    '',
    ...wrapText(look.title, width, true).map((line) => sgr([BOLD, ...colour(YELLOW)], line)),
    ...(look.tagline === undefined ? [] : wrapText(look.tagline, width, true).map((line) => sgr([DIM], line))),
    ...(look.packs === undefined ? [] : wrapText(look.packs, width, true).map((line) => sgr([DIM], line))),
    '',
    ...rows,
    '',
    sgr([DIM], truncate(TITLE_HELP, width)),
  ];
  return `${lines.join('\n')}\n`;
}

/** A text style as its SGR escape codes: on, and off again. */
type Sgr = readonly [on: number, off: number];
const BOLD: Sgr = [1, 22];
const DIM: Sgr = [2, 22];
const YELLOW: Sgr = [33, 39];
const BLUE: Sgr = [34, 39];
const CYAN: Sgr = [36, 39];

function styler(codes: readonly Sgr[], text: string): string {
  if (codes.length === 0 || text === '') return text;
  return `${codes.map(([on]) => `\u001B[${on}m`).join('')}${text}${codes.map(([, off]) => `\u001B[${off}m`).join('')}`;
}
