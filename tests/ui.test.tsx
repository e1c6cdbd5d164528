import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { buildStory } from './helpers/build-story.js';
import { waitForFrame, waitUntil } from './helpers/fake-terminal.js';
import { renderApp, renderAppOn } from './helpers/ui-app.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';
const ESC = '\u001B';
const LEFT = '\u001B[D';
const RIGHT = '\u001B[C';

let story: Story;

beforeAll(async () => {
  const result = await loadStoryDir(join(root, 'tests/fixtures/cli-story'));
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  story = result.story!;
});

afterEach(() => {
  cleanup();
});

/** From the first scene to the choice that asks for a name. */
async function toTheNamePrompt(lastFrame: () => string | undefined, stdin: { write(data: string): void }): Promise<void> {
  await waitForFrame(lastFrame, 'The Gym Door');
  stdin.write('1');
  await waitForFrame(lastFrame, 'Listening');
  stdin.write('1');
  await waitForFrame(lastFrame, 'What is your name?');
}

describe('the scene screen', () => {
  it('shows the chapter, clock, title, paragraphs and numbered choices', async () => {
    const { lastFrame } = renderApp(story);
    const frame = await waitForFrame(lastFrame, 'The Gym Door');
    expect(frame).toContain('Chapter 1: Test');
    expect(frame).toContain('Day 1, 08:40');
    expect(frame).toContain('The corridor behind you is quiet for now.');
    expect(frame).toContain('1. Listen at the door');
    expect(frame).toContain('2. Knock twice and wait');
    expect(frame).toMatch(/3\. \(unavailable\) Force the chain — You are too tired to\s+break a chain\./);
    expect(frame).toContain('esc menu');
  });

  it('picks the highlighted first choice with Enter', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'Someone inside is breathing hard');
  });

  it('picks a choice directly with its number key', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('2');
    await waitForFrame(lastFrame, 'The Gym Door');
  });

  it('picks the tenth choice with 0', async () => {
    const rooms = Array.from({ length: 10 }, (_, i) => `room-${i + 1}`);
    const hall = buildStory({
      hall: { text: ['Ten doors.'], choices: rooms.map((room) => ({ id: room, text: `Try ${room}`, goto: room })) },
      ...Object.fromEntries(rooms.map((room) => [room, { text: [`Inside ${room}.`], ending: 'done' }])),
    });
    const { lastFrame, stdin } = renderApp(hall);
    await waitForFrame(lastFrame, '10. Try room-10');
    stdin.write('0');
    await waitForFrame(lastFrame, 'Inside room-10.');
  });

  it('selects the second item when Down and Enter arrive in one chunk', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(`${DOWN}${ENTER}`);
    // The second choice knocks, which always ends the story; the first would lead to "Listening".
    const frame = await waitForFrame(lastFrame, '*** THE END');
    expect(frame).not.toContain('Someone inside is breathing hard');
  });

  it('moves the highlight over disabled choices, wrapping around', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    // listen → knock → (force is disabled) → listen
    stdin.write(`${DOWN}${DOWN}${ENTER}`);
    await waitForFrame(lastFrame, 'Someone inside is breathing hard');
  });

  it('moves up from the first choice to the last enabled one', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(`${UP}${ENTER}`);
    await waitForFrame(lastFrame, '*** THE END');
  });

  it('says why the number of a disabled choice picks nothing, as plain mode does, until the next key', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('3');
    const said = await waitForFrame(lastFrame, "You can't choose that: You are too tired to break a chain.");
    expect(said).toContain('1. Listen at the door');
    stdin.write('1');
    // Had "3" forced the chain, the story would have ended inside the gym.
    const frame = await waitForFrame(lastFrame, 'Listening');
    expect(frame).not.toContain('THE END');
    expect(frame).not.toContain("You can't choose that");
  });

  it('footer names the number keys there are, undo and help', async () => {
    const two = buildStory({ hall: { choices: [{ id: 'a', goto: 'hall' }, { id: 'b', goto: 'hall' }] } });
    const { lastFrame } = renderApp(two);
    const frame = await waitForFrame(lastFrame, '1. a');
    expect(frame).toContain('↑↓ Enter · 1–2 pick · u undo · tab status · ? help · esc menu · q quit');
    cleanup();
    const three = await waitForFrame(renderApp(story).lastFrame, 'The Gym Door');
    expect(three).toContain('1–3 pick');
  });

  it('explains each stat in one line with ?, in the story’s own words, and goes back on any key', async () => {
    const told = {
      ...story,
      stats: { ...story.stats, stamina: { ...story.stats.stamina!, about: 'Low stamina locks the hardest choices.' } },
    };
    const { lastFrame, stdin } = renderApp(told);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('?');
    const help = await waitForFrame(lastFrame, 'What the numbers mean');
    expect(help).toContain('Stamina: Low stamina locks the hardest choices.');
    expect(help).toMatch(/Condition: What you can tell of your own health/);
    expect(help).toContain('u undo');
    stdin.write(' ');
    await waitForFrame(lastFrame, '1. Listen at the door');
  });

  it('applies keys typed ahead of the redraw to the next scene, in order', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    // Both keys reach Ink before React redraws: the first listens at the door, the
    // second picks "Chalk your name" in the Listening scene, as a player typing ahead means.
    stdin.write('1');
    stdin.write('1');
    await waitForFrame(lastFrame, 'What is your name?');
    stdin.write('Min\r1');
    await waitForFrame(lastFrame, '*** THE END: Safe for Now ***');
  });

  it('asks for a typed answer and uses it in the story, through to an ending', async () => {
    const { lastFrame, stdin, ports } = renderApp(story);
    await toTheNamePrompt(lastFrame, stdin);
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'Type an answer, or Esc to go back.');
    stdin.write('Mim');
    await waitForFrame(lastFrame, 'Mim');
    stdin.write('\u007f');
    stdin.write('n');
    await waitForFrame(lastFrame, 'Min');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'The chalk letters read Min.');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, '*** THE END: Safe for Now ***');
    expect(frame).toContain('You spent the night on a pile of gym mats');
    await waitUntil(() => ports.choices.length === 3, 'three choices are handed over');
    expect(ports.choices).toEqual(['1. Listen at the door', '1. Chalk your name on the door: Min', '1. Slip inside']);
  });

  it('types q into an answer instead of quitting', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await toTheNamePrompt(lastFrame, stdin);
    stdin.write('q\r');
    await waitForFrame(lastFrame, 'The chalk letters read q.');
  });

  it('moves a cursor through a typed answer with ← and →, and shows its hints once', async () => {
    const { lastFrame, stdin } = renderAppOn(story, 80, 24);
    await toTheNamePrompt(lastFrame, stdin);
    stdin.write('Mn');
    await waitForFrame(lastFrame, '> Mn');
    stdin.write(LEFT);
    stdin.write('i');
    const frame = await waitForFrame(lastFrame, '> Min');
    // One set of hints: the keys on the help line, what is left under the field, neither wrapped.
    expect(frame.match(/Enter confirm · ←→ move · esc back/g)).toHaveLength(1);
    expect(frame).not.toContain('Enter to confirm');
    expect(frame.split('\n').filter((l) => l.trim() === 'left')).toEqual([]);
    expect(frame).toContain('9 characters left');
    stdin.write(RIGHT);
    stdin.write('!');
    await waitForFrame(lastFrame, '> Min!');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'The chalk letters read Min!.');
  });

  it('takes only printable text into an answer: no escape sequences, no broken bytes', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await toTheNamePrompt(lastFrame, stdin);
    stdin.write('\uFFFDBo\uFFFD');
    stdin.write('\u001B[31m');
    stdin.write('b\u200E');
    stdin.write('\u001B[200~');
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'The chalk letters read');
    expect(frame).toContain('The chalk letters read Bob.');
  });

  it('goes back to the choices when Esc is pressed at a typed answer', async () => {
    const { lastFrame, stdin } = renderApp(story);
    await toTheNamePrompt(lastFrame, stdin);
    stdin.write(ESC);
    await waitForFrame(lastFrame, '1. Chalk your name on the door');
  });

  it('autosaves after every choice and undoes one with u', async () => {
    const { lastFrame, stdin, ports } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    await waitUntil(() => ports.autosaves.length === 1, 'the first choice is autosaved');
    expect(ports.autosaves[0]!.history).toEqual([{ scene: 'gym.door', choice: 'listen' }]);
    stdin.write('u');
    const frame = await waitForFrame(lastFrame, 'Went back one choice');
    expect(frame).toContain('The Gym Door');
    await waitUntil(() => ports.autosaves.length === 2, 'the undo is autosaved');
    expect(ports.autosaves[1]!.history).toEqual([]);
  });
});

