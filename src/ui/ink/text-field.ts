/**
 * A one-line text field as the screen's reducer edits it: the text, where
 * the cursor is (in characters, not UTF-16 units), and how long it may get.
 * What can be typed is already printable (keys.ts keeps out the rest).
 */

import type { KeyPress } from './keys.js';

/** A text field's contents and cursor. */
export interface TextField {
  readonly text: string;
  /** Characters before the cursor: 0 is before the first, `length` after the last. */
  readonly cursor: number;
  /** The most characters it may hold. */
  readonly max: number;
}

/** An empty field for at most `max` characters. */
export function emptyField(max: number): TextField {
  return { text: '', cursor: 0, max };
}

/** A field holding `text`, the cursor after it. */
export function filledField(text: string, max: number): TextField {
  return { text, cursor: [...text].length, max };
}

/** The field after a key that edits it or moves its cursor; undefined for any other key. */
export function editField(field: TextField, press: KeyPress): TextField | undefined {
  const chars = [...field.text];
  switch (press.kind) {
    case 'char':
      if (chars.length >= field.max) return field;
      chars.splice(field.cursor, 0, press.char);
      return { ...field, text: chars.join(''), cursor: field.cursor + 1 };
    case 'erase':
      if (field.cursor === 0) return field;
      chars.splice(field.cursor - 1, 1);
      return { ...field, text: chars.join(''), cursor: field.cursor - 1 };
    case 'left':
      return { ...field, cursor: Math.max(0, field.cursor - 1) };
    case 'right':
      return { ...field, cursor: Math.min(chars.length, field.cursor + 1) };
    case 'up':
    case 'down':
    case 'pageUp':
    case 'pageDown':
    case 'tab':
    case 'enter':
    case 'escape':
    case 'interrupt':
      return undefined;
    default: {
      const _never: never = press;
      return _never;
    }
  }
}

/** The field's text split at the cursor: before it, the character under it (a space at the end), after it. */
export function splitAtCursor(field: TextField): readonly [before: string, at: string, after: string] {
  const chars = [...field.text];
  return [chars.slice(0, field.cursor).join(''), chars[field.cursor] ?? ' ', chars.slice(field.cursor + 1).join('')];
}
