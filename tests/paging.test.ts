/**
 * Paging a scene's body (src/ui/paging.ts): pages are filled, cut between
 * paragraphs, and between sentences only inside a paragraph longer than a
 * page; nothing is lost or repeated, and a place in the text is found again
 * after the pages are cut anew.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstPlace, pageAt, pageBody, type BodyBlock, type BodyLine } from '../src/ui/paging.js';
import { wrapText } from '../src/ui/wrap.js';

const prose = (...texts: string[]): BodyBlock[] => texts.map((text) => ({ text, tone: 'prose' }));
const words = (lines: readonly BodyLine[]) => lines.flatMap((l) => l.text.split(' ')).filter((w) => w !== '');
const rowsOf = (text: string, width: number) => wrapText(text, width, true).length;

/** A sentence of `n` words, ending in a full stop. */
const sentence = (n: number, tag: string) => `${Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ')}.`;

const blocksArb = fc.array(
  fc.array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.constantFrom('.', '!', '?', ',')), { minLength: 1, maxLength: 8 }),
  { minLength: 0, maxLength: 8 },
);
/** Blocks of sentences from the arbitrary's shape: word counts and how each sentence ends. */
const build = (shape: readonly (readonly (readonly [number, string])[])[]): BodyBlock[] =>
  shape.map((sentences, b) => ({
    text: sentences.map(([n, end], s) => `${Array.from({ length: n }, (_, i) => `w${b}s${s}i${i}`).join(' ')}${end}`).join(' '),
    tone: 'prose',
  }));

