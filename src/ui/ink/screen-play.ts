/**
 * The reducer's part for the game itself: turning pages, choosing, typing an
 * answer, undoing, and entering a new state (a choice made, a game loaded).
 */

import { choicesOf, sceneOf, sceneView } from '../../engine/index.js';
import type { ChoiceView, GameState } from '../../engine/index.js';
import { shownOutcome } from '../changes.js';
import { playChoice, rewind, type SavedGame } from '../../saves/game.js';
import type { Answer, GameLayout } from './game-layout.js';
import { isChar, numberKeyIndex, type KeyPress } from './keys.js';
import { editField, emptyField } from './text-field.js';
import { unavailableMessage } from '../labels.js';
import { NARROW, statusShown } from './layout.js';
import { keepReading, layoutOf, send, titleView, type Screen } from './screen-state.js';

/** What entering a state tells the world outside: the transcript and the autosave need to know. */
export type Announce = 'shown' | 'rewound' | 'none' | { readonly chose: string };

// Characters revealed per tick (App ticks every 30 ms) at each text speed.
const REVEAL_STEP = { fast: 12, slow: 3 } as const;

/**
 * The screen showing `game` from its first page, after a choice (made in
 * the state `before`), a load or an undo. An ending is recorded as found the
 * moment it is shown, even one with a way on.
 */
export function enterGame(
  screen: Screen,
  game: SavedGame,
  notices: readonly string[],
  announce: Announce,
  before?: GameState,
): Screen {
  const { answer: _answer, message: _message, reveal: _reveal, outcome: _outcome, ...rest } = screen;
  const { story } = screen;
  // Undone, loaded or continued (no `before`): what the scene told when it was first shown, changes line and all.
  const outcome = shownOutcome(story, game, screen.settings.showChanges, before);
  let next: Screen = {
    ...rest,
    game,
    view: { name: 'play' },
    cursor: firstEnabled(choicesOf(story, game.state)),
    page: 0,
    notices,
    ...(outcome.said.length === 0 && outcome.changes === undefined ? {} : { outcome }),
    ...(screen.settings.textSpeed === 'instant' ? {} : { reveal: 0 }),
  };
  if (announce === 'shown') next = send(next, { kind: 'shown', game });
  else if (announce === 'rewound') next = send(next, { kind: 'rewound', game });
  else if (announce !== 'none') next = send(next, { kind: 'chose', game, label: announce.chose });
  const scene = game.state.scene;
  if (sceneOf(story, game.state).ending !== undefined && !next.found.includes(scene)) {
    next = send({ ...next, found: [...next.found, scene] }, { kind: 'ending', sceneId: scene });
  }
  return next;
}

/** A key on the game screen. */
export function playKey(current: Screen, press: KeyPress): Screen {
  // A message under the scene ("Saved to ...") lasts until the next key.
  const { message: _seen, ...screen } = current;
  const game = screen.game;
  if (game === undefined) return screen;
  const layout = layoutOf(screen, game);
  // The panel beside the scene, or the status in its place, takes columns from the story: the line being read stays on screen.
  if (press.kind === 'tab') return keepReading(screen, tabbed(screen, layout));
  if (layout.columns.panel === 'full') return wholeStatusKey(screen, layout, press);
  if (screen.reveal !== undefined && press.kind !== 'escape') {
    const { reveal: _done, ...rest } = screen;
    return rest;
  }
  const { footer } = layout;
  switch (footer.kind) {
    case 'more':
      if (press.kind === 'enter' || press.kind === 'down' || press.kind === 'pageDown' || isChar(press, ' ', 'j')) {
        return turnPage(screen, layout.page + 1);
      }
      return commonKey(screen, game, press, layout.page);
    case 'choices':
      return pickChoice(screen, game, footer.choices, press, layout.page);
    case 'answer':
      return screen.answer === undefined ? screen : typeAnswer(screen, game, screen.answer, press);
    case 'ending':
      if (press.kind === 'enter') return toTitle(screen);
      return commonKey(screen, game, press, layout.page);
    case 'dead-end':
      // The story is broken here; leaving says so through the exit code.
      if (isChar(press, 'q')) return { ...screen, exitCode: 1 };
      return commonKey(screen, game, press, layout.page);
    default: {
      const _never: never = footer;
      return _never;
    }
  }
}

