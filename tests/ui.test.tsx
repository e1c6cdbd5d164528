import { EventEmitter } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render as renderInk } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../src/engine/index.js';
import type { Story } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { App } from '../src/ui/App.js';
import type { KeyPress } from '../src/ui/keys.js';
import { initialScreen, modeOf, reduceScreen } from '../src/ui/screen.js';
import type { Screen } from '../src/ui/screen.js';
import { buildStory, cond } from './helpers/build-story.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';

let story: Story;

beforeAll(async () => {
  const result = await loadStoryDir(join(root, 'tests/fixtures/cli-story'));
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  story = result.story!;
});

afterEach(() => {
  cleanup();
});

/** Polls the latest frame until it contains `text`; fails with the frame after `timeoutMs`. */
async function waitForFrame(lastFrame: () => string | undefined, text: string, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (frame.includes(text)) return frame;
    if (Date.now() > deadline) throw new Error(`no frame contained ${JSON.stringify(text)}; last frame:\n${frame}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function renderGame(seed = 1) {
  return render(<App story={story} initial={start(story, seed)} color={false} />);
}

describe('App', () => {
  it('shows the chapter, clock, title, paragraphs and numbered choices', async () => {
    const { lastFrame } = renderGame();
    const frame = await waitForFrame(lastFrame, 'The Gym Door');
    expect(frame).toContain('Chapter 1: Test');
    expect(frame).toContain('Day 1, 08:40');
    expect(frame).toContain('The corridor behind you is quiet for now.');
    expect(frame).toContain('1. Listen at the door');
    expect(frame).toContain('2. Knock twice and wait');
    expect(frame).toMatch(/3\. \(unavailable\) Force the chain — You are too tired to break a chain\./);
  });

  it('wraps paragraphs to the width it draws at', async () => {
    const { lastFrame } = renderGame();
    const frame = await waitForFrame(lastFrame, 'The Gym Door');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('picks the highlighted first choice with Enter', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'Someone inside is breathing hard');
  });

  it('picks a choice directly with its number key', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('2');
    await waitForFrame(lastFrame, 'The Gym Door');
  });

  it('selects the second item when Down and Enter arrive in one chunk', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(`${DOWN}${ENTER}`);
    // The second choice knocks, which always ends the story; the first would lead to "Listening".
    const frame = await waitForFrame(lastFrame, '*** THE END');
    expect(frame).not.toContain('Someone inside is breathing hard');
  });

  it('moves the highlight over disabled choices, wrapping around', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    // listen → knock → (force is disabled) → listen
    stdin.write(`${DOWN}${DOWN}${ENTER}`);
    await waitForFrame(lastFrame, 'Someone inside is breathing hard');
  });

  it('moves up from the first choice to the last enabled one', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(`${UP}${ENTER}`);
    await waitForFrame(lastFrame, '*** THE END');
  });

  it('ignores the number of a disabled choice', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('3');
    stdin.write('1');
    // Had "3" forced the chain, the story would have ended inside the gym.
    const frame = await waitForFrame(lastFrame, 'Listening');
    expect(frame).not.toContain('THE END');
  });

  it('applies keys typed ahead of the redraw to the next scene, in order', async () => {
    const { lastFrame, stdin } = renderGame();
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
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('1');
    await waitForFrame(lastFrame, 'What is your name?');
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
  });

  it('types q into an answer instead of quitting', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('1');
    await waitForFrame(lastFrame, 'What is your name?');
    stdin.write('q\r');
    await waitForFrame(lastFrame, 'The chalk letters read q.');
  });

  it('goes back to the choices when Esc is pressed at a typed answer', async () => {
    const { lastFrame, stdin } = renderGame();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('1');
    await waitForFrame(lastFrame, 'What is your name?');
    stdin.write('\u001B');
    await waitForFrame(lastFrame, '1. Chalk your name on the door');
  });
});

/** Fake terminal streams like ink-testing-library's, with access to the app's exit. */
function renderWithExit(seed = 1) {
  const stdout = Object.assign(new EventEmitter(), {
    columns: 80,
    frames: [] as string[],
    write(frame: string) {
      stdout.frames.push(frame);
      return true;
    },
  });
  let pending: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setEncoding() {},
    setRawMode() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read() {
      const data = pending;
      pending = null;
      return data;
    },
    write(data: string) {
      pending = data;
      stdin.emit('readable');
    },
  });
  const instance = renderInk(<App story={story} initial={start(story, seed)} color={false} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { instance, stdin, lastFrame: () => stdout.frames.at(-1) };
}

describe('leaving the game', () => {
  it('exits with code 0 when q is pressed', async () => {
    const { instance, stdin, lastFrame } = renderWithExit();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('q');
    await expect(instance.waitUntilExit()).resolves.toBe(0);
  });

  it('exits with code 0 on Ctrl+C', async () => {
    const { instance, stdin, lastFrame } = renderWithExit();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('\u0003');
    await expect(instance.waitUntilExit()).resolves.toBe(0);
  });

  it('exits with code 0 when Enter is pressed at an ending', async () => {
    const { instance, stdin, lastFrame } = renderWithExit();
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('2');
    await waitForFrame(lastFrame, 'Press Enter or q to leave.');
    stdin.write(ENTER);
    await expect(instance.waitUntilExit()).resolves.toBe(0);
  });
});

describe('screen reducer', () => {
  const press = (screen: Screen, ...presses: KeyPress[]): Screen =>
    presses.reduce((s, p) => reduceScreen(s, { type: 'key', press: p }), screen);
  const down: KeyPress = { kind: 'down' };
  const up: KeyPress = { kind: 'up' };
  const enter: KeyPress = { kind: 'enter' };
  const char = (c: string): KeyPress => ({ kind: 'char', char: c });

  it('picks the second choice after Down and Enter', () => {
    const screen = press(initialScreen(story, start(story, 1)), down, enter);
    expect(screen.game.turn).toBe(1);
    expect(['gym.inside', 'gym.caught']).toContain(screen.game.scene);
  });

  it('never rests the highlight on a disabled choice', () => {
    let screen = initialScreen(story, start(story, 1));
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      screen = press(screen, i < 3 ? down : up);
      seen.add(screen.cursor);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it('caps a typed answer at its maximum length and ignores an empty one', () => {
    let screen = press(initialScreen(story, start(story, 1)), char('1'), char('1'));
    expect(modeOf(screen).mode).toBe('answering');
    screen = press(screen, char(' '), enter);
    expect(modeOf(screen).mode).toBe('answering');
    screen = press(screen, ...'Seo-yeon Park-Lee'.split('').map(char));
    expect(screen.answer?.text).toBe(' Seo-yeon Pa');
    screen = press(screen, enter);
    expect(screen.game.vars.name).toBe('Seo-yeon Pa');
  });

  it('ignores every key once the player has left', () => {
    const left = press(initialScreen(story, start(story, 1)), char('q'));
    expect(left.exitCode).toBe(0);
    expect(press(left, char('1'))).toBe(left);
  });

  it('leaves a dead end with exit code 1', () => {
    const stuck = buildStory({
      cell: { choices: [{ id: 'out', goto: 'cell', requires: cond('false', () => false), hint: 'Locked.' }] },
    });
    const screen = initialScreen(stuck, start(stuck, 1));
    expect(modeOf(screen).mode).toBe('dead-end');
    expect(press(screen, enter).exitCode).toBeUndefined();
    expect(press(screen, char('q')).exitCode).toBe(1);
  });
});
