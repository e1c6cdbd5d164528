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

import type { Story } from '../../engine/index.js';
import { isChar, type KeyPress } from './keys.js';
import { MAX_PROSE, NARROW, type TerminalSize } from './layout.js';
import { helpPages } from './help-pages.js';
import { firstPlace, pageAt } from '../paging.js';
import { statHelp } from '../stat-help.js';
import type { GameStart, PackSwitch, SaveListing, Settings, StoryChange } from '../ports.js';
import { reloadGame } from '../reload.js';
import { enterGame, playKey, revealTick } from './screen-play.js';
import { menuKey, saveKey, settingsKey, titleKey } from './screen-menus.js';
import { savesChanged, savesKey, savesListed } from './screen-saves.js';
import { backFrom, keepReading, titleView, type Screen, type ScreenAction } from './screen-state.js';

export type { Answer, Back, Mode, Request, Screen, ScreenAction, Sent, View } from './screen-state.js';
export { layoutOf, screenMode, send } from './screen-state.js';

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
  /** The installed story packs, for Settings. */
  readonly packs?: readonly PackSwitch[] | undefined;
  /** The line under the title naming the packs played with. */
  readonly packsLine?: string | undefined;
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
    ...(init.packs === undefined || init.packs.length === 0 ? {} : { packs: init.packs }),
    ...(init.packsLine === undefined ? {} : { packsLine: init.packsLine }),
    size: init.size,
    outbox: [],
    seq: 0,
  };
  return init.start === undefined ? screen : enterGame(screen, init.start.game, init.start.notices, 'shown');
}

/** Applies one action to the screen. */
export function reduceScreen(screen: Screen, action: ScreenAction): Screen {
  if (screen.exitCode !== undefined) return action.type === 'sent' ? acknowledge(screen, action.upTo) : screen;
  switch (action.type) {
    case 'key':
      return reduceKey(screen, action.press);
    case 'resize':
      return resized(screen, action.size);
    case 'tick':
      return revealTick(screen);
    case 'started':
      return enterGame({ ...screen, canContinue: true }, action.start.game, action.start.notices, 'shown');
    case 'saves-listed':
      return savesListed(screen, action.saves);
    case 'saves-changed':
      return savesChanged(screen, action.ok, action.message);
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
    case 'help':
      return helpKey(screen, view.page, press);
    case 'menu':
      return menuKey(screen, view, press);
    case 'save':
      return saveKey(screen, view, press);
    case 'saves':
      return savesKey(screen, view, press);
    case 'settings':
      return settingsKey(screen, view, press);
    default: {
      const _never: never = view;
      return _never;
    }
  }
}

/** A key on the `?` screen: Enter and space page on, b back; any other key (and Enter on the last page) goes back to the story. */
function helpKey(screen: Screen, page: number, press: KeyPress): Screen {
  const game = screen.game;
  const pages = game === undefined ? 1 : helpPages(statHelp(screen.story, game.state), Math.min(screen.size.columns, MAX_PROSE), screen.size.rows).length;
  const at = Math.min(page, pages - 1);
  if (press.kind === 'enter' || press.kind === 'down' || press.kind === 'pageDown' || isChar(press, ' ', 'j')) {
    if (at < pages - 1) return { ...screen, view: { name: 'help', page: at + 1 } };
  } else if (press.kind === 'up' || press.kind === 'pageUp' || isChar(press, 'b', 'k')) {
    return { ...screen, view: { name: 'help', page: Math.max(0, at - 1) } };
  }
  return { ...screen, view: { name: 'play' } };
}

/**
 * The screen at a new size. The player's `tab` choice was made for a wide
 * or a narrow terminal, and does not carry over to the other: narrowed below
 * `NARROW`, the story shows (the panel hidden) as on a fresh start at that
 * size. The page shown is the one that now holds the line the player was
 * reading first, not the same page number.
 */
function resized(screen: Screen, size: TerminalSize): Screen {
  const crossed = screen.size.columns < NARROW !== size.columns < NARROW;
  const { statusToggle: _reset, ...kept } = screen;
  return keepReading(screen, crossed ? { ...kept, size } : { ...screen, size });
}

function saved(screen: Screen, ok: boolean, message: string): Screen {
  if (screen.view.name !== 'save') return screen;
  if (!ok) return { ...screen, view: { ...screen.view, pending: false }, message };
  // Back on the page the player was reading; the message shows on the game screen until the next key.
  return { ...screen, view: { name: 'play' }, message, canContinue: true };
}

function failed(screen: Screen, message: string): Screen {
  const { view } = screen;
  if (view.name === 'saves') return { ...screen, view: { ...view, pending: false }, message };
  if (view.name === 'waiting') return backFrom(screen, view.back, message);
  return { ...screen, message };
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