/**
 * What `tab` shows next. On a narrow terminal it shows the whole status in
 * place of the story, and back. On a wide one it hides and shows the panel
 * beside the story, but a panel that cannot show everything ("+2 more") is
 * shown whole in the story's place first.
 */
function tabbed(screen: Screen, layout: GameLayout): Screen {
  const { statusPage: _closed, ...story } = screen;
  const wide = screen.size.columns >= NARROW;
  if (screen.statusPage !== undefined) return wide ? { ...story, statusToggle: false } : story;
  if (!wide) return { ...screen, statusPage: 0 };
  if (!statusShown(screen.statusToggle, screen.size)) return { ...screen, statusToggle: true };
  return layout.status.fitsBeside ? { ...screen, statusToggle: false } : { ...screen, statusPage: 0 };
}

/** A key while the whole status is shown: its pages, the menu, quit; any other key goes back to the story. */
function wholeStatusKey(screen: Screen, layout: GameLayout, press: KeyPress): Screen {
  if (press.kind === 'escape') return openMenu(screen);
  if (isChar(press, 'q')) return quit(screen);
  const { page, pages } = layout.status;
  const { statusPage: _closed, ...story } = screen;
  if (press.kind === 'enter' || press.kind === 'down' || press.kind === 'pageDown' || isChar(press, ' ', 'j')) {
    return page < pages - 1 ? { ...screen, statusPage: page + 1 } : keepReading(screen, story);
  }
  if (press.kind === 'up' || press.kind === 'pageUp' || isChar(press, 'b', 'k')) return { ...screen, statusPage: Math.max(0, page - 1) };
  return keepReading(screen, story);
}

/** Keys that mean the same on every page: back a page, undo, the menu, quit. */
function commonKey(screen: Screen, game: SavedGame, press: KeyPress, page: number): Screen {
  if (press.kind === 'escape') return openMenu(screen);
  if (press.kind === 'up' || press.kind === 'pageUp' || isChar(press, 'b', 'k')) return turnPage(screen, page - 1);
  if (isChar(press, 'u')) return undo(screen, game);
  if (isChar(press, 'q')) return quit(screen);
  if (isChar(press, '?')) return { ...screen, view: { name: 'help', page: 0 } };
  return screen;
}

function pickChoice(screen: Screen, game: SavedGame, choices: readonly ChoiceView[], press: KeyPress, page: number): Screen {
  switch (press.kind) {
    case 'up':
      return { ...screen, cursor: nextEnabled(choices, screen.cursor, -1) };
    case 'down':
      return { ...screen, cursor: nextEnabled(choices, screen.cursor, 1) };
    case 'enter':
      return choose(screen, game, choices, screen.cursor);
    case 'pageUp':
      return turnPage(screen, page - 1);
    case 'char': {
      if (press.char === 'k') return { ...screen, cursor: nextEnabled(choices, screen.cursor, -1) };
      if (press.char === 'j') return { ...screen, cursor: nextEnabled(choices, screen.cursor, 1) };
      const numbered = numberKeyIndex(press);
      if (numbered !== undefined) return choose(screen, game, choices, numbered);
      return commonKey(screen, game, press, page);
    }
    case 'escape':
      return openMenu(screen);
    case 'erase':
    case 'left':
    case 'right':
    case 'pageDown':
    case 'tab':
    case 'interrupt':
      return screen;
    default: {
      const _never: never = press;
      return _never;
    }
  }
}

