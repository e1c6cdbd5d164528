/**
 * The game screen's state and the one reducer that changes it, key press by
 * key press. Pure: it calls the (pure) engine and nothing else, so it is
 * tested without Ink.
 *
 * Why every key is a reducer action instead of each component reading keys
 * itself: Ink splits a stdin chunk into several input events and delivers
 * them synchronously, before React re-renders. ink-select-input reads the
 * highlighted index from the state of its last render, so when Down and
 * Enter arrive in one chunk (`'\u001B[B\r'`: fast typing, a slow ssh link, a
 * paste) Enter selects the old item. And a component mounted for the next
 * scene only starts listening after React's effects run, so a key typed in
 * between would be lost. React applies queued reducer actions in order, each
 * to the state the previous one produced, so here every key lands where the
 * player meant it, and one listener (in `App`) never goes deaf.
 */

import { choicesOf, isEnded, step } from '../engine/index.js';
import type { ChoiceView, GameState, Story } from '../engine/index.js';
import type { KeyPress } from './keys.js';

/** A typed answer in progress, for a choice that asks for one. */
export interface Answer {
  readonly choiceId: string;
  readonly prompt: string;
  readonly maxLength: number;
  readonly text: string;
}

/** Everything the game screen shows that is not derived from the game alone. */
export interface Screen {
  readonly story: Story;
  readonly game: GameState;
  /** The highlighted choice, an index into `choicesOf(story, game)`. */
  readonly cursor: number;
  /** Set while the player types an answer. */
  readonly answer?: Answer;
  /** Set when the player leaves: the process's exit code. */
  readonly exitCode?: number;
}

/** What can happen to the screen: for now, only key presses. */
export type ScreenAction = { readonly type: 'key'; readonly press: KeyPress };

/** The screen at the start of a game (or of a loaded one). */
export function initialScreen(story: Story, game: GameState): Screen {
  return { story, game, cursor: firstEnabled(choicesOf(story, game)) };
}

/** What the screen is doing, which decides what keys mean. */
export type Mode = 'choosing' | 'answering' | 'ended' | 'dead-end';

/** The screen's mode, and the choices shown (none once the game is over). */
export function modeOf(screen: Screen): { mode: Mode; choices: readonly ChoiceView[] } {
  const { story, game } = screen;
  if (isEnded(story, game)) return { mode: 'ended', choices: [] };
  const choices = choicesOf(story, game);
  if (!choices.some((c) => c.enabled)) return { mode: 'dead-end', choices };
  return { mode: screen.answer === undefined ? 'choosing' : 'answering', choices };
}

/** Applies one action to the screen. */
export function reduceScreen(screen: Screen, action: ScreenAction): Screen {
  if (screen.exitCode !== undefined) return screen;
  const { press } = action;
  if (press.kind === 'interrupt') return { ...screen, exitCode: 0 };
  const { mode, choices } = modeOf(screen);
  switch (mode) {
    case 'ended':
      return press.kind === 'enter' || isChar(press, 'q') ? { ...screen, exitCode: 0 } : screen;
    case 'dead-end':
      // The story is broken here; leaving says so through the exit code.
      return isChar(press, 'q') ? { ...screen, exitCode: 1 } : screen;
    case 'answering':
      return typeAnswer(screen, screen.answer!, press);
    case 'choosing':
      return pickChoice(screen, choices, press);
    default: {
      const _never: never = mode;
      return _never;
    }
  }
}

function pickChoice(screen: Screen, choices: readonly ChoiceView[], press: KeyPress): Screen {
  switch (press.kind) {
    case 'up':
      return { ...screen, cursor: nextEnabled(choices, screen.cursor, -1) };
    case 'down':
      return { ...screen, cursor: nextEnabled(choices, screen.cursor, 1) };
    case 'enter':
      return choose(screen, choices, screen.cursor);
    case 'char':
      if (press.char === 'q') return { ...screen, exitCode: 0 };
      if (press.char === 'k') return { ...screen, cursor: nextEnabled(choices, screen.cursor, -1) };
      if (press.char === 'j') return { ...screen, cursor: nextEnabled(choices, screen.cursor, 1) };
      if (/^[1-9]$/.test(press.char)) return choose(screen, choices, Number(press.char) - 1);
      return screen;
    case 'erase':
    case 'escape':
    case 'interrupt':
      return screen;
    default: {
      const _never: never = press;
      return _never;
    }
  }
}

/** Picks the choice at `index` if it can be picked: asks for its answer, or moves the game on. */
function choose(screen: Screen, choices: readonly ChoiceView[], index: number): Screen {
  const choice = choices[index];
  if (choice === undefined || !choice.enabled) return screen;
  if (choice.input !== undefined) {
    const { prompt, maxLength } = choice.input;
    return { ...screen, cursor: index, answer: { choiceId: choice.id, prompt, maxLength, text: '' } };
  }
  return advance(screen, step(screen.story, screen.game, choice.id));
}

function typeAnswer(screen: Screen, answer: Answer, press: KeyPress): Screen {
  switch (press.kind) {
    case 'char':
      if ([...answer.text].length >= answer.maxLength) return screen;
      return { ...screen, answer: { ...answer, text: answer.text + press.char } };
    case 'erase':
      return { ...screen, answer: { ...answer, text: [...answer.text].slice(0, -1).join('') } };
    case 'enter': {
      const text = answer.text.trim();
      if (text === '') return screen;
      return advance(screen, step(screen.story, screen.game, answer.choiceId, text));
    }
    case 'escape': {
      const { answer: _dropped, ...rest } = screen;
      return rest;
    }
    case 'up':
    case 'down':
    case 'interrupt':
      return screen;
    default: {
      const _never: never = press;
      return _never;
    }
  }
}

/** The screen for a new game state: the first enabled choice highlighted, no answer pending. */
function advance(screen: Screen, game: GameState): Screen {
  return initialScreen(screen.story, game);
}

function isChar(press: KeyPress, char: string): boolean {
  return press.kind === 'char' && press.char === char;
}

function firstEnabled(choices: readonly ChoiceView[]): number {
  return Math.max(0, choices.findIndex((c) => c.enabled));
}

/** The next enabled choice from `from` in direction `by`, wrapping around; `from` if none. */
function nextEnabled(choices: readonly ChoiceView[], from: number, by: 1 | -1): number {
  const n = choices.length;
  for (let i = 1; i <= n; i++) {
    const index = (((from + by * i) % n) + n) % n;
    if (choices[index]?.enabled === true) return index;
  }
  return from;
}
