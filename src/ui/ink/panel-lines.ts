/**
 * The status panel's rows, fitted to a width and a height: pure (no Ink), so
 * the reducer can tell whether the panel beside the scene had to leave
 * anything out, and page the whole status in place of the story.
 */

import { partyValue, type StatusEntry, type StatusReport } from '../status.js';
import { columnsOf, padEnd, truncate, wrapHanging, wrapText } from '../wrap.js';

/** One row of the panel, already fitted to its width. */
export type PanelLine =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'dim'; readonly text: string }
  /** A stat's row: its label (blank on the rows a long value wraps onto) and value. */
  | { readonly kind: 'entry'; readonly label: string; readonly value: string }
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: 'space' };

/** The rows of one thing the panel shows (a stat, a companion, an item), kept together. */
type Block = readonly PanelLine[];

/**
 * The panel's rows for `height` rows of `inner` columns. Long values wrap
 * onto more rows rather than being cut, so every row is one terminal line
 * and the count is exact. When there is too little room it drops, in turn:
 * the blank rows, the clock (the scene's header shows it too), then the tail
 * of the party and items lists, which end with "+N more"; beside the scene
 * its last row then says that `tab` shows it all (see `panelPages`).
 */
export function panelLines(report: StatusReport, inner: number, height: number, side: boolean): PanelLine[] {
  const { build, all, party, items } = panelParts(report, inner, side);
  for (const [spaced, withClock] of [[true, true], [false, true], [false, false]] as const) {
    const lines = build(spaced, withClock, all(party), all(items));
    if (lines.length <= height) return lines;
  }
  // Still too tall: share what is left between the party and the items.
  const fixed = build(false, false, 0, 0).length;
  const room = Math.max(0, height - fixed);
  const itemRows = Math.min(all(items), Math.max(1, Math.floor(room / 3)));
  const partyRows = Math.max(1, room - itemRows);
  const lines = build(false, false, partyRows, itemRows);
  if (!side || height < 2) return lines.slice(0, Math.max(1, height));
  // Beside the scene, the last row says where the rest is.
  return [...lines.slice(0, height - 1), { kind: 'dim', text: truncate(CUT_HINT, inner) }];
}

/** The last row of a panel beside the scene that could not show everything. */
export const CUT_HINT = 'tab: see it all';

/** Whether the panel shows everything in `height` rows (the clock and blank rows aside). */
export function panelFits(report: StatusReport, inner: number, height: number): boolean {
  const { build, all, party, items } = panelParts(report, inner, true);
  return build(false, false, all(party), all(items)).length <= height;
}

/**
 * The whole status in place of the story, cut into pages of `rows` rows:
 * every page but the last leaves its last row for the page line.
 */
export function panelPages(report: StatusReport, inner: number, rows: number | undefined): PanelLine[][] {
  const { build, all, party, items } = panelParts(report, inner, false);
  const lines = build(true, true, all(party), all(items));
  if (rows === undefined || lines.length <= rows) return [lines];
  const perPage = Math.max(1, rows - 1);
  const pages: PanelLine[][] = [];
  for (let at = 0; at < lines.length; at += perPage) pages.push(lines.slice(at, at + perPage));
  return pages;
}

/** The panel's rows, built with or without blank rows and the clock, and with the party and items lists cut to a number of rows. */
function panelParts(report: StatusReport, inner: number, side: boolean) {
  const labelWidth = Math.min(11, Math.floor(inner / 2), 1 + Math.max(...labels(report).map(columnsOf)));
  const entry = (e: StatusEntry): Block =>
    wrapText(e.value, inner - labelWidth, true).map((value, row) => ({
      kind: 'entry',
      label: padEnd(row === 0 ? truncate(e.label, labelWidth - 1) : '', labelWidth),
      value,
    }));
  const rows = (kind: 'heading' | 'dim' | 'plain', text: string): Block => wrapHanging(text, inner, 2, true).map((line) => ({ kind, text: line }));
  const stats: Block[] = [
    ...report.stats.map(entry),
    entry({ label: 'Condition', value: report.condition }),
    ...(report.symptoms.length === 0 ? [] : [entry({ label: 'Signs', value: report.symptoms.join(', ') })]),
    ...(report.hunger === undefined ? [] : [entry({ label: 'Hunger', value: report.hunger })]),
    ...(report.powers.length === 0 ? [] : [entry({ label: 'Powers', value: report.powers.join(', ') })]),
  ];
  const party: Block[] =
    report.party.length === 0 ? [rows('dim', 'nobody with you')] : report.party.map((p) => rows('plain', `${p.label}: ${partyValue(p)}`));
  const items: Block[] = report.items.length === 0 ? [rows('dim', 'nothing carried')] : report.items.map((i) => rows('plain', i));
  const title = rows('heading', side ? 'Status' : 'Status (tab: back to the story)');
  const clock = rows('dim', report.clock);
  const build = (spaced: boolean, withClock: boolean, partyRows: number, itemRows: number): PanelLine[] => {
    const gap: PanelLine[] = spaced ? [{ kind: 'space' }] : [];
    return [
      ...title,
      ...(withClock ? clock : []),
      ...gap,
      ...stats.flat(),
      ...gap,
      { kind: 'heading', text: 'Party' },
      ...shortened(party, partyRows, inner),
      ...gap,
      { kind: 'heading', text: 'Items' },
      ...shortened(items, itemRows, inner),
    ];
  };
  const all = (blocks: readonly Block[]) => blocks.reduce((n, b) => n + b.length, 0);
  return { build, all, party, items };
}

/** Whole blocks that fit in `rows` rows, the last row saying how many more there are. */
function shortened(blocks: readonly Block[], rows: number, inner: number): PanelLine[] {
  if (blocks.reduce((n, b) => n + b.length, 0) <= rows) return blocks.flat();
  if (rows <= 0) return [];
  const kept: PanelLine[] = [];
  let count = 0;
  for (const block of blocks) {
    if (kept.length + block.length > rows - 1) break;
    kept.push(...block);
    count++;
  }
  return [...kept, { kind: 'dim', text: truncate(`+${blocks.length - count} more`, inner) }];
}

/** The labels of the rows the panel shows, to size its label column. */
function labels(report: StatusReport): string[] {
  return [...report.stats.map((s) => s.label), 'Condition', 'Signs', 'Hunger', 'Powers'];
}
