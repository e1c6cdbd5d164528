/**
 * Turns one input event into the key presses it holds, in order.
 *
 * Ink's input parser splits a stdin chunk at escape sequences (`'\u001B[B\r'`
 * arrives as Down, then Enter, in two synchronous events) but hands a run of
 * plain characters over as one event (`'2\r'`, a pasted `'Min\r'`). The
 * screen's reducer (screen.ts) therefore gets a list and applies each press
 * in order. The sequences are read here rather than by Ink's `useInput`,
 * which throws on some it does not know (`ESC[31m`, pasted colour codes):
 * every sequence this game has no use for is dropped, never typed.
 */

import { isPrintable } from '../typed-text.js';

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

/** The presses in one input event (a run of text, or one escape sequence), first to last. */
export function keyPresses(input: string): KeyPress[] {
  if (input.startsWith('\u001B')) {
    const press = escapeSequence(input);
    return press === undefined ? [] : [press];
  }
  const presses: KeyPress[] = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') presses.push({ kind: 'enter' });
    else if (char === '\t') presses.push({ kind: 'tab' });
    else if (char === '\u007f' || char === '\b') presses.push({ kind: 'erase' });
    else if (char === '\u0003') presses.push({ kind: 'interrupt' });
    else if (isPrintable(char)) presses.push({ kind: 'char', char });
  }
  return presses;
}

// CSI or SS3 with optional parameters (modifiers, as in `ESC[1;5A`), then its final byte.
const SEQUENCE = /^\u001B(?:\[|O)([0-9;]*)([A-Za-z~])$/;

/** The key an escape sequence stands for: Esc itself, an arrow, Page Up or Down, Delete; undefined for the rest. */
function escapeSequence(sequence: string): KeyPress | undefined {
  if (sequence === '\u001B' || sequence === '\u001B\u001B') return { kind: 'escape' };
  const match = SEQUENCE.exec(sequence);
  if (match === null) return undefined;
  const [, params = '', final] = match;
  switch (final) {
    case 'A':
      return { kind: 'up' };
    case 'B':
      return { kind: 'down' };
    case 'C':
      return { kind: 'right' };
    case 'D':
      return { kind: 'left' };
    case '~': {
      const key = params.split(';')[0];
      if (key === '5') return { kind: 'pageUp' };
      if (key === '6') return { kind: 'pageDown' };
      return key === '3' ? { kind: 'erase' } : undefined;
    }
    default:
      return undefined;
  }
}

/** The list position a number key picks: `1`–`9` the first nine, `0` the tenth. */
export function numberKeyIndex(press: KeyPress): number | undefined {
  if (press.kind !== 'char' || !/^[0-9]$/.test(press.char)) return undefined;
  return press.char === '0' ? 9 : Number(press.char) - 1;
}

/** True for a typed character that is one of `chars`. */
export function isChar(press: KeyPress, ...chars: string[]): boolean {
  return press.kind === 'char' && chars.includes(press.char);
}
