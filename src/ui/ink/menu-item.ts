/** The entries of a menu (the title screen's, the in-game menu's, the settings'), and moving through them. */

import { isChar, numberKeyIndex, type KeyPress } from './keys.js';

/** One entry of a menu. */
export interface MenuItem<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly enabled: boolean;
  /** A short note shown after the label (the save Continue would load). */
  readonly note?: string;
}

/** The cursor after an arrow key (skipping greyed entries, wrapping around), or undefined for other keys. */
export function moveCursor(items: readonly MenuItem[], cursor: number, press: KeyPress): number | undefined {
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
export function pickedItem<Id extends string>(items: readonly MenuItem<Id>[], cursor: number, press: KeyPress): Id | undefined {
  const index = press.kind === 'enter' ? cursor : numberKeyIndex(press);
  const item = index === undefined ? undefined : items[index];
  return item?.enabled === true ? item.id : undefined;
}
