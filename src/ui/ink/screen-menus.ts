/**
 * The reducer's part for the screens around the game: the title screen, the
 * in-game menu, typing a slot name to save to, the list of saves to load,
 * and the settings. Each list's items are defined here once, for the keys
 * and for the components that draw them.
 */

import { numberKeyIndex, type KeyPress } from './keys.js';
import type { MenuItem } from './menu-item.js';
import type { Settings, TextSpeed } from '../ports.js';
import { isChar, openMenu, quit, toTitle, undo } from './screen-play.js';
import { backFrom, send, type Back, type Screen, type View } from './screen-state.js';
import { titleItems } from './title.js';

/** The longest slot name a player can type (the save store checks the rest). */
export const MAX_SLOT_NAME = 40;

type MenuId = 'resume' | 'save' | 'load' | 'undo' | 'settings' | 'title' | 'quit';
type SettingId = 'speed' | 'colour' | 'changes' | 'back';

/** The in-game menu's entries. */
export function menuItems(screen: Screen): MenuItem<MenuId>[] {
  const made = screen.game?.history.length ?? 0;
  return [
    { id: 'resume', label: 'Back to the game', enabled: true },
    { id: 'save', label: 'Save to a slot…', enabled: true },
    { id: 'load', label: 'Load a saved game…', enabled: true },
    { id: 'undo', label: 'Undo the last choice', enabled: made > 0, note: made > 0 ? `${made} made` : 'none made yet' },
    { id: 'settings', label: 'Settings…', enabled: true },
    { id: 'title', label: 'Quit to the title screen', enabled: true },
    { id: 'quit', label: 'Quit hyosan', enabled: true },
  ];
}

const SPEEDS: readonly TextSpeed[] = ['instant', 'fast', 'slow'];

/** The settings' entries, each showing its value. */
export function settingItems(screen: Screen): MenuItem<SettingId>[] {
  const { settings, noColor } = screen;
  return [
    { id: 'speed', label: `Text speed: ${settings.textSpeed}`, enabled: true },
    noColor
      ? { id: 'colour', label: 'Colours: off', enabled: false, note: 'NO_COLOR is set' }
      : { id: 'colour', label: `Colours: ${settings.colour ? 'on' : 'off'}`, enabled: true },
    { id: 'changes', label: `Show what changed: ${settings.showChanges ? 'on' : 'off'}`, enabled: true },
    { id: 'back', label: 'Back', enabled: true },
  ];
}

/** A key on the title screen. */
export function titleKey(screen: Screen, view: Extract<View, { name: 'title' }>, press: KeyPress): Screen {
  if (isChar(press, 'q') || press.kind === 'escape') return quit(screen);
  const items = titleItems(screen.canContinue);
  const moved = moveCursor(items, view.cursor, press);
  if (moved !== undefined) return { ...screen, view: { ...view, cursor: moved } };
  const picked = pickedItem(items, view.cursor, press);
  if (picked === undefined) return screen;
  const plain = dropMessage(screen);
  switch (picked) {
    case 'new':
      return send({ ...plain, view: { name: 'waiting', what: 'Starting a new game…', back: 'title' } }, { kind: 'new-game' });
    case 'continue':
      return send({ ...plain, view: { name: 'waiting', what: 'Finding your latest save…', back: 'title' } }, { kind: 'continue' });
    case 'load':
      return openLoad(plain, 'title');
    case 'settings':
      return { ...plain, view: { name: 'settings', cursor: 0, back: 'title' } };
    case 'quit':
      return quit(screen);
    default: {
      const _never: never = picked;
      return _never;
    }
  }
}

/** A key on the in-game menu. */
export function menuKey(screen: Screen, view: Extract<View, { name: 'menu' }>, press: KeyPress): Screen {
  if (press.kind === 'escape') return resume(screen);
  const items = menuItems(screen);
  const moved = moveCursor(items, view.cursor, press);
  if (moved !== undefined) return { ...screen, view: { ...view, cursor: moved } };
  const picked = pickedItem(items, view.cursor, press);
  if (picked === undefined) return screen;
  const plain = dropMessage(screen);
  switch (picked) {
    case 'resume':
      return resume(screen);
    case 'save':
      return { ...plain, view: { name: 'save', text: '', pending: false } };
    case 'load':
      return openLoad(plain, 'menu');
    case 'undo': {
      if (screen.game === undefined) return screen;
      // Stay on the menu, so pressing Enter again goes back another choice.
      const back = undo(screen, screen.game);
      const title = back.game === undefined ? '' : screen.story.scenes.get(back.game.state.scene)?.title ?? '';
      const left = back.game?.history.length ?? 0;
      const cursor = items.findIndex((i) => i.id === 'undo');
      const message = `Went back to "${title}" (${left} choice${left === 1 ? '' : 's'} made).`;
      return { ...back, view: { name: 'menu', cursor }, message };
    }
    case 'settings':
      return { ...plain, view: { name: 'settings', cursor: 0, back: 'menu' } };
    case 'title':
      return toTitle(screen);
    case 'quit':
      return quit(screen);
    default: {
      const _never: never = picked;
      return _never;
    }
  }
}