describe('pageBody', () => {
  it('puts everything on one page when the height is unknown, blank lines between paragraphs', () => {
    const pages = pageBody(prose('One two.', 'Three.'), { width: 20, rows: undefined, footer: 3 });
    expect(pages.map((p) => p.map((l) => l.text))).toEqual([['One two.', '', 'Three.']]);
  });

  it('fills the first page instead of leaving a short paragraph alone on it (Dial Tone at 160×50)', () => {
    // Two lines, then a paragraph of five: both fit on one page of eight rows with the "more" row.
    const blocks = prose(sentence(12, 'a'), sentence(30, 'b'), sentence(30, 'c'));
    const width = 40;
    expect(rowsOf(blocks[0]!.text, width)).toBeLessThanOrEqual(3);
    const pages = pageBody(blocks, { width, rows: 14, footer: 6 });
    expect(pages[0]!.some((l) => l.text.startsWith('b0'))).toBe(true);
  });

  it('cuts a paragraph longer than a page between sentences, never mid-sentence', () => {
    const long = [sentence(15, 'x'), sentence(15, 'y'), sentence(15, 'z'), sentence(15, 'w')].join(' ');
    expect(rowsOf(long, 30)).toBeGreaterThan(5);
    const pages = pageBody(prose(long), { width: 30, rows: 6, footer: 1 });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(0, -1)) expect(page.at(-1)!.text.endsWith('.')).toBe(true);
    expect(words(pages.flat())).toEqual(long.split(' '));
  });

  it('starts a paragraph that fits on a page of its own on the next page, rather than cutting it', () => {
    const second = `${sentence(6, 'b')} ${sentence(6, 'c')}`;
    // Two rows, then a blank: the second paragraph's first sentence would fit in what is left, the whole of it would not.
    expect([rowsOf(sentence(12, 'a'), 30), rowsOf(sentence(6, 'b'), 30), rowsOf(second, 30)]).toEqual([2, 1, 2]);
    const pages = pageBody(prose(sentence(12, 'a'), second), { width: 30, rows: 5, footer: 1 });
    expect(pages[1]![0]!.text.startsWith('b0')).toBe(true);
    expect(pages[0]!.every((l) => !l.text.includes('b'))).toBe(true);
  });

  it('puts the choices on a page of their own when they do not fit under the last prose', () => {
    const pages = pageBody(prose(sentence(20, 'a')), { width: 30, rows: 6, footer: 4 });
    expect(pages).toHaveLength(2);
    expect(pages[1]).toEqual([]);
  });

  it('marks a notice and keeps it apart from the prose', () => {
    const pages = pageBody([{ text: 'Saved.', tone: 'notice' }, ...prose('Rain.')], { width: 30, rows: 10, footer: 1 });
    expect(pages[0]).toEqual([
      { text: '! Saved.', tone: 'notice', at: { block: 0, offset: 0 } },
      { text: '', tone: 'prose' },
      { text: 'Rain.', tone: 'prose', at: { block: 1, offset: 0 } },
    ]);
  });

  it('never loses or repeats a word, and no page is taller than its room', () => {
    fc.assert(
      fc.property(blocksArb, fc.integer({ min: 3, max: 30 }), fc.integer({ min: 12, max: 60 }), fc.integer({ min: 0, max: 6 }), (shape, rows, width, footer) => {
        const blocks = build(shape);
        const pages = pageBody(blocks, { width, rows, footer });
        expect(words(pages.flat())).toEqual(blocks.flatMap((b) => b.text.split(' ')));
        for (const page of pages.slice(0, -1)) expect(page.length).toBeLessThanOrEqual(rows - 1);
        const last = pages.at(-1)!;
        if (last.length > 0) expect(last.length + footer).toBeLessThanOrEqual(rows);
      }),
    );
  });

  it('never closes a page that could have held what starts the next one', () => {
    fc.assert(
      fc.property(blocksArb, fc.integer({ min: 3, max: 30 }), fc.integer({ min: 12, max: 60 }), fc.integer({ min: 0, max: 6 }), (shape, rows, width, footer) => {
        const blocks = build(shape);
        const pages = pageBody(blocks, { width, rows, footer });
        for (let i = 0; i + 1 < pages.length; i++) {
          const page = pages[i]!;
          const next = firstPlace(pages[i + 1]!);
          const free = rows - 1 - page.length - (page.length > 0 ? 1 : 0);
          if (next === undefined) {
            // Only the footer follows: it did not fit under this page's prose.
            expect(page.length + footer).toBeGreaterThan(rows);
            continue;
          }
          const text = blocks[next.block]!.text;
          // What starts the next page: its whole paragraph, or (inside a long paragraph) its next sentence.
          const unit = next.offset === 0 && rowsOf(text, width) <= rows - 1 ? text : text.slice(next.offset).split(/(?<=[.!?]) /)[0]!;
          expect(rowsOf(unit, width)).toBeGreaterThan(free);
        }
      }),
    );
  });

  it('cuts inside a paragraph only after a sentence, unless one sentence is taller than a page', () => {
    fc.assert(
      fc.property(blocksArb, fc.integer({ min: 3, max: 30 }), fc.integer({ min: 12, max: 60 }), (shape, rows, width) => {
        const blocks = build(shape);
        const pages = pageBody(blocks, { width, rows, footer: 1 });
        for (const page of pages.slice(1)) {
          const at = firstPlace(page);
          if (at === undefined || at.offset === 0) continue;
          const before = blocks[at.block]!.text.slice(0, at.offset - 1);
          const sentenceStart = before.search(/[^.!?]*$/);
          const cutSentence = blocks[at.block]!.text.slice(sentenceStart).split(/(?<=[.!?]) /)[0]!;
          if (rowsOf(cutSentence, width) <= rows - 1) expect(before).toMatch(/[.!?]$/);
        }
      }),
    );
  });
});

describe('pageAt', () => {
  it('finds the page holding a line after the pages are cut for another size', () => {
    fc.assert(
      fc.property(blocksArb, fc.integer({ min: 3, max: 30 }), fc.integer({ min: 3, max: 30 }), fc.integer({ min: 12, max: 60 }), fc.integer({ min: 12, max: 60 }), (shape, rowsA, rowsB, widthA, widthB) => {
        const blocks = build(shape);
        const before = pageBody(blocks, { width: widthA, rows: rowsA, footer: 2 });
        const after = pageBody(blocks, { width: widthB, rows: rowsB, footer: 2 });
        for (const page of before) {
          const place = firstPlace(page);
          const found = after[pageAt(after, place)]!;
          if (place === undefined) {
            expect(pageAt(after, place)).toBe(after.length - 1);
            continue;
          }
          // The word that began the line read before is on the page found.
          const word = blocks[place.block]!.text.split(/\s+/).join(' ').slice(place.offset).split(' ')[0]!;
          expect(words(found)).toContain(word);
        }
      }),
    );
  });
});
