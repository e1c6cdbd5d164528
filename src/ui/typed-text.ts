/**
 * Text a player types (a name, a slot name) kept to what can be shown: no
 * terminal escape sequences, no control or formatting characters, no
 * replacement characters left by bytes that were not UTF-8. Both frontends
 * clean what is typed here, so nothing typed can colour, move or garble the
 * screen when the story shows it back.
 */

// CSI (`ESC [ … final`), OSC (`ESC ] … BEL or ESC \`), SS3 (`ESC O x`) and
// any other two-character escape.
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|O.|[^[\]O])?/g;

// Controls, format characters (bidi overrides, zero-width), surrogates,
// private use, unassigned, and U+FFFD, which stands for bytes that were not
// text. Built when first needed: parsing the Unicode classes takes a few
// milliseconds, which plain mode's start would otherwise pay every time.
let unprintable: RegExp | undefined;

/** Whether one character (a code point) may be typed into a field. */
export function isPrintable(char: string): boolean {
  unprintable ??= new RegExp('[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\uFFFD]', 'u');
  return !unprintable.test(char);
}

/** `raw` with escape sequences and unprintable characters taken out. */
export function printableText(raw: string): string {
  let out = '';
  for (const char of raw.replace(ESCAPE_SEQUENCE, '')) if (isPrintable(char)) out += char;
  return out;
}
