/**
 * Turns one Ink input event into the key presses it holds, in order.
 *
 * Ink splits a stdin chunk at escape sequences (`'\u001B[B\r'` arrives as
 * Down, then Enter, in two synchronous events) but hands a run of plain
 * characters over as one event (`'2\r'`, a pasted `'Min\r'`). The screen's
 * reducer (screen.ts) therefore gets a list and applies each press in order.
 */

import type { Key } from 'ink';

/** One key press, as the game's components understand it. */
export type KeyPress =
  | { readonly kind: 'up' }
  | { readonly kind: 'down' }
  | { readonly kind: 'left' }
  | { readonly kind: 'right' }
  | { readonly kind: 'pageUp' }
  | { readonly kind: 'pageDown' }
  | { readonly kind: 'tab' }
  | { readonly kind: 'enter' }
  | { readonly kind: 'erase' }
  | { readonly kind: 'escape' }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'char'; readonly char: string };

/** The presses in one `useInput` event, first to last. */
export function keyPresses(input: string, key: Key): KeyPress[] {
  if (key.upArrow) return [{ kind: 'up' }];
  if (key.downArrow) return [{ kind: 'down' }];
  if (key.leftArrow) return [{ kind: 'left' }];
  if (key.rightArrow) return [{ kind: 'right' }];
  if (key.pageUp) return [{ kind: 'pageUp' }];
  if (key.pageDown) return [{ kind: 'pageDown' }];
  if (key.tab) return [{ kind: 'tab' }];
  if (key.return) return [{ kind: 'enter' }];
  if (key.backspace || key.delete) return [{ kind: 'erase' }];
  if (key.escape) return [{ kind: 'escape' }];
  if (key.ctrl && input === 'c') return [{ kind: 'interrupt' }];
  if (key.ctrl || key.meta) return [];
  const presses: KeyPress[] = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') presses.push({ kind: 'enter' });
    else if (char === '\t') presses.push({ kind: 'tab' });
    else if (char === '\u007f' || char === '\b') presses.push({ kind: 'erase' });
    else if (char === '\u0003') presses.push({ kind: 'interrupt' });
    else if (!/[\u0000-\u001f\u007f-\u009f]/.test(char)) presses.push({ kind: 'char', char });
  }
  return presses;
}

/** The list position a number key picks: `1`–`9` the first nine, `0` the tenth. */
export function numberKeyIndex(press: KeyPress): number | undefined {
  if (press.kind !== 'char' || !/^[0-9]$/.test(press.char)) return undefined;
  return press.char === '0' ? 9 : Number(press.char) - 1;
}
