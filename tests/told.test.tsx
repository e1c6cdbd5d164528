/**
 * What the player is told, in both frontends and the transcript: the lines
 * a move said, the changes line (and the setting that turns it off), and an
 * ending with a way on, shown as an ending and recorded the moment it is
 * reached. Played on tests/fixtures/outcomes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlayServices } from '../src/cli/play-services.js';
import { openTranscript } from '../src/cli/transcript.js';
import type { Story } from '../src/engine/index.js';
import { SaveStore, newGame, playChoice, type SavedGame } from '../src/saves/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { DEFAULT_SETTINGS, type Settings } from '../src/ui/ports.js';
import { waitForFrame, waitUntil } from './helpers/fake-terminal.js';
import { MemoryPorts } from './helpers/memory-ports.js';
import { renderApp } from './helpers/ui-app.js';
import { playPlainText } from './helpers/plain-run.js';

const DOWN = '\u001B[B';
const ENTER = '\r';
const ESC = '\u001B';

let story: Story;

beforeAll(async () => {
  const loaded = await loadStoryDir('tests/fixtures/outcomes');
  expect(loaded.problems).toEqual([]);
  story = loaded.story!;
});

afterEach(() => {
  cleanup();
});

/** Plays `input` in plain mode from `game` (a new game with seed 1 when absent); the output and the ports. */
async function plain(
  input: string,
  settings: Settings = DEFAULT_SETTINGS,
  game: SavedGame = newGame(story, 1),
  ports: MemoryPorts = new MemoryPorts(story, 1),
): Promise<{ out: string; ports: MemoryPorts }> {
  return playPlainText(story, input, { settings, game, ports });
}

/** The player is a halfbie from the start, so the status panel shows their hunger. */
const HALFBIE = { status: [{ who: 'player', status: 'semi-infected' }] } as const;

/** What the belfry told when it was first shown, after "Kill the bell". */
const BELFRY_TOLD = 'The bell dies, mid-ring.\n\nThe rope sways.\n\n[+ Bell rope ×2]\n\nThe Belfry\n';

/** The game at the belfry, as a save gives it back. */
function atBelfry(): SavedGame {
  return playChoice(story, newGame(story, 1), 'bell');
}

/** What plain mode printed between the line typed after `> ` and the next scene's underlined title. */
function between(out: string, typed: string, title: string): string {
  const from = out.indexOf(`> ${typed}\n`);
  const to = out.indexOf(`${title}\n${'='.repeat(title.length)}`, from);
  expect(from, `'> ${typed}' in the output`).toBeGreaterThanOrEqual(0);
  expect(to, `'${title}' after it`).toBeGreaterThan(from);
  return out.slice(from + typed.length + 3, to);
}