/** Picks the choice at `index` if it can be picked: asks for its answer, or moves the game on. */
function choose(screen: Screen, game: SavedGame, choices: readonly ChoiceView[], index: number): Screen {
  const choice = choices[index];
  if (choice === undefined) return screen;
  // Said as plain mode says it, under the scene until the next key.
  if (!choice.enabled) return { ...screen, message: unavailableMessage(choice) };
  const label = `${index + 1}. ${choice.text}`;
  if (choice.input !== undefined) {
    const { prompt, maxLength } = choice.input;
    return { ...screen, cursor: index, answer: { choiceId: choice.id, label, prompt, field: emptyField(maxLength) } };
  }
  return makeChoice(screen, game, choice.id, label);
}

function typeAnswer(screen: Screen, game: SavedGame, answer: Answer, press: KeyPress): Screen {
  if (press.kind === 'escape') {
    const { answer: _dropped, ...rest } = screen;
    return rest;
  }
  if (press.kind === 'enter') {
    const text = answer.field.text.trim();
    if (text === '') return { ...screen, message: 'Type an answer, or Esc to go back.' };
    return makeChoice(screen, game, answer.choiceId, `${answer.label}: ${text}`, text);
  }
  const field = editField(answer.field, press);
  return field === undefined ? screen : { ...screen, answer: { ...answer, field } };
}

/** Moves the game on; a story that fails at run time (an author's bug) is reported, not crashed on. */
function makeChoice(screen: Screen, game: SavedGame, choiceId: string, label: string, input?: string): Screen {
  let next: SavedGame;
  try {
    next = playChoice(screen.story, game, choiceId, input);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const { answer: _dropped, ...rest } = screen;
    return { ...rest, notices: [`The story failed here (${why}). Please report it; choose again or undo.`], page: 0 };
  }
  return enterGame(screen, next, [], { chose: label }, game.state);
}

/** Goes back one choice, if there is one to go back from. */
export function undo(screen: Screen, game: SavedGame): Screen {
  if (game.history.length === 0) return { ...screen, notices: ['There is no choice to undo yet.'], page: 0 };
  const back = rewind(screen.story, game, 1);
  const left = back.history.length;
  return enterGame(screen, back, [`Went back one choice (${left} made so far).`], 'rewound');
}

/** Shows another page of the scene, if there is one. */
function turnPage(screen: Screen, page: number): Screen {
  if (page < 0 || page === screen.page) return screen;
  const game = screen.game;
  if (game === undefined || page >= layoutOf(screen, game).pages.length) return screen;
  return { ...screen, page, ...(screen.settings.textSpeed === 'instant' ? {} : { reveal: 0 }) };
}

/** Reveals more of the page while text appears gradually. */
export function revealTick(screen: Screen): Screen {
  const { reveal, game } = screen;
  if (reveal === undefined || game === undefined) return screen;
  const speed = screen.settings.textSpeed;
  const layout = layoutOf(screen, game);
  const total = (layout.pages[layout.page] ?? []).reduce((n, line) => n + [...line.text].length, 0);
  const next = reveal + (speed === 'instant' ? Number.POSITIVE_INFINITY : REVEAL_STEP[speed]);
  if (next < total) return { ...screen, reveal: next };
  const { reveal: _done, ...rest } = screen;
  return rest;
}

/** Opens the in-game menu. */
export function openMenu(screen: Screen): Screen {
  const { message: _dropped, ...rest } = screen;
  return { ...rest, view: { name: 'menu', cursor: 0 } };
}

/** Leaves the game for the title screen (it was autosaved after its last choice). */
export function toTitle(screen: Screen): Screen {
  const { game, answer: _answer, message: _message, reveal: _reveal, ...rest } = screen;
  // Every choice was autosaved, so a game with one can be continued, from where it is now.
  if (game === undefined || game.history.length === 0) {
    return { ...rest, view: titleView(rest.canContinue), notices: [], page: 0 };
  }
  const { title, clock } = sceneView(screen.story, game.state);
  return { ...rest, canContinue: true, continueNote: `${title} · ${clock}`, view: titleView(true), notices: [], page: 0 };
}

/** Leaves hyosan; App autosaves the game in progress first. */
export function quit(screen: Screen): Screen {
  return { ...screen, exitCode: 0 };
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
