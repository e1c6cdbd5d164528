/**
 * The screen's state and the one reducer that changes it. Pure: it calls the
 * (pure) engine and save-history functions and nothing else; whatever needs
 * the world outside (files, a new seed, the transcript) it queues as a
 * `Request` in `outbox`, which `App` hands to the `PlayPorts` and answers with
 * another action. So it is tested without Ink.
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

import type { Story } from '../engine/index.js';
import type { SavedGame } from '../saves/game.js';
import { gameLayout, modeOf, type Answer, type GameLayout, type Mode } from './game-layout.js';
import type { KeyPress } from './keys.js';
import type { TerminalSize } from './layout.js';
import type { GameStart, SaveListing, Settings, StoryChange } from './ports.js';
import { reloadGame } from './reload.js';
import { enterGame, playKey, revealTick, titleView } from './screen-play.js';
import { loadKey, menuKey, saveKey, settingsKey, titleKey } from './screen-menus.js';

export type { Answer, Mode } from './game-layout.js';

/** Where a list screen returns to on Esc. */
export type Back = 'title' | 'menu';

/** Which screen is showing. */
export type View =
  | { readonly name: 'title'; readonly cursor: number }
  /** A new game or a continued one is being fetched. */
  | { readonly name: 'waiting'; readonly what: string; readonly back: Back }
  | { readonly name: 'play' }
  | { readonly name: 'menu'; readonly cursor: number }
  /** Typing a slot name to save to; `pending` while the save is written. */
  | { readonly name: 'save'; readonly text: string; readonly pending: boolean }
  /** The saves to load from; `saves` is undefined while they are read, `pending` while one loads. */
  | {
      readonly name: 'load';
      readonly cursor: number;
      readonly saves: readonly SaveListing[] | undefined;
      readonly back: Back;
      readonly pending: boolean;
    }
  | { readonly name: 'settings'; readonly cursor: number; readonly back: Back };

/** Something the screen needs done outside it. */
export type Request =
  | { readonly kind: 'new-game' }
  | { readonly kind: 'continue' }
  | { readonly kind: 'list-saves' }
  | { readonly kind: 'load'; readonly slot: string }
  | { readonly kind: 'save'; readonly slot: string; readonly game: SavedGame }
  | { readonly kind: 'shown'; readonly game: SavedGame }
  | { readonly kind: 'chose'; readonly game: SavedGame; readonly label: string }
  | { readonly kind: 'rewound'; readonly game: SavedGame }
  | { readonly kind: 'ending'; readonly sceneId: string }
  | { readonly kind: 'settings'; readonly settings: Settings };

/** A request with its place in the queue. */
export interface Sent {
  readonly seq: number;
  readonly request: Request;
}

/** Everything the screen shows that is not derived from the game alone. */
export interface Screen {
  readonly story: Story;
  /** The game in progress; undefined on the title screen. */
  readonly game?: SavedGame;
  readonly view: View;
  /** The highlighted choice, an index into the scene's visible choices. */
  readonly cursor: number;
  /** The page of the scene shown. */
  readonly page: number;
  /** Set while the player types an answer. */
  readonly answer?: Answer;
  /** Shown above the scene until the next choice (a loaded save's notice, "Saved."). */
  readonly notices: readonly string[];
  /** A one-line message on the title, menu, save or load screen, or the game screen (until the next key). */
  readonly message?: string;
  /** Why the watched story folder cannot be reloaded; the old story plays on meanwhile. */
  readonly storyProblem?: string;
  /** The player's `tab` choice; undefined follows the terminal's width. */
  readonly statusToggle?: boolean;
  readonly settings: Settings;
  /** NO_COLOR is set: colours stay off whatever the settings say. */
  readonly noColor: boolean;
  /** Ending scenes found in this story so far. */
  readonly found: readonly string[];
  /** There is a save to continue from. */
  readonly canContinue: boolean;
  /** Where Continue would resume (`The Gym Door · Day 1, 08:40`). */
  readonly continueNote?: string;
  readonly size: TerminalSize;
  /** Characters of the page shown so far, while text appears gradually; undefined when all is shown. */
  readonly reveal?: number;
  /** Requests not yet handed over. */
  readonly outbox: readonly Sent[];
  readonly seq: number;
  /** Set when the player leaves: the process's exit code. */
  readonly exitCode?: number;
}

/** What can happen to the screen. */
export type ScreenAction =
  | { readonly type: 'key'; readonly press: KeyPress }
  | { readonly type: 'resize'; readonly size: TerminalSize }
  /** Time passes while text appears gradually. */
  | { readonly type: 'tick' }
  | { readonly type: 'started'; readonly start: GameStart }
  | { readonly type: 'saves-listed'; readonly saves: readonly SaveListing[] | string }
  | { readonly type: 'saved'; readonly ok: boolean; readonly message: string }
  /** A new game, a continue or a load failed. */
  | { readonly type: 'failed'; readonly message: string }
  /** Something to tell the player over the scene (an autosave that failed). */
  | { readonly type: 'notice'; readonly message: string }
  | { readonly type: 'story-changed'; readonly change: StoryChange }
  /** The requests up to `upTo` were handed over. */
  | { readonly type: 'sent'; readonly upTo: number };

/** How a screen begins. */
export interface ScreenStart {
  readonly story: Story;
  /** A game to begin in (`--continue`, `--load`, `--start-at`); the title screen when absent. */
  readonly start?: GameStart;
  readonly settings: Settings;
  readonly noColor: boolean;
  readonly found: readonly string[];
  readonly canContinue: boolean;
  readonly continueNote?: string | undefined;
  readonly size: TerminalSize;
}