describe('leaving the game', () => {
  it('autosaves and exits with code 0 when q is pressed', async () => {
    const { instance, stdin, lastFrame, ports } = renderAppOn(story, 80, undefined);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('q');
    await expect(instance.waitUntilExit()).resolves.toBe(0);
    expect(ports.left?.game?.state.scene).toBe('gym.listen');
  });

  it('autosaves and exits with code 0 on Ctrl+C', async () => {
    const { instance, stdin, lastFrame, ports } = renderAppOn(story, 80, undefined);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('\u0003');
    await expect(instance.waitUntilExit()).resolves.toBe(0);
    expect(ports.left?.game?.state.scene).toBe('gym.door');
  });

  it('exits on Ctrl+C from the title screen without a game to save', async () => {
    const { instance, stdin, lastFrame, ports } = renderAppOn(story, 80, undefined, { title: true });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('\u0003');
    await expect(instance.waitUntilExit()).resolves.toBe(0);
    expect(ports.left).toEqual({ game: undefined });
  });

  it('goes to the title screen when Enter is pressed at an ending', async () => {
    const { stdin, lastFrame } = renderApp(story);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('2');
    await waitForFrame(lastFrame, 'Enter title screen');
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'New game');
    // Every choice was autosaved, so there is a game to continue.
    expect(frame).toMatch(/❯ Continue/);
  });
});
