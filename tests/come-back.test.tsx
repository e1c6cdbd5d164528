/**
 * A scene come back to from a sub-scene (a `call` with no `goto`, then
 * `goto: "@back"`) is not told again: its title, then its `back:` (or
 * nothing), then its choices — in the engine's view, plain mode, the Ink
 * screen, and after a save is loaded. Played on tests/fixtures/come-back.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choicesOf, clockAgrees, sceneView, step, type GameState, type Story } from '../src/engine/index.js';
import { decodeSave, encodeSave } from '../src/saves/codec.js';
import { SaveError } from '../src/saves/errors.js';
import { newGame, playChoice, type SavedGame } from '../src/saves/game.js';
import { loadFixture, played } from './helpers/fixture-story.js';
import { waitForFrame } from './helpers/fake-terminal.js';
import { renderApp } from './helpers/ui-app.js';
import { playPlainText } from './helpers/plain-run.js';

let story: Story;

beforeAll(async () => {
  story = await loadFixture('tests/fixtures/come-back');
});

afterEach(() => {
  cleanup();
});

const LIBRARY = "It's 23:00. The library is dark but for the city's orange on the ceiling.";
const BACK = 'The stacks are quiet again, and your hand has stopped throbbing.';
const CELLAR = 'The cellar smells of wet paper and old boilers.';

const paragraphs = (state: GameState) => sceneView(story, state).paragraphs;

describe('a scene come back to with @back', () => {
  it('shows its `back` instead of its text, with its choices as usual', () => {
    const back = played(story, 'bandage', 'tie');
    expect(back.scene).toBe('library');
    expect(back.resumed).toBe(true);
    expect(sceneView(story, back).title).toBe('The Library');
    expect(paragraphs(back)).toEqual([BACK]);
    expect(choicesOf(story, back).map((c) => c.id)).toEqual(['bandage', 'cellar']);
    expect(back.said).toEqual(['You tie off the last knot.']);
  });

  it('without `back`, shows only its title and choices', () => {
    const back = played(story, 'cellar', 'bandage', 'tie');
    expect(back.scene).toBe('cellar');
    expect(sceneView(story, back).title).toBe('The Cellar');
    expect(paragraphs(back)).toEqual([]);
    expect(choicesOf(story, back).map((c) => c.id)).toEqual(['bandage', 'up']);
  });

  it('still shows its text when entered as usual, before and after the return', () => {
    expect(paragraphs(played(story))).toContain(LIBRARY);
    const again = played(story, 'bandage', 'tie', 'cellar', 'up');
    expect(again.resumed).toBeUndefined();
    expect(paragraphs(again)[1]).toBe('Somebody is always awake; that was the rule, and it has held.');
    // The next move out of the scene come back to is an ordinary one.
    expect(paragraphs(step(story, played(story, 'bandage', 'tie'), 'cellar'))).toEqual([CELLAR]);
  });

  it('is not held to its time_of_day: the text that assumes it is not shown', () => {
    const back = played(story, 'bandage', 'tie');
    expect(clockAgrees(story, back)).toBe(true);
    expect(clockAgrees(story, { ...back, resumed: undefined } as GameState)).toBe(false);
  });

  it('is shown the same after a save is loaded (the snapshot leaves the marker out; the replay rebuilds it)', () => {
    const game = playChoice(story, playChoice(story, newGame(story, 1), 'bandage'), 'tie');
    const text = encodeSave(story, game, new Date('2026-01-01T00:00:00Z'));
    expect((JSON.parse(text) as { state: GameState }).state).not.toHaveProperty('resumed');
    const loaded = decodeSave(text, story, 'x.json');
    if (loaded instanceof SaveError) throw loaded;
    expect(loaded.state).toEqual(game.state);
    expect(paragraphs(loaded.state)).toEqual([BACK]);
  });
});

/** Plays `input` in plain mode from a new game; what it printed. */
async function plain(input: string, game: SavedGame = newGame(story, 1)): Promise<string> {
  return (await playPlainText(story, input, { game })).out;
}

describe('plain mode', () => {
  it('prints the say line, the title and `back`, not the scene’s text again', async () => {
    const out = await plain('1\n1\n');
    const after = out.slice(out.indexOf('You tie off the last knot.'));
    expect(after).toContain('The Library');
    expect(after).toContain(BACK);
    expect(after).not.toContain('The library is dark');
    expect(out.split('The library is dark')).toHaveLength(2);
  });

  it('prints only the title and choices when the scene has no `back`', async () => {
    const out = await plain('2\n1\n1\n');
    const after = out.slice(out.indexOf('You tie off the last knot.'));
    expect(after).toContain('The Cellar');
    expect(after).not.toContain(CELLAR);
    expect(after).toContain('Go back up');
  });
});

describe('the Ink screen', () => {
  it('shows the say line, the title and `back`, and not the scene’s text again', async () => {
    const { lastFrame, stdin } = renderApp(story, { props: { start: { game: newGame(story, 1), notices: [] } } });
    await waitForFrame(lastFrame, 'The library is dark');
    stdin.write('1');
    await waitForFrame(lastFrame, 'You unroll the bandage');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, 'The stacks are quiet again');
    expect(frame).toContain('You tie off the last knot.');
    expect(frame).toContain('The Library');
    expect(frame).not.toContain('The library is dark');
    expect(frame).toContain('Go down to the cellar');
  });
});