/** A key while typing a slot name. */
export function saveKey(screen: Screen, view: Extract<View, { name: 'save' }>, press: KeyPress): Screen {
  if (view.pending) return screen;
  switch (press.kind) {
    case 'escape':
      return backFrom(screen, 'menu');
    case 'char':
      if ([...view.text].length >= MAX_SLOT_NAME) return screen;
      return { ...screen, view: { ...view, text: view.text + press.char } };
    case 'erase':
      return { ...screen, view: { ...view, text: [...view.text].slice(0, -1).join('') } };
    case 'enter': {
      const slot = view.text.trim();
      if (slot === '') return { ...screen, message: 'Type a name for the save, then press Enter.' };
      if (screen.game === undefined) return screen;
      return send({ ...dropMessage(screen), view: { ...view, pending: true } }, { kind: 'save', slot, game: screen.game });
    }
    case 'up':
    case 'down':
    case 'left':
    case 'right':
    case 'pageUp':
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

/** A key on the list of saves. */
export function loadKey(screen: Screen, view: Extract<View, { name: 'load' }>, press: KeyPress): Screen {
  if (view.pending) return screen;
  if (press.kind === 'escape') return backFrom(screen, view.back);
  const saves = view.saves;
  if (saves === undefined) return screen;
  const items = saves.map((s) => ({ id: s.slot, label: s.slot, enabled: true }));
  const moved = moveCursor(items, view.cursor, press);
  if (moved !== undefined) return { ...screen, view: { ...view, cursor: moved } };
  if (press.kind !== 'enter') return screen;
  const slot = saves[view.cursor]?.slot;
  if (slot === undefined) return screen;
  return send({ ...dropMessage(screen), view: { ...view, pending: true } }, { kind: 'load', slot });
}

/** A key on the settings screen. */
export function settingsKey(screen: Screen, view: Extract<View, { name: 'settings' }>, press: KeyPress): Screen {
  if (press.kind === 'escape') return backFrom(screen, view.back);
  const items = settingItems(screen);
  const moved = moveCursor(items, view.cursor, press);
  if (moved !== undefined) return { ...screen, view: { ...view, cursor: moved } };
  const id = items[view.cursor]?.id;
  const step = press.kind === 'left' ? -1 : press.kind === 'right' || press.kind === 'enter' || isChar(press, ' ') ? 1 : 0;
  if (id === undefined || step === 0) return screen;
  if (id === 'back') return press.kind === 'enter' ? backFrom(screen, view.back) : screen;
  const { settings } = screen;
  let changed: Settings;
  if (id === 'speed') {
    const at = SPEEDS.indexOf(settings.textSpeed);
    changed = { ...settings, textSpeed: SPEEDS[(at + step + SPEEDS.length) % SPEEDS.length]! };
  } else if (id === 'changes') {
    changed = { ...settings, showChanges: !settings.showChanges };
  } else {
    if (screen.noColor) return screen;
    changed = { ...settings, colour: !settings.colour };
  }
  return send({ ...screen, settings: changed }, { kind: 'settings', settings: changed });
}

function resume(screen: Screen): Screen {
  const plain = dropMessage(screen);
  return screen.game === undefined ? toTitle(plain) : { ...plain, view: { name: 'play' } };
}

function openLoad(screen: Screen, back: Back): Screen {
  return send({ ...screen, view: { name: 'load', cursor: 0, saves: undefined, back, pending: false } }, { kind: 'list-saves' });
}

function dropMessage(screen: Screen): Screen {
  const { message: _dropped, ...rest } = screen;
  return rest;
}

/** The cursor after an arrow key (skipping greyed entries, wrapping around), or undefined for other keys. */
function moveCursor(items: readonly MenuItem[], cursor: number, press: KeyPress): number | undefined {
  const by = press.kind === 'up' || isChar(press, 'k') ? -1 : press.kind === 'down' || isChar(press, 'j') ? 1 : 0;
  if (by === 0) return undefined;
  const n = items.length;
  for (let i = 1; i <= n; i++) {
    const index = (((cursor + by * i) % n) + n) % n;
    if (items[index]?.enabled === true) return index;
  }
  return cursor;
}

/** The entry Enter or a number key picks, if it can be picked. */
function pickedItem<Id extends string>(items: readonly MenuItem<Id>[], cursor: number, press: KeyPress): Id | undefined {
  let index: number | undefined;
  if (press.kind === 'enter') index = cursor;
  else index = numberKeyIndex(press);
  const item = index === undefined ? undefined : items[index];
  return item?.enabled === true ? item.id : undefined;
}

/** The first entry that can be picked, for a cursor that may rest on a greyed one. */
export function firstEnabledItem(items: readonly MenuItem[], cursor: number): number {
  if (items[cursor]?.enabled === true) return cursor;
  return Math.max(0, items.findIndex((i) => i.enabled));
}
