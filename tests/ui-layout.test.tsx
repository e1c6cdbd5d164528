import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/index.js';
import { newGame } from '../src/saves/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { keyPresses, type KeyPress } from '../src/ui/ink/keys.js';
import { DEFAULT_SETTINGS } from '../src/ui/ports.js';
import { initialScreen, layoutOf, reduceScreen, screenMode, type Screen } from '../src/ui/ink/screen.js';
import { wrapText } from '../src/ui/wrap.js';
import type { Effect } from '../src/engine/index.js';
import { panelLines, panelPages, type PanelLine } from '../src/ui/ink/panel-lines.js';
import { helpPages } from '../src/ui/ink/help-pages.js';
import { statHelp } from '../src/ui/stat-help.js';
import { statusReport } from '../src/ui/status.js';
import { buildStory, cond } from './helpers/build-story.js';
import { waitForFrame } from './helpers/fake-terminal.js';
import { renderAppOn } from './helpers/ui-app.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const ENTER = '\r';
const TAB = '\t';
const ESC = '\u001B';
const DOWN = '\u001B[B';

let gym: Story;
let hall: Story;

async function load(dir: string): Promise<Story> {
  const result = await loadStoryDir(join(root, dir));
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.story!;
}

beforeAll(async () => {
  gym = await load('tests/fixtures/cli-story');
  hall = await load('tests/fixtures/ui-story');
});

/** The frame's lines, without the trailing spaces a padded box leaves. */
function lines(frame: string): string[] {
  return frame.split('\n').map((l) => l.trimEnd());
}

describe('a 40-column terminal', () => {
  it('wraps every line to 40 columns and hides the status panel', async () => {
    const { lastFrame } = renderAppOn(hall, 40, 24);
    const frame = await waitForFrame(lastFrame, 'The bell for the end');
    for (const line of lines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(frame).not.toContain('Status');
    expect(frame).toContain('Enter more');
  });

  it('shows the status in place of the scene with tab, and goes back with any key', async () => {
    const { lastFrame, stdin } = renderAppOn(hall, 40, 24);
    await waitForFrame(lastFrame, 'The bell for the end');
    stdin.write(TAB);
    const status = await waitForFrame(lastFrame, 'Status (tab: back to the story)');
    expect(status).not.toContain('The bell for the end');
    expect(status).toContain('On-jo 온조: well');
    for (const line of lines(status)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'The bell for the end');
  });

  it('plays the gym story to an ending in 40 columns', async () => {
    const { lastFrame, stdin } = renderAppOn(gym, 40, 24);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('2');
    const frame = await waitForFrame(lastFrame, '*** THE END');
    for (const line of lines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
  });
});

describe('long scenes', () => {
  it('page with a "more" prompt so that no frame is taller than the terminal', async () => {
    const { lastFrame, stdin } = renderAppOn(hall, 80, 24);
    const first = await waitForFrame(lastFrame, 'more (Enter) — page 1 of 3');
    expect(first).not.toContain('1. Take the baseball bat');
    expect(lines(first).length).toBeLessThan(24);
    stdin.write(ENTER);
    const second = await waitForFrame(lastFrame, 'page 2 of 3');
    expect(lines(second).length).toBeLessThan(24);
    // Pages are filled: the scene's last paragraph ends the second page, the choices need one of their own.
    expect(second).toContain('Your name is Ji-woo.');
    stdin.write(' ');
    const last = await waitForFrame(lastFrame, '1. Take the baseball bat');
    expect(last).toContain('The Long Corridor');
    expect(lines(last).length).toBeLessThan(24);
    stdin.write('b');
    await waitForFrame(lastFrame, 'page 2 of 3');
  });

  it('saving from the menu comes back to the page the player was reading, with the message under it', async () => {
    const { lastFrame, stdin } = renderAppOn(hall, 80, 24);
    await waitForFrame(lastFrame, 'page 1 of 3');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'page 2 of 3');
    stdin.write(' ');
    await waitForFrame(lastFrame, '1. Take the baseball bat');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Menu');
    stdin.write('2');
    await waitForFrame(lastFrame, 'Save to a slot');
    stdin.write('corridor');
    await waitForFrame(lastFrame, '> corridor');
    stdin.write(ENTER);
    const back = await waitForFrame(lastFrame, 'Saved to "corridor".');
    expect(back).toContain('1. Take the baseball bat');
    expect(lines(back).length).toBeLessThan(24);
    stdin.write(DOWN);
    const next = await waitForFrame(lastFrame, '❯ 2.');
    expect(next).not.toContain('Saved to "corridor".');
  });

  it('does not pick a choice with a number key before its page is shown', async () => {
    const { lastFrame, stdin } = renderAppOn(hall, 80, 24);
    await waitForFrame(lastFrame, 'page 1 of 3');
    stdin.write('2');
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'page 2 of 3');
    expect(frame).toContain('The Long Corridor');
  });
});

