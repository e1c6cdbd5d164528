/**
 * The screen's state, the actions and requests that change it, and the few
 * helpers every part of the reducer shares. The reducer itself is split by
 * screen (screen.ts, screen-play.ts, screen-menus.ts); each part imports this
 * module and none imports the one that dispatches to it, so there is no
 * import circle between them.
 */

import type { Story } from '../../engine/index.js';
import type { SavedGame } from '../../saves/game.js';
import { gameLayout, modeOf, type Answer, type GameLayout, type Mode } from './game-layout.js';
import type { KeyPress } from './keys.js';
import type { TerminalSize } from './layout.js';
import type { MoveOutcome } from '../changes.js';
import type { GameStart, PackSwitch, SaveListing, Settings, StoryChange } from '../ports.js';
import type { TextField } from './text-field.js';
import { firstTitleCursor } from './title.js';
import { firstPlace, pageAt } from '../paging.js';

export type { Answer, Mode } from './game-layout.js';

/** Where a list screen returns to on Esc. */
export type Back = 'title' | 'menu';

/** Which screen is showing. */
export type View =
  | { readonly name: 'title'; readonly cursor: number }
  /** A new game or a continued one is being fetched. */
  | { readonly name: 'waiting'; readonly what: string; readonly back: Back }
  | { readonly name: 'play' }
  /** What each number on the status panel means, and the keys (`?`); any key goes back to the game. */
  | { readonly name: 'help'; readonly page: number }
  | { readonly name: 'menu'; readonly cursor: number }
  /** Typing a slot name to save to; `pending` while the save is written. */
  | { readonly name: 'save'; readonly field: TextField; readonly pending: boolean }
  /**
   * The saved games, to load, delete or rename: `saves` is undefined while
   * they are read, `pending` while one loads or changes.
   */
  | {
      readonly name: 'saves';
      readonly cursor: number;
      readonly saves: readonly SaveListing[] | undefined;
      readonly back: Back;
      readonly pending: boolean;
      readonly step: SavesStep;
    }
  | { readonly name: 'settings'; readonly cursor: number; readonly back: Back };

/** Where the saves screen is: the list, asking before a delete, or typing a new name. */
export type SavesStep =
  | { readonly kind: 'list' }
  | { readonly kind: 'delete'; readonly slot: string }
  | { readonly kind: 'rename'; readonly slot: string; readonly field: TextField };

/** Something the screen needs done outside it. */
export type Request =
  | { readonly kind: 'new-game' }
  | { readonly kind: 'continue' }
  | { readonly kind: 'list-saves' }
  | { readonly kind: 'load'; readonly slot: string }
  | { readonly kind: 'save'; readonly slot: string; readonly game: SavedGame }
  | { readonly kind: 'delete-save'; readonly slot: string }
  | { readonly kind: 'rename-save'; readonly from: string; readonly to: string }
  | { readonly kind: 'shown'; readonly game: SavedGame }
  | { readonly kind: 'chose'; readonly game: SavedGame; readonly label: string }
  | { readonly kind: 'rewound'; readonly game: SavedGame }
  | { readonly kind: 'ending'; readonly sceneId: string }
  | { readonly kind: 'settings'; readonly settings: Settings }
  /** Switch an installed pack on or off for the next games. */
  | { readonly kind: 'pack'; readonly id: string; readonly on: boolean };

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
  /** What the last move told the player (its `say` lines and the changes line), shown above the scene's text. */
  readonly outcome?: MoveOutcome;
  /** A one-line message on the title, menu, save or load screen, or the game screen (until the next key). */
  readonly message?: string;
  /** Why the watched story folder cannot be reloaded; the old story plays on meanwhile. */
  readonly storyProblem?: string;
  /** The player's `tab` choice; undefined follows the terminal's width. */
  readonly statusToggle?: boolean;
  /** The page of the whole status, while `tab` shows it in place of the story. */
  readonly statusPage?: number;
  readonly settings: Settings;
  /** NO_COLOR is set: colours stay off whatever the settings say. */
  readonly noColor: boolean;
  /** The installed story packs, to switch in Settings (none when there are none). */
  readonly packs?: readonly PackSwitch[];
  /** The line under the title naming the packs the game is played with. */
  readonly packsLine?: string;
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
  /** A save was deleted or renamed (or why not). */
  | { readonly type: 'saves-changed'; readonly ok: boolean; readonly message: string }
  /** A new game, a continue or a load failed. */
  | { readonly type: 'failed'; readonly message: string }
  /** Something to tell the player over the scene (an autosave that failed). */
  | { readonly type: 'notice'; readonly message: string }
  | { readonly type: 'story-changed'; readonly change: StoryChange }
  /** The requests up to `upTo` were handed over. */
  | { readonly type: 'sent'; readonly upTo: number };

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
    statusPage: screen.statusPage,
    notices: screen.notices,
    outcome: screen.outcome,
    answer: screen.answer,
    page: screen.page,
    found: screen.found,
    storyProblem: screen.storyProblem,
    note: screen.view.name === 'play' ? screen.message : undefined,
  });
}

/**
 * `next` (the same game laid out anew: another size, the status panel shown
 * or hidden) on the page that holds the line the player was reading first
 * in `before`, not on the same page number.
 */
export function keepReading(before: Screen, next: Screen): Screen {
  const game = before.game;
  if (game === undefined || next.game !== game) return next;
  const was = layoutOf(before, game);
  const reading = firstPlace(was.pages[was.page] ?? []);
  return { ...next, page: pageAt(layoutOf(next, game).pages, reading) };
}

/** Returns to the title screen or the menu with a message. */
export function backFrom(screen: Screen, back: Back, message?: string): Screen {
  const { message: _dropped, ...rest } = screen;
  const view: View = back === 'title' ? titleView(screen.canContinue) : { name: 'menu', cursor: 0 };
  return message === undefined ? { ...rest, view } : { ...rest, view, message };
}

/** The screen without its one-line message. */
export function dropMessage(screen: Screen): Screen {
  const { message: _dropped, ...rest } = screen;
  return rest;
}

/** The title screen, with Continue highlighted when there is something to continue. */
export function titleView(canContinue: boolean): View {
  return { name: 'title', cursor: firstTitleCursor(canContinue) };
}

/** The game's mode, for a screen with a game. */
export function screenMode(screen: Screen, game: SavedGame): Mode {
  return modeOf(screen.story, game.state, screen.answer);
}
