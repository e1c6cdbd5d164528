/**
 * What a name may look like, for each kind of name an author writes. One
 * place, so the schema (and so the editor), the loader and messages agree.
 */

/** Scene ids: `s1.science-lab`. (No regex flags: JSON Schema patterns cannot carry them.) */
export const SCENE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Flags, stats, items and string variables: `saw_teacher`, `s1.met_onjo`. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Character ids: `onjo`, `su-hyeok`. */
export const CHARACTER_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Explicit choice ids (derived ids always fit). */
export const CHOICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The longest id or name (scene, choice, story, flag...) and story version: saves refuse longer ones. */
export const MAX_NAME_LENGTH = 100;

// Names Windows reserves for devices, whatever the extension: a file or
// folder called `con` (or `con.yaml`) cannot be made there, or worse, writes to the console.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** True for a name Windows keeps for a device (`CON`, `nul`, `COM1`), which no file may have. */
export function isWindowsDeviceName(name: string): boolean {
  return WINDOWS_DEVICES.test(name);
}

/** The pseudo-scene a `goto` names to go back to where an interruption came from. */
export const RETURN = '@return';
/** The pseudo-scene a `goto` names to come back from a sub-scene that a choice `call`ed. */
export const BACK = '@back';
/** The `who` that means the player, where an effect allows it. */
export const PLAYER = 'player';

// Keys that would reach Object.prototype if ever used to index a plain object.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** True for names JavaScript reserves on every object (`__proto__`, ...). */
export function isReserved(name: string): boolean {
  return RESERVED.has(name);
}

/** The message for a reserved name used as a key, an id or a name. */
export function reservedMessage(name: string): string {
  return `'${name}' cannot be used as a name: JavaScript reserves it on every object; choose another`;
}

/**
 * A choice id derived from its text, as AUTHORING.md specifies: lower-cased,
 * runs of other characters than a-z0-9 become one `-`, trimmed of `-`, cut to 40.
 */
export function deriveChoiceId(text: string): string {
  // The runs of a-z0-9 in the lower-cased text, joined by `-`: the same as
  // replacing every other run with `-` and trimming them, without a copy of
  // the text per step (a large story derives tens of thousands of ids).
  const lower = text.toLowerCase();
  let id = '';
  let i = 0;
  while (i < lower.length && id.length < 40) {
    while (i < lower.length && !isIdChar(lower.charCodeAt(i))) i++;
    const start = i;
    while (i < lower.length && isIdChar(lower.charCodeAt(i))) i++;
    if (i > start) id += `${id === '' ? '' : '-'}${lower.slice(start, i)}`;
  }
  return id.slice(0, 40);
}

/** a-z and 0-9. */
function isIdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}
