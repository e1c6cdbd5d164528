/**
 * A scene's body cut into pages that fit the terminal's height. Pages are
 * filled: a paragraph goes on the page being filled when it fits there, and
 * starts the next page only when it does not. A paragraph longer than a whole
 * page is the one thing cut, between sentences, so that it fills the page it
 * starts on and goes on over the next (a sentence longer than a page is cut
 * between lines, there being no better place). What follows the prose (the
 * choices, a prompt, the ending) goes under the last page when it fits there,
 * else on a page of its own: moving prose onto that page instead would leave
 * a page that could have held it.
 *
 * Every line knows where in the body it starts, so a resize can keep the
 * line the player was reading on screen (`pageAt`). Pure, and no Ink.
 */

import { wrapText } from './wrap.js';

/**
 * How a block of the body reads: the scene's prose, a notice for the player
 * (story changed, game saved), a line the story said about the last move
 * (`say`), or the changes line.
 */
export type BodyTone = 'prose' | 'notice' | 'said' | 'changes' | 'banner';

/**
 * A block of the body: a paragraph of the scene, or a line for the player
 * above the scene's text; or lines laid out already (`laid`: an ending's
 * banner, summary and the run's summary under the scene), which are paged
 * line by line and hold no place to keep on a resize.
 */
export interface BodyBlock {
  readonly text: string;
  readonly tone: BodyTone;
  readonly laid?: readonly { readonly text: string; readonly tone: BodyTone }[];
}

/** Where a line starts: its block, and the offset in the block's text with each run of spaces made one. */
export interface Place {
  readonly block: number;
  readonly offset: number;
}

/** A line of the body: a line of a block, or the blank line between two blocks (which has no place). */
export interface BodyLine {
  readonly text: string;
  readonly tone: BodyTone;
  readonly at?: Place;
}

/** How the body is to be paged. */
export interface PageRoom {
  /** The columns a line may take. */
  readonly width: number;
  /** The rows the body and the footer share on a page; undefined when the height is unknown (one page). */
  readonly rows: number | undefined;
  /** The rows of what follows the last page's prose. */
  readonly footer: number;
}

/**
 * The body's pages. Every page but the last leaves a row for the "more"
 * prompt; the last leaves `footer` rows (and may hold no prose at all).
 */
export function pageBody(blocks: readonly BodyBlock[], room: PageRoom): BodyLine[][] {
  const { width, rows, footer } = room;
  if (rows === undefined) return [blocks.flatMap((block, index) => withBlank(index > 0 ? 1 : 0, blockLines(block, index, width)))];
  const perPage = Math.max(1, rows - 1);
  const pages: BodyLine[][] = [];
  let page: BodyLine[] = [];
  const free = () => perPage - page.length - (page.length > 0 ? 1 : 0);
  const put = (lines: readonly BodyLine[]) => {
    page = [...page, ...withBlank(page.length > 0 ? 1 : 0, lines)];
  };
  const turn = () => {
    pages.push(page);
    page = [];
  };
  blocks.forEach((block, index) => {
    const whole = blockLines(block, index, width);
    if (whole.length <= free()) return put(whole);
    if (whole.length <= perPage) {
      turn();
      return put(whole);
    }
    if (block.laid !== undefined) {
      // Laid-out lines longer than a page: from the top of a page of their own, as many as fit on each page.
      let rest = whole;
      if (page.length > 0) turn();
      while (rest.length > 0) {
        const room = Math.max(1, free());
        put(rest.slice(0, room));
        rest = rest.slice(room);
        if (rest.length > 0) turn();
      }
      return;
    }
    for (const part of sentenceParts(block, index, width, perPage, free)) {
      if (part.turnFirst) turn();
      put(part.lines);
    }
  });
  if (page.length + footer > rows && page.length > 0) turn();
  pages.push(page);
  return pages;
}

/** The page holding `place`, or the last page when there is no place to keep (the page had no prose). */
export function pageAt(pages: readonly (readonly BodyLine[])[], place: Place | undefined): number {
  if (place === undefined) return pages.length - 1;
  let found = 0;
  pages.forEach((page, index) => {
    const first = firstPlace(page);
    if (first !== undefined && !isAfter(first, place)) found = index;
  });
  return found;
}