describe('plain mode', () => {
  it('prints the lines the start scene said before its text', async () => {
    const { out } = await plain('');
    expect(out.startsWith('Ji-woo counts the steps.\n\nThe Stairs\n==========\n')).toBe(true);
  });

  it('prints what a choice said, then the changes line, before the next scene', async () => {
    const { out } = await plain('1\n');
    expect(between(out, '1', 'The Belfry')).toBe('\nThe bell dies, mid-ring.\n\nThe rope sways.\n\n[+ Bell rope ×2]\n\n');
  });

  it('prints a changes line for a visible stat, and none for a change only to a hidden stat or the clock', async () => {
    const fall = await plain('6\n');
    // The belfry's on_enter ran before the fall took the player to the on_death scene.
    expect(between(fall.out, '6', 'The Fall')).toBe('\nThe rope sways.\n\n[Health −10]\n\n');
    const wait = await plain('2\n');
    expect(between(wait.out, '2', 'The Belfry')).toBe('\nThe rope sways.\n\n');
  });

  it('leaves the changes line out once it is turned off, and keeps the setting', async () => {
    const { out, ports } = await plain('changes off\n1\n');
    expect(out).toContain('Show what changed: off (kept for later games).');
    expect(between(out, '1', 'The Belfry')).toBe('\nThe bell dies, mid-ring.\n\nThe rope sways.\n\n');
    expect(ports.settings).toEqual([{ ...DEFAULT_SETTINGS, showChanges: false }]);
    const again = await plain('1\n', { ...DEFAULT_SETTINGS, showChanges: false });
    expect(again.out).not.toContain('[+ Bell rope ×2]');
  });

  it('after undo, shows the changes line the scene had when first shown, with its say lines', async () => {
    const { out } = await plain('1\n1\nundo\n');
    const back = out.slice(out.indexOf('[Went back 1 choice.]\n\n') + '[Went back 1 choice.]\n\n'.length);
    expect(back.startsWith(BELFRY_TOLD)).toBe(true);
  });

  it('after loading a save, and on --continue, shows the changes line the scene had when first shown', async () => {
    const ports = new MemoryPorts(story, 1).withSave('belfry', atBelfry());
    const { out } = await plain('load belfry\n', DEFAULT_SETTINGS, newGame(story, 1), ports);
    expect(out.slice(out.indexOf('[Loaded "belfry".]\n\n') + '[Loaded "belfry".]\n\n'.length).startsWith(BELFRY_TOLD)).toBe(true);
    const continued = await plain('', DEFAULT_SETTINGS, atBelfry());
    expect(continued.out.startsWith(BELFRY_TOLD)).toBe(true);
    const off = await plain('undo\n', { ...DEFAULT_SETTINGS, showChanges: false }, atBelfry());
    expect(off.out).not.toContain('[+ Bell rope');
  });

  it("says how a halfbie's hunger changed, and nothing of it once the changes line is off", async () => {
    const { out } = await plain('2\n', DEFAULT_SETTINGS, newGame(story, 1, HALFBIE));
    expect(between(out, '2', 'The Belfry')).toBe('\nThe rope sways.\n\n[Hunger +9]\n\n');
    const off = await plain('2\n', { ...DEFAULT_SETTINGS, showChanges: false }, newGame(story, 1, HALFBIE));
    expect(between(off.out, '2', 'The Belfry')).toBe('\nThe rope sways.\n\n');
  });

  it('shows an ending with a way on as an ending, records it at once, then offers its way on', async () => {
    const { out, ports } = await plain('1\n1\n');
    const ending = out.slice(out.indexOf('The Roof\n========'));
    expect(ending).toContain('*** THE END: Over the Roofs ***\n\nYou got out over the roofs.\n');
    expect(ending).toContain('Survived: less than a minute (until Day 1, 18:00)\nWith you: Nam-ra (well), Woo-jin (well)\n');
    expect(ending).toContain('Endings: 1 of 3 found: Over the Roofs\n\n1. Keep going\n');
    expect(ports.endings).toEqual(['tower.roof']);
  });
});

