/**
 * The reducer's part for the saved games screen (from the title screen and
 * the in-game menu): load one, delete one after asking, or rename one. The
 * list is read again after every change, so it always shows the folder.
 */

import type { SaveListing } from '../ports.js';
import { isChar, type KeyPress } from './keys.js';
import { moveCursor } from './menu-item.js';
import { backFrom, dropMessage, send, type Back, type SavesStep, type Screen, type View } from './screen-state.js';
import { editField, filledField } from './text-field.js';

/** The longest slot name a player can type (the save store checks the rest). */
export const MAX_SLOT_NAME = 40;

type SavesView = Extract<View, { name: 'saves' }>;

/** Opens the saved games screen, reading the list. */
export function openSaves(screen: Screen, back: Back): Screen {
  const view: SavesView = { name: 'saves', cursor: 0, saves: undefined, back, pending: false, step: { kind: 'list' } };
  return send({ ...screen, view }, { kind: 'list-saves' });
}

/** A key on the saved games screen. */
export function savesKey(screen: Screen, view: SavesView, press: KeyPress): Screen {
  if (view.pending) return screen;
  const { step } = view;
  switch (step.kind) {
    case 'list':
      return listKey(screen, view, press);
    case 'delete':
      // Only a deliberate `y` deletes; anything else keeps the save.
      if (isChar(press, 'y', 'Y')) return send({ ...dropMessage(screen), view: { ...view, pending: true } }, { kind: 'delete-save', slot: step.slot });
      return atList(dropMessage(screen), view);
    case 'rename':
      return renameKey(screen, view, step, press);
    default: {
      const _never: never = step;
      return _never;
    }
  }
}

function listKey(screen: Screen, view: SavesView, press: KeyPress): Screen {
  if (press.kind === 'escape') return backFrom(screen, view.back);
  const saves = view.saves;
  if (saves === undefined) return screen;
  const moved = moveCursor(saves.map((s) => ({ id: s.slot, label: s.slot, enabled: true })), view.cursor, press);
  if (moved !== undefined) return { ...screen, view: { ...view, cursor: moved } };
  const slot = saves[view.cursor]?.slot;
  if (slot === undefined) return screen;
  const plain = dropMessage(screen);
  if (press.kind === 'enter') return send({ ...plain, view: { ...view, pending: true } }, { kind: 'load', slot });
  if (isChar(press, 'd')) return { ...plain, view: { ...view, step: { kind: 'delete', slot } } };
  if (isChar(press, 'r')) return { ...plain, view: { ...view, step: { kind: 'rename', slot, field: filledField(slot, MAX_SLOT_NAME) } } };
  return screen;
}

function renameKey(screen: Screen, view: SavesView, step: Extract<SavesStep, { kind: 'rename' }>, press: KeyPress): Screen {
  if (press.kind === 'escape') return atList(dropMessage(screen), view);
  if (press.kind === 'enter') {
    const to = step.field.text.trim();
    if (to === '') return { ...screen, message: 'Type the new name, then press Enter (Esc keeps the old one).' };
    if (to === step.slot) return atList(dropMessage(screen), view);
    return send({ ...dropMessage(screen), view: { ...view, pending: true } }, { kind: 'rename-save', from: step.slot, to });
  }
  const field = editField(step.field, press);
  return field === undefined ? screen : { ...screen, view: { ...view, step: { ...step, field } } };
}

function atList(screen: Screen, view: SavesView): Screen {
  return { ...screen, view: { ...view, step: { kind: 'list' } } };
}

/** The list of saves has been read (or could not be). */
export function savesListed(screen: Screen, saves: readonly SaveListing[] | string): Screen {
  const { view } = screen;
  if (view.name !== 'saves') return screen;
  if (typeof saves === 'string') return backFrom(screen, view.back, saves);
  if (saves.length === 0) {
    // Nothing left to continue or load: the title screen greys both.
    const { continueNote: _gone, ...rest } = screen;
    return backFrom({ ...rest, canContinue: false }, view.back, screen.message ?? 'There are no saved games yet.');
  }
  const newest = saves.find((s) => s.sceneTitle !== '');
  const continueNote = newest === undefined ? screen.continueNote : [newest.sceneTitle, newest.clock].filter((s) => s !== '').join(' · ');
  return {
    ...screen,
    ...(continueNote === undefined ? {} : { continueNote }),
    view: { ...view, saves, cursor: Math.min(view.cursor, saves.length - 1), pending: false, step: { kind: 'list' } },
  };
}

/** A save was deleted or renamed, or could not be: say so, and read the list again. */
export function savesChanged(screen: Screen, ok: boolean, message: string): Screen {
  const { view } = screen;
  if (view.name !== 'saves') return screen;
  if (!ok) return { ...screen, view: { ...view, pending: false }, message };
  // The list shown is out of date: it is read again ("Reading saves…" meanwhile).
  return send({ ...screen, view: { ...view, saves: undefined, pending: false, step: { kind: 'list' } }, message }, { kind: 'list-saves' });
}
