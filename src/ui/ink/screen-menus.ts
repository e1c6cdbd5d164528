/**
 * The reducer's part for the screens around the game: the title screen, the
 * in-game menu, typing a slot name to save to, and the settings (the saved
 * games are screen-saves.ts's). Each list's items are defined here once, for the keys
 * and for the components that draw them.
 */

import { isChar, type KeyPress } from './keys.js';
import { moveCursor, pickedItem, type MenuItem } from './menu-item.js';
import type { PackSwitch, Settings, TextSpeed } from '../ports.js';
import { openMenu, quit, toTitle, undo } from './screen-play.js';
import { MAX_SLOT_NAME, openSaves } from './screen-saves.js';
import { backFrom, dropMessage, send, type Screen, type View } from './screen-state.js';
import { editField, emptyField } from './text-field.js';
import { titleItems } from './title.js';

type MenuId = 'resume' | 'save' | 'load' | 'undo' | 'settings' | 'title' | 'quit';
/** A setting; `pack:ID` switches an installed story pack. */
type SettingId = 'speed' | 'colour' | 'changes' | 'back' | `pack:${string}`;

/** The in-game menu's entries. */
export function menuItems(screen: Screen): MenuItem<MenuId>[] {
  const made = screen.game?.history.length ?? 0;
  return [
    { id: 'resume', label: 'Back to the game', enabled: true },
    { id: 'save', label: 'Save to a slot…', enabled: true },
    { id: 'load', label: 'Saved games…', enabled: true, note: 'load, delete, rename' },
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
    ...(screen.packs ?? []).map(
      (p): MenuItem<SettingId> =>
        p.state === 'broken'
          ? { id: `pack:${p.id}`, label: `Pack: ${p.title}: off`, enabled: false, note: 'it has errors; see hyosan packs' }
          : { id: `pack:${p.id}`, label: `Pack: ${p.title}: ${p.state}`, enabled: true, note: 'from the next game' },
    ),
    { id: 'back', label: 'Back', enabled: true },
  ];
}

/** A key on the title screen. */
export function titleKey(screen: Screen, view: Extract<View, { name: 'title' }>, press: KeyPress): Screen {
  // Esc leaves a screen for the one before; the title has none, so it does nothing here.
  if (isChar(press, 'q')) return quit(screen);
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
      return openSaves(plain, 'title');
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
      return { ...plain, view: { name: 'save', field: emptyField(MAX_SLOT_NAME), pending: false } };
    case 'load':
      return openSaves(plain, 'menu');
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
  if (press.kind === 'escape') return backFrom(screen, 'menu');
  if (press.kind === 'enter') {
    const slot = view.field.text.trim();
    if (slot === '') return { ...screen, message: 'Type a name for the save, then press Enter.' };
    if (screen.game === undefined) return screen;
    return send({ ...dropMessage(screen), view: { ...view, pending: true } }, { kind: 'save', slot, game: screen.game });
  }
  const field = editField(view.field, press);
  return field === undefined ? screen : { ...screen, view: { ...view, field } };
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
  if (id.startsWith('pack:')) return switchPack(screen, id.slice('pack:'.length));
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

/** Switches an installed pack on or off (from the next game): the list shows it at once, the ports keep it. */
function switchPack(screen: Screen, id: string): Screen {
  const pack = screen.packs?.find((p) => p.id === id);
  if (pack === undefined || pack.state === 'broken') return screen;
  const state: PackSwitch['state'] = pack.state === 'on' ? 'off' : 'on';
  const packs = screen.packs!.map((p) => (p.id === id ? { ...p, state } : p));
  return send({ ...screen, packs }, { kind: 'pack', id, on: state === 'on' });
}

function resume(screen: Screen): Screen {
  const plain = dropMessage(screen);
  return screen.game === undefined ? toTitle(plain) : { ...plain, view: { name: 'play' } };
}