describe('the Ink screen', () => {
  it('shows what the start scene said above its text, set apart from it', async () => {
    const { lastFrame } = renderApp(story);
    const frame = await waitForFrame(lastFrame, 'The bell is still ringing above you.');
    expect(frame.indexOf('Ji-woo counts the steps.')).toBeGreaterThan(-1);
    expect(frame.indexOf('Ji-woo counts the steps.')).toBeLessThan(frame.indexOf('The bell is still ringing above you.'));
  });

  it('shows what a choice said, then what changed, above the next scene’s text on the same page', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Stairs');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, 'The belfry is open to the sky.');
    const at = (text: string) => frame.indexOf(text);
    expect(at('The bell dies, mid-ring.')).toBeGreaterThan(at('The Belfry'));
    expect(at('The rope sways.')).toBeGreaterThan(at('The bell dies, mid-ring.'));
    expect(at('+ Bell rope ×2')).toBeGreaterThan(at('The rope sways.'));
    expect(at('The belfry is open to the sky.')).toBeGreaterThan(at('+ Bell rope ×2'));
  });

  it('leaves the changes line out when the setting is off, and the settings screen turns it off', async () => {
    const off = renderApp(story, { props: { settings: { ...DEFAULT_SETTINGS, showChanges: false } } });
    await waitForFrame(off.lastFrame, 'The Stairs');
    off.stdin.write('1');
    // The status panel lists the rope; the changes line would say `+ Bell rope ×2`.
    expect(await waitForFrame(off.lastFrame, 'The bell dies, mid-ring.')).not.toContain('+ Bell rope');
    cleanup();

    const { lastFrame, stdin, ports } = renderApp(story);
    await waitForFrame(lastFrame, 'The Stairs');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Settings…');
    stdin.write('5');
    await waitForFrame(lastFrame, 'Show what changed: on');
    // Down skips Colours, greyed under NO_COLOR.
    stdin.write(DOWN);
    await waitForFrame(lastFrame, '❯ Show what changed: on');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'Show what changed: off');
    await waitUntil(() => ports.settings.length === 1, 'the setting is kept');
    expect(ports.settings[0]?.showChanges).toBe(false);
  });

  it('after undo, shows the changes line the scene had when first shown', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Stairs');
    stdin.write('1');
    await waitForFrame(lastFrame, 'The belfry is open to the sky.');
    stdin.write('1');
    expect(await waitForFrame(lastFrame, '*** THE END: Over the Roofs ***')).not.toContain('+ Bell rope');
    stdin.write('u');
    const frame = await waitForFrame(lastFrame, 'Went back one choice');
    expect(frame).toContain('The bell dies, mid-ring.');
    expect(frame.indexOf('+ Bell rope ×2')).toBeGreaterThan(frame.indexOf('The rope sways.'));
    expect(frame.indexOf('The belfry is open to the sky.')).toBeGreaterThan(frame.indexOf('+ Bell rope ×2'));
  });

  it('after loading a save, and on --continue, shows the changes line the scene had when first shown', async () => {
    const ports = new MemoryPorts(story, 1).withSave('belfry', atBelfry());
    const loaded = renderApp(story, { title: true, ports, props: { canContinue: true } });
    await waitForFrame(loaded.lastFrame, 'New game');
    loaded.stdin.write('3');
    await waitForFrame(loaded.lastFrame, 'belfry');
    loaded.stdin.write(ENTER);
    const frame = await waitForFrame(loaded.lastFrame, 'Loaded "belfry"');
    expect(frame.indexOf('+ Bell rope ×2')).toBeGreaterThan(frame.indexOf('The rope sways.'));
    cleanup();

    const continued = renderApp(story, { props: { start: { game: atBelfry(), notices: ['Continued.'] } } });
    expect(await waitForFrame(continued.lastFrame, 'Continued.')).toContain('+ Bell rope ×2');
  });

  it("says how a halfbie's hunger changed, and nothing of it once the changes line is off", async () => {
    const { lastFrame, stdin } = renderApp(story, { props: { start: { game: newGame(story, 1, HALFBIE), notices: [] } } });
    await waitForFrame(lastFrame, 'The Stairs');
    stdin.write('2');
    expect(await waitForFrame(lastFrame, 'The belfry is open to the sky.')).toContain('Hunger +9');
    cleanup();

    const off = renderApp(story, {
      props: { start: { game: newGame(story, 1, HALFBIE), notices: [] }, settings: { ...DEFAULT_SETTINGS, showChanges: false } },
    });
    await waitForFrame(off.lastFrame, 'The Stairs');
    off.stdin.write('2');
    // The panel still shows the hunger itself: `29/100, fed`.
    const frame = await waitForFrame(off.lastFrame, 'The belfry is open to the sky.');
    expect(frame).toContain('29/100');
    expect(frame).not.toContain('Hunger +');
  });

  it('shows an ending with a way on as an ending, records it at once, then offers its way on', async () => {
    const { lastFrame, stdin, ports } = renderApp(story);
    await waitForFrame(lastFrame, 'The Stairs');
    stdin.write('1');
    await waitForFrame(lastFrame, 'The Belfry');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, '*** THE END: Over the Roofs ***');
    expect(frame).toContain('You got out over the roofs.');
    expect(frame).toContain('Endings: 1 of 3 found: Over the Roofs');
    expect(frame.indexOf('1. Keep going')).toBeGreaterThan(frame.indexOf('Endings: 1 of 3 found'));
    await waitUntil(() => ports.endings.length === 1, 'the ending is recorded');
    expect(ports.endings).toEqual(['tower.roof']);
    stdin.write('1');
    await waitForFrame(lastFrame, '*** THE END: Gone ***');
  });
});

describe("an Ink game's transcript", () => {
  it('records what each move said and what changed, before the scene', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-told-')), 't.txt');
    const transcript = openTranscript(file);
    if (typeof transcript === 'string') throw new Error(transcript);
    const dir = mkdtempSync(join(tmpdir(), 'hyosan-told-saves-'));
    const s = new PlayServices({ story, store: new SaveStore({ dir }), newSeed: () => 1, transcript });
    const first = s.newGame().game;
    s.shown(first);
    await s.chose(playChoice(story, first, 'bell'), '1. Kill the bell');
    await s.leave(undefined);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Ji-woo counts the steps.\n\nThe Stairs\n');
    expect(text).toContain('> 1. Kill the bell\n\nThe bell dies, mid-ring.\n\nThe rope sways.\n\n[+ Bell rope ×2]\n\nThe Belfry\n');
  });

  it('records the changes line again after an undo, and for a continued game', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-told-')), 't.txt');
    const transcript = openTranscript(file);
    if (typeof transcript === 'string') throw new Error(transcript);
    const dir = mkdtempSync(join(tmpdir(), 'hyosan-told-saves-'));
    const s = new PlayServices({ story, store: new SaveStore({ dir }), newSeed: () => 1, transcript });
    const belfry = atBelfry();
    s.shown(belfry);
    const roof = playChoice(story, belfry, 'down');
    await s.chose(roof, '1. Go down');
    await s.rewound(belfry);
    await s.leave(undefined);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(BELFRY_TOLD)).toBe(true);
    expect(text).toContain(`> undo\n\n${BELFRY_TOLD}`);
  });
});