describe('wide characters', () => {
  it('keep their width: Hangul lines fit the column and the panel border stays straight', async () => {
    const { lastFrame } = renderAppOn(hall, 80, undefined);
    const frame = await waitForFrame(lastFrame, '효산고등학교');
    const bordered = lines(frame).filter((l) => l.includes('│'));
    expect(bordered.length).toBeGreaterThan(5);
    const columns = new Set(bordered.map((l) => stringWidth(l.slice(0, l.indexOf('│')))));
    expect([...columns]).toHaveLength(1);
    for (const line of lines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('wrap by display width: a line of Hangul syllables never exceeds the width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[가-힣]{1,6}$|^[a-z]{1,8}$/), { maxLength: 30 }),
        fc.integer({ min: 12, max: 80 }),
        (words, width) => {
          for (const line of wrapText(words.join(' '), width, true)) expect(stringWidth(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
    expect(wrapText('온조 수혁 대수 하리 효령 미진', 10)).toEqual(['온조 수혁', '대수 하리', '효령 미진']);
  });
});

describe('a resized terminal', () => {
  it('shows the story, the panel hidden, when narrowed below 60 columns with the panel shown', async () => {
    const { lastFrame, stdin, resize } = renderAppOn(hall, 80, 24);
    await waitForFrame(lastFrame, (f) => f.includes('│ Status') && f.includes('The bell for the end'));
    // tab twice: hidden, then shown again by the player's own choice.
    stdin.write(TAB);
    await waitForFrame(lastFrame, (f) => !f.includes('│ Status'));
    stdin.write(TAB);
    await waitForFrame(lastFrame, '│ Status');
    resize(50, 24);
    const narrow = await waitForFrame(lastFrame, (f) => f.includes('The bell for the end') && !f.includes('│'));
    expect(narrow).not.toContain('Status (tab: back to the story)');
    for (const line of lines(narrow)) expect(stringWidth(line)).toBeLessThanOrEqual(50);
    // tab still shows the status in place of the story there.
    stdin.write(TAB);
    await waitForFrame(lastFrame, 'Status (tab: back to the story)');
  });

  it('keeps the line being read on screen: page 3 of 4 at 40×24 becomes a later page at 30×10, not page 3', async () => {
    const { lastFrame, stdin, resize } = renderAppOn(hall, 40, 24);
    await waitForFrame(lastFrame, 'page 1 of 4');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'page 2 of 4');
    stdin.write(ENTER);
    const before = await waitForFrame(lastFrame, 'page 3 of 4');
    expect(before).toContain('The light through the windows');
    resize(30, 10);
    // Laid out for 30×10, the scene has many more pages than 4.
    const after = await waitForFrame(lastFrame, (f) => Number(/page \d+ of (\d+)/.exec(f)?.[1] ?? 0) > 10);
    const [, page] = /page (\d+) of/.exec(after)!;
    expect(Number(page)).toBeGreaterThan(3);
    expect(after).toContain('The light through');
  });

  it('re-renders to the new width', async () => {
    const { lastFrame, resize } = renderAppOn(gym, 80, undefined);
    await waitForFrame(lastFrame, 'Status');
    resize(40, 30);
    const frame = await waitForFrame(lastFrame, (f) => !f.includes('Status') && f.includes('The Gym Door'));
    for (const line of lines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    resize(100, 30);
    await waitForFrame(lastFrame, 'Status');
  });
});

describe('key presses', () => {
  it('reads arrows (with modifiers too), Page Up and Down, Esc, and text with Enter in it', () => {
    expect(['\u001B[A', '\u001B[1;5B', '\u001BOC', '\u001B[D', '\u001B[5~', '\u001B[6~', '\u001B'].flatMap(keyPresses)).toEqual(
      ['up', 'down', 'right', 'left', 'pageUp', 'pageDown', 'escape'].map((kind) => ({ kind })),
    );
    expect(keyPresses('Mi\u007fn\r')).toEqual([
      { kind: 'char', char: 'M' },
      { kind: 'char', char: 'i' },
      { kind: 'erase' },
      { kind: 'char', char: 'n' },
      { kind: 'enter' },
    ]);
  });

  it('drops escape sequences the game has no use for, and characters that cannot be shown', () => {
    for (const sequence of ['\u001B[31m', '\u001B[0m', '\u001B[200~', '\u001B[H', '\u001BOP', '\u001Bx', '\u001B]0;title\u0007']) {
      expect(keyPresses(sequence), JSON.stringify(sequence)).toEqual([]);
    }
    expect(keyPresses('\uFFFDB\u200Eo\u0007b')).toEqual(['B', 'o', 'b'].map((char) => ({ kind: 'char', char })));
    expect(keyPresses('수혁')).toEqual(['수', '혁'].map((char) => ({ kind: 'char', char })));
  });
});

describe("a choice that can't be taken", () => {
  it('is explained under the choices it belongs to, on a screen no taller than the terminal', async () => {
    const paragraph = (n: number) => `Paragraph ${n}: ${'the corridor is long and dark and quiet, '.repeat(2)}and nobody comes.`;
    const story = buildStory({
      hall: {
        text: [1, 2, 3, 4, 5].map(paragraph),
        choices: [
          { id: 'down', text: 'Go downstairs', goto: 'hall', requires: cond('false', () => false), hint: 'The corridor is full. Nobody is going downstairs now, whatever you say.' },
          { id: 'up', text: 'Go up to the library', goto: 'library' },
        ],
      },
      library: { text: ['The library.'], ending: 'Library' },
    });
    for (const [columns, rows] of [[80, 13], [80, 24]] as const) {
      const { lastFrame, stdin } = renderAppOn(story, columns, rows);
      await waitForFrame(lastFrame, 'Paragraph 1');
      for (let i = 0; i < 12 && (lastFrame() ?? '').includes('more (Enter)'); i++) {
        const was = lastFrame();
        stdin.write(ENTER);
        await waitForFrame(lastFrame, (f) => f !== was);
      }
      const choices = await waitForFrame(lastFrame, 'Go up to the library');
      stdin.write('1');
      const told = await waitForFrame(lastFrame, "You can't choose that");
      expect(told, `${columns}×${rows}`).toContain('Go up to the library');
      expect(lines(told).length, `${columns}×${rows}`).toBeLessThan(rows);
      // The page above the choices is the one that was there.
      const firstProse = (frame: string) => lines(frame).find((l) => l.startsWith('Paragraph') || l.startsWith('the ') || l.startsWith('and '));
      expect(firstProse(told)).toBe(firstProse(choices));
    }
  });
});

describe('more choices than a small terminal has rows for', () => {
  it('scroll with the highlight, saying how many more there are, instead of pushing the scene off the screen', async () => {
    const story = buildStory({
      vote: {
        text: ['Everyone looks at you.'],
        choices: Array.from({ length: 8 }, (_, i) => ({
          id: `c${i}`,
          text: `Choice ${i + 1}: argue your case as well as you have ever argued anything, and let them vote`,
          goto: 'vote',
        })),
      },
    });
    const { lastFrame, stdin } = renderAppOn(story, 40, 16);
    // The scene's text, then the choices on a page of their own.
    await waitForFrame(lastFrame, 'more (Enter) — page 1 of 2');
    stdin.write(ENTER);
    const first = await waitForFrame(lastFrame, '❯ 1. Choice 1');
    expect(lines(first).length).toBeLessThan(16);
    expect(first).toMatch(/↓ \d+ more/);
    expect(first).not.toMatch(/↑ \d+ more/);
    expect(lines(first)[1]).toBe('vote');
    for (let i = 2; i <= 8; i++) {
      stdin.write(DOWN);
      const frame = await waitForFrame(lastFrame, `❯ ${i}. Choice ${i}`);
      expect(lines(frame).length, frame).toBeLessThan(16);
      expect(lines(frame)[0]).toContain('Day 1, 08:00');
    }
    const end = lastFrame()!;
    expect(end).toMatch(/↑ \d+ more/);
    expect(end).not.toMatch(/↓ \d+ more/);
  });
});

describe('an ending', () => {
  const names = ['On-jo', 'Cheong-san', 'Su-hyeok', 'Nam-ra', 'Dae-su', 'Ha-ri', 'Hyo-ryung', 'Mi-jin', 'Woo-jin', 'Gwi-nam'];
  const story = buildStory(
    {
      roof: {
        text: ['The roof, at night, and the city burning below it, street by street, for as long as you watch.'],
        choices: [
          { id: 'stay', text: 'Stay', goto: 'end' },
          { id: 'go', text: 'Go on', goto: 'on' },
        ],
      },
      end: { text: ['The jets come in the evening.'], ending: 'Left Behind' },
      on: { text: ['The bus is warm.'], ending: 'Rescued', choices: [{ id: 'later', text: 'Months later… (go on to Season 2)', goto: 'end' }] },
    },
    { characters: Object.fromEntries(names.map((name, i) => [`c${i}`, { name, party: true }])) },
  );

  it('is never taller than the terminal: its summary pages with the scene, the header stays on screen', async () => {
    for (const [choice, columns, rows] of [['1', 40, 16], ['1', 40, 24], ['2', 40, 16], ['2', 40, 24], ['2', 80, 12]] as const) {
      const { lastFrame, stdin } = renderAppOn(story, columns, rows);
      await waitForFrame(lastFrame, 'The roof, at night');
      stdin.write(choice);
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const frame = await waitForFrame(lastFrame, (f) => f.includes('Day 1, 08:00') && !f.includes('The roof, at night'));
        expect(lines(frame).length, `${choice} at ${columns}×${rows}:\n${frame}`).toBeLessThan(rows);
        expect(lines(frame)[0], `${choice} at ${columns}×${rows}`).toContain('Day 1, 08:00');
        seen.push(frame);
        if (!frame.includes('more (Enter)')) break;
        stdin.write(ENTER);
        await waitForFrame(lastFrame, (f) => f !== frame);
      }
      const all = seen.join('\n');
      expect(all).toContain('*** THE END');
      expect(all).toContain('Endings: 1 of 2 found');
      expect(all.replace(/\s+/g, ' ')).toContain('Gwi-nam (well)');
      if (choice === '2') expect(seen.at(-1)).toContain('1. Months later');
      else {
        // One blank line between the ending and the keys, as between any page and its keys.
        const last = lines(seen.at(-1)!);
        const at = last.findIndex((l) => l.startsWith('Endings: '));
        expect(last.slice(at + 1, at + 3), `${columns}×${rows}`).toEqual(['', expect.stringContaining('Enter title')]);
      }
    }
  });
});

describe('screen reducer', () => {
  const press = (screen: Screen, ...presses: KeyPress[]): Screen =>
    presses.reduce((s, p) => reduceScreen(s, { type: 'key', press: p }), screen);
  const down: KeyPress = { kind: 'down' };
  const up: KeyPress = { kind: 'up' };
  const enter: KeyPress = { kind: 'enter' };
  const char = (c: string): KeyPress => ({ kind: 'char', char: c });
  const begin = (story: Story, seed = 1) =>
    initialScreen({
      story,
      start: { game: newGame(story, seed), notices: [] },
      settings: DEFAULT_SETTINGS,
      noColor: true,
      found: [],
      canContinue: false,
      size: { columns: 80, rows: undefined },
    });

  it('picks the second choice after Down and Enter', () => {
    const screen = press(begin(gym), down, enter);
    expect(screen.game?.state.turn).toBe(1);
    expect(['gym.inside', 'gym.caught']).toContain(screen.game?.state.scene);
  });

  it('never rests the highlight on a disabled choice', () => {
    let screen = begin(gym);
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      screen = press(screen, i < 3 ? down : up);
      seen.add(screen.cursor);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it('caps a typed answer at its maximum length and ignores an empty one', () => {
    let screen = press(begin(gym), char('1'), char('1'));
    expect(screenMode(screen, screen.game!)).toBe('answering');
    screen = press(screen, char(' '), enter);
    expect(screenMode(screen, screen.game!)).toBe('answering');
    screen = press(screen, ...'Seo-yeon Park-Lee'.split('').map(char));
    expect(screen.answer?.field.text).toBe(' Seo-yeon Pa');
    screen = press(screen, enter);
    expect(screen.game?.state.vars.name).toBe('Seo-yeon Pa');
    expect(screen.game?.history.at(-1)).toEqual({ scene: 'gym.listen', choice: 'sign', input: 'Seo-yeon Pa' });
  });

  it('ignores every key once the player has left', () => {
    const left = press(begin(gym), char('q'));
    expect(left.exitCode).toBe(0);
    expect(press(left, char('1'))).toBe(left);
  });

  it('leaves a dead end with exit code 1, and can undo out of it', () => {
    const stuck = buildStory({
      hall: { choices: [{ id: 'in', goto: 'cell' }] },
      cell: { choices: [{ id: 'out', goto: 'cell', requires: cond('false', () => false), hint: 'Locked.' }] },
    });
    const screen = press(begin(stuck), enter);
    expect(screenMode(screen, screen.game!)).toBe('dead-end');
    expect(press(screen, enter).exitCode).toBeUndefined();
    expect(press(screen, char('q')).exitCode).toBe(1);
    expect(press(screen, char('u')).game?.state.scene).toBe('hall');
  });

  it('queues an autosave request for each choice, in order', () => {
    const screen = press(begin(gym), char('1'), char('2'));
    const kinds = screen.outbox.map((s) => s.request.kind);
    expect(kinds).toEqual(['shown', 'chose', 'chose']);
  });

  it('keeps the first line being read on screen when resized, not the page number (40×24, then 30×10, then back)', () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    // The third of four pages: the last holds only the choices.
    const screen = press(resize(begin(hall), 40, 24), enter, enter);
    const before = layoutOf(screen, screen.game!);
    expect([before.page, before.pages.length]).toEqual([2, 4]);
    const reading = before.pages[before.page]!.find((l) => l.text !== '')!;
    const small = resize(screen, 30, 10);
    const after = layoutOf(small, small.game!);
    // The page shown begins at or before the line that was first, and holds its first word.
    const shown = after.pages[after.page]!.flatMap((l) => l.text.split(' '));
    expect(shown).toContain(reading.text.split(' ')[0]);
    expect(after.page).toBeGreaterThan(before.page);
    expect(after.footer.kind).toBe('more');
    // And back: the same line is on the page shown again.
    const back = resize(small, 40, 24);
    expect(layoutOf(back, back.game!).page).toBe(before.page);
  });

  it('keeps the line being read on screen when tab shows or hides the panel beside the scene', () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    const tab: KeyPress = { kind: 'tab' };
    let checked = 0;
    for (const [columns, rows] of [[80, 24], [80, 14], [100, 16], [64, 12]] as const) {
      let screen = resize(begin(hall), columns, rows);
      for (;;) {
        const before = layoutOf(screen, screen.game!);
        // Hidden, then shown again: each time the text that was first on the page stays on the page shown.
        for (const from of [screen, press(screen, tab)]) {
          const was = layoutOf(from, from.game!);
          const reading = was.pages[was.page]!.find((l) => l.at !== undefined)?.at;
          // A page of choices alone stays the last page.
          if (reading === undefined) continue;
          const toggled = press(from, tab);
          const after = layoutOf(toggled, toggled.game!);
          const shown = after.pages[after.page]!;
          const holds = shown.some(
            (l) => l.at !== undefined && l.at.block === reading.block && l.at.offset <= reading.offset && reading.offset < l.at.offset + l.text.length + 1,
          );
          expect(holds, `${columns}×${rows}, page ${before.page + 1}`).toBe(true);
          checked++;
        }
        if (before.footer.kind !== 'more') break;
        screen = press(screen, enter);
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it("says why a choice can't be taken without moving the page: the choices stay on screen, and Enter does what it did", () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    const paragraph = (n: number) => `Paragraph ${n}: ${'the corridor is long and dark and quiet, '.repeat(2)}and nobody comes.`;
    const story = buildStory({
      hall: {
        text: [1, 2, 3, 4, 5].map(paragraph),
        choices: [
          { id: 'down', text: 'Go downstairs', goto: 'hall', requires: cond('false', () => false), hint: 'The corridor is full. Nobody is going downstairs now, whatever you say.' },
          { id: 'up', text: 'Go up to the library', goto: 'library' },
        ],
      },
      library: { text: ['The library.'], ending: 'Library' },
    });
    let checked = 0;
    for (const [columns, rows] of [[80, 24], [80, 18], [80, 13], [40, 24], [40, 16], [100, 12]] as const) {
      let screen = resize(begin(story), columns, rows);
      while (layoutOf(screen, screen.game!).footer.kind === 'more') screen = press(screen, enter);
      const before = layoutOf(screen, screen.game!);
      const told = press(screen, char('1'));
      expect(told.message, `${columns}×${rows}`).toContain("You can't choose that");
      const after = layoutOf(told, told.game!);
      expect([after.page, after.pages, after.footer], `${columns}×${rows}`).toEqual([before.page, before.pages, before.footer]);
      // The message fits in the rows the page leaves, or takes the help line's place: never taller than the terminal.
      const note = after.note!;
      const drawn = 1 + after.title.length + 1 + after.pages[after.page]!.length + 1 + (after.footer.kind === 'choices' ? after.footer.labels.flat().length : 1) + 1 + note.lines.length + (note.overHelp ? 0 : 2);
      expect(drawn, `${columns}×${rows}`).toBeLessThan(rows);
      // Enter takes the highlighted choice, the one on screen.
      expect(press(told, enter).game?.state.scene).toBe('library');
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('never cuts a key in two on the help line of a scene column 34 or more wide, however many choices there are', () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    let checked = 0;
    for (const count of [1, 2, 5, 9, 10]) {
      const story = buildStory({
        hall: {
          text: Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of a long hall, long enough to need a second page on a short terminal.`),
          choices: Array.from({ length: count }, (_, i) => ({ id: `c${i}`, text: `Door ${i + 1}`, goto: 'hall' })),
        },
      });
      for (let columns = 40; columns <= 120; columns++) {
        // The first page ("more"), then the last (the choices).
        let screen = resize(begin(story), columns, 16);
        for (const kind of ['more', 'choices']) {
          const layout = layoutOf(screen, screen.game!);
          expect(layout.footer.kind).toBe(kind);
          if (layout.columns.main >= 34) {
            expect(stringWidth(layout.help), `${count} choices, ${columns} columns: ${layout.help}`).toBeLessThanOrEqual(layout.columns.main);
            expect(layout.help).toContain('? help');
            checked++;
          }
          while (layoutOf(screen, screen.game!).footer.kind === 'more') screen = press(screen, enter);
        }
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('shows the whole status with tab when the panel beside the scene cannot, over pages, and every companion and item is on one', () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    const tab: KeyPress = { kind: 'tab' };
    const names = ['On-jo', 'Cheong-san', 'Su-hyeok', 'Nam-ra', 'Dae-su', 'Ha-ri', 'Hyo-ryung', 'Mi-jin', 'Woo-jin', 'Gwi-nam'];
    const items = ['torch', 'rope', 'keys', 'map', 'radio'];
    const story = buildStory(
      {
        roof: {
          text: ['The roof, at night.'],
          onEnter: [...names.map((_, i): Effect => ({ kind: 'join', who: `c${i}` })), ...items.map((item): Effect => ({ kind: 'give', item, count: 1 }))],
          choices: [{ id: 'wait', text: 'Wait', goto: 'roof' }],
        },
      },
      {
        characters: Object.fromEntries(names.map((name, i) => [`c${i}`, { name }])),
        stats: Object.fromEntries(['Health', 'Stamina', 'Supplies', 'Noise', 'Strength', 'Speed', 'Wits', 'Trust'].map((id) => [id, {}])),
      },
    );
    const textOf = (l: PanelLine) => (l.kind === 'entry' ? l.label + l.value : l.kind === 'space' ? '' : l.text);
    for (const [columns, rows] of [[80, 24], [40, 24], [100, 16]] as const) {
      let screen = resize(begin(story), columns, rows);
      const layout = layoutOf(screen, screen.game!);
      if (columns >= 60) {
        // Beside the scene it is cut, and says where the rest is.
        expect(layout.columns.panel, `${columns}×${rows}`).toBe('side');
        expect(layout.status.fitsBeside).toBe(false);
        const beside = panelLines(statusReport(story, screen.game!.state), layout.columns.panelWidth - 2, layout.panelRows!, true);
        expect(beside.length).toBeLessThanOrEqual(layout.panelRows!);
        expect(textOf(beside.at(-1)!)).toBe('tab: see it all');
      }
      screen = press(screen, tab);
      const whole = layoutOf(screen, screen.game!);
      expect(whole.columns.panel, `${columns}×${rows}`).toBe('full');
      expect(whole.status.pages).toBeGreaterThan(1);
      const seen: string[] = [];
      for (let page = 0; page < whole.status.pages; page++) {
        const shown = layoutOf(screen, screen.game!);
        expect(shown.status.page).toBe(page);
        const lines = panelPages(statusReport(story, screen.game!.state), shown.columns.main, shown.panelRows)[page]!;
        // The page's lines and its page line fit the rows the panel has.
        expect(lines.length + 1).toBeLessThanOrEqual(shown.panelRows!);
        seen.push(...lines.map(textOf));
        screen = press(screen, enter);
      }
      for (const name of names) expect(seen, `${columns}×${rows}`).toContain(`${name}: well`);
      for (const item of items) expect(seen).toContain(item);
      // Enter on the last page went back to the story, the panel beside it as before.
      expect(layoutOf(screen, screen.game!).columns.panel).toBe(columns >= 60 ? 'side' : 'none');
      if (columns >= 60) {
        // tab again shows it whole, and tab there hides the panel; then tab shows it beside the scene again.
        screen = press(screen, tab, tab);
        expect(layoutOf(screen, screen.game!).columns.panel).toBe('none');
        expect(layoutOf(press(screen, tab), screen.game!).columns.panel).toBe('side');
      }
    }
  });

  it('pages the ? screen on a short or narrow terminal, so that every line of it can be read', () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    for (const [columns, rows] of [[40, 24], [80, 14], [80, 24]] as const) {
      let screen = press(resize(begin(hall), columns, rows), char('?'));
      const entries = statHelp(hall, screen.game!.state);
      const pages = helpPages(entries, Math.min(columns, 80), rows);
      const text = pages.flat().map((l) => l.text).join(' ');
      for (const entry of entries) expect(text.replace(/\s+/g, ' '), `${columns}×${rows}`).toContain(`${entry.label}:`);
      expect(text).toContain('q quit (saved)');
      for (const page of pages) expect(page.length + 1 + 5).toBeLessThanOrEqual(rows - 1);
      for (let page = 0; page < pages.length; page++) {
        expect(screen.view, `${columns}×${rows}`).toEqual({ name: 'help', page });
        screen = press(screen, enter);
      }
      expect(screen.view).toEqual({ name: 'play' });
    }
  });

  it('keeps the prompt of an answer being typed on screen when a resize re-pages the scene, and the keys typed go into it', () => {
    const resize = (screen: Screen, columns: number, rows: number) => reduceScreen(screen, { type: 'resize', size: { columns, rows } });
    const story = buildStory(
      {
        band: {
          text: [1, 2, 3].map((n) => `Paragraph ${n}: the band is loose now, your wrist thinner than it was in spring, and colder.`),
          choices: [{ id: 'name', text: 'Your name, as it should have been printed', goto: 'done', input: { var: 'name', prompt: 'Your given name:', maxLength: 20 } }],
        },
        done: { text: ['Done, {name}.'], ending: 'Done' },
      },
      { vars: { name: 'Ji-woo' } },
    );
    let screen = resize(begin(story), 80, 24);
    screen = press(screen, char('1'));
    expect(layoutOf(screen, screen.game!).footer.kind).toBe('answer');
    for (const [columns, rows] of [[40, 24], [40, 12], [80, 24]] as const) {
      screen = resize(screen, columns, rows);
      expect(layoutOf(screen, screen.game!).footer.kind, `${columns}×${rows}`).toBe('answer');
    }
    screen = resize(screen, 40, 12);
    screen = press(screen, ...'Seo'.split('').map(char));
    expect(screen.answer?.field.text).toBe('Seo');
    screen = press(screen, enter);
    expect(screen.game?.state.vars.name).toBe('Seo');
  });

  it('pages by the terminal height it was last told', () => {
    const small = reduceScreen(begin(hall), { type: 'resize', size: { columns: 80, rows: 24 } });
    expect(layoutOf(small, small.game!).pages).toHaveLength(3);
    const tall = reduceScreen(small, { type: 'resize', size: { columns: 80, rows: 80 } });
    expect(layoutOf(tall, tall.game!).pages).toHaveLength(1);
  });
});