/** Where the first line of prose on a page starts. */
export function firstPlace(page: readonly BodyLine[]): Place | undefined {
  return page.find((line) => line.at !== undefined)?.at;
}

function isAfter(a: Place, b: Place): boolean {
  return a.block > b.block || (a.block === b.block && a.offset > b.offset);
}

/** `lines` after `blanks` blank lines. */
function withBlank(blanks: number, lines: readonly BodyLine[]): BodyLine[] {
  return blanks === 0 || lines.length === 0 ? [...lines] : [{ text: '', tone: 'prose' }, ...lines];
}

/** The words of a block, one space between each: the text every offset counts in. */
function spaced(text: string): string {
  return text.split(/\s+/).filter((word) => word !== '').join(' ');
}

/** The text of a block as the player reads it: a notice is marked. */
function shown(block: BodyBlock): string {
  return block.tone === 'notice' ? `! ${block.text}` : block.text;
}

/** `text` (a run of the block's spaced text from `from`) wrapped, each line with its place. */
function placedLines(text: string, from: number, block: number, tone: BodyBlock['tone'], width: number): BodyLine[] {
  let offset = from;
  return wrapText(text, width, true).map((line) => {
    // wrapText's lines are runs of the spaced text; a space between two of them was dropped.
    const at = text.indexOf(line, offset - from) + from;
    offset = at + line.length;
    return { text: line, tone, at: { block, offset: at } };
  });
}

function blockLines(block: BodyBlock, index: number, width: number): BodyLine[] {
  if (block.laid !== undefined) return block.laid.map(({ text, tone }) => ({ text, tone }));
  return placedLines(spaced(shown(block)), 0, index, block.tone, width);
}

/** A run of a long block's sentences to put on a page, after starting a new page if `turnFirst`. */
interface SentencePart {
  readonly turnFirst: boolean;
  readonly lines: readonly BodyLine[];
}

/**
 * A block longer than a page, as runs of whole sentences: each run as many
 * sentences as fit in the room left on the page being filled (`free`, read
 * after each run is put). A sentence longer than a page is cut between lines.
 */
function* sentenceParts(
  block: BodyBlock,
  index: number,
  width: number,
  perPage: number,
  free: () => number,
): Generator<SentencePart> {
  const text = spaced(shown(block));
  const ends = sentenceEnds(text);
  let start = 0;
  let turnFirst = false;
  while (start < text.length) {
    const room = turnFirst ? perPage : free();
    const fitting = longestFit(text, start, ends, room, width, index, block.tone);
    if (fitting !== undefined) {
      yield { turnFirst, lines: fitting.lines };
      start = fitting.next;
      turnFirst = true;
      continue;
    }
    if (!turnFirst && room < perPage) {
      // Not even one sentence fits in what is left here: it starts the next page.
      turnFirst = true;
      continue;
    }
    // One sentence taller than a page: a page of its lines, and the rest goes on.
    const end = ends.find((e) => e > start) ?? text.length;
    const lines = placedLines(text.slice(start, end), start, index, block.tone, width).slice(0, room);
    yield { turnFirst, lines };
    const last = lines.at(-1)!;
    start = nextStart(text, last.at!.offset + last.text.length);
    turnFirst = true;
  }
}

/** The most sentences from `start` whose lines fit in `room` rows, and where the next begins. */
function longestFit(
  text: string,
  start: number,
  ends: readonly number[],
  room: number,
  width: number,
  block: number,
  tone: BodyBlock['tone'],
): { readonly lines: BodyLine[]; readonly next: number } | undefined {
  let best: { lines: BodyLine[]; next: number } | undefined;
  for (const end of ends) {
    if (end <= start) continue;
    const lines = placedLines(text.slice(start, end), start, block, tone, width);
    if (lines.length > room) break;
    best = { lines, next: nextStart(text, end) };
  }
  return best;
}

/** Where the text goes on after `at`: past the space there, if any. */
function nextStart(text: string, at: number): number {
  return text[at] === ' ' ? at + 1 : at;
}

/** The offsets where each sentence of `text` ends (the last is the text's end). */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  // A sentence ends at . ! ? or … (and any closing quotes or brackets) before a space.
  for (const match of text.matchAll(/[.!?…]["'”’)\]]*(?= )/g)) ends.push(match.index + match[0].length);
  ends.push(text.length);
  return ends;
}