/** The screen at launch: the title screen, or straight into a game. */
export function initialScreen(init: ScreenStart): Screen {
  const screen: Screen = {
    story: init.story,
    view: titleView(init.canContinue),
    cursor: 0,
    page: 0,
    notices: [],
    settings: init.settings,
    noColor: init.noColor,
    found: init.found,
    canContinue: init.canContinue,
    ...(init.continueNote === undefined ? {} : { continueNote: init.continueNote }),
    size: init.size,
    outbox: [],
    seq: 0,
  };
  return init.start === undefined ? screen : enterGame(screen, init.start.game, init.start.notices, 'shown');
}

/** Queues a request for the world outside. */
export function send(screen: Screen, request: Request): Screen {
  const seq = screen.seq + 1;
  return { ...screen, seq, outbox: [...screen.outbox, { seq, request }] };
}

/** The game screen's layout for the current state (the game must have started). */
export function layoutOf(screen: Screen, game: SavedGame): GameLayout {
  return gameLayout({
    story: screen.story,
    state: game.state,
    size: screen.size,
    statusToggle: screen.statusToggle,
    notices: screen.notices,
    answer: screen.answer,
    page: screen.page,
    found: screen.found,
    storyProblem: screen.storyProblem,
    note: screen.view.name === 'play' ? screen.message : undefined,
  });
}

/** Applies one action to the screen. */
export function reduceScreen(screen: Screen, action: ScreenAction): Screen {
  if (screen.exitCode !== undefined) return action.type === 'sent' ? acknowledge(screen, action.upTo) : screen;
  switch (action.type) {
    case 'key':
      return reduceKey(screen, action.press);
    case 'resize':
      return { ...screen, size: action.size };
    case 'tick':
      return revealTick(screen);
    case 'started':
      return enterGame({ ...screen, canContinue: true }, action.start.game, action.start.notices, 'shown');
    case 'saves-listed':
      return listed(screen, action.saves);
    case 'saved':
      return saved(screen, action.ok, action.message);
    case 'failed':
      return failed(screen, action.message);
    case 'notice':
      return { ...screen, notices: [...screen.notices, action.message], page: 0 };
    case 'story-changed':
      return storyChanged(screen, action.change);
    case 'sent':
      return acknowledge(screen, action.upTo);
    default: {
      const _never: never = action;
      return _never;
    }
  }
}

function reduceKey(screen: Screen, press: KeyPress): Screen {
  // Ctrl+C leaves from anywhere; App autosaves the game in progress first.
  if (press.kind === 'interrupt') return { ...screen, exitCode: 0 };
  const { view } = screen;
  switch (view.name) {
    case 'title':
      return titleKey(screen, view, press);
    case 'waiting':
      return screen;
    case 'play':
      return playKey(screen, press);
    case 'menu':
      return menuKey(screen, view, press);
    case 'save':
      return saveKey(screen, view, press);
    case 'load':
      return loadKey(screen, view, press);
    case 'settings':
      return settingsKey(screen, view, press);
    default: {
      const _never: never = view;
      return _never;
    }
  }
}

function listed(screen: Screen, saves: readonly SaveListing[] | string): Screen {
  if (screen.view.name !== 'load') return screen;
  if (typeof saves === 'string') return backFrom(screen, screen.view.back, saves);
  if (saves.length === 0) return backFrom(screen, screen.view.back, 'There are no saved games yet.');
  return { ...screen, view: { ...screen.view, saves, cursor: 0 } };
}

function saved(screen: Screen, ok: boolean, message: string): Screen {
  if (screen.view.name !== 'save') return screen;
  if (!ok) return { ...screen, view: { ...screen.view, pending: false }, message };
  // Back on the page the player was reading; the message shows on the game screen until the next key.
  return { ...screen, view: { name: 'play' }, message, canContinue: true };
}

function failed(screen: Screen, message: string): Screen {
  const { view } = screen;
  if (view.name === 'load') return { ...screen, view: { ...view, pending: false }, message };
  if (view.name === 'waiting') return backFrom(screen, view.back, message);
  return { ...screen, message };
}

/** Returns to the title screen or the menu with a message. */
export function backFrom(screen: Screen, back: Back, message?: string): Screen {
  const { message: _dropped, ...rest } = screen;
  const view: View = back === 'title' ? titleView(screen.canContinue) : { name: 'menu', cursor: 0 };
  return message === undefined ? { ...rest, view } : { ...rest, view, message };
}

function storyChanged(screen: Screen, change: StoryChange): Screen {
  if (change.kind === 'broken') return { ...screen, storyProblem: change.message };
  const { storyProblem: _fixed, ...rest } = screen;
  const next: Screen = { ...rest, story: change.story };
  if (screen.game === undefined) return next;
  const reloaded = reloadGame(change.story, screen.game);
  if ('failed' in reloaded) return { ...screen, storyProblem: reloaded.failed };
  const placed = enterGame(next, reloaded.game, [reloaded.notice], 'none');
  // Keep the player where they were on the menus; only the game under them changed.
  return screen.view.name === 'play' ? placed : { ...placed, view: screen.view };
}

function acknowledge(screen: Screen, upTo: number): Screen {
  return { ...screen, outbox: screen.outbox.filter((s) => s.seq > upTo) };
}

/** The game's mode, for a screen with a game. */
export function screenMode(screen: Screen, game: SavedGame): Mode {
  return modeOf(screen.story, game.state, screen.answer);
}
