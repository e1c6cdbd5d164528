/**
 * The one error type the save system reports. A `SaveError` is a value the
 * caller shows, never a crash: its message is one line that names the file
 * (or slot), says what is wrong and what the player can do about it.
 */
import { oneLine } from '../engine/control-chars.js';

/** What went wrong, for callers that react differently (e.g. fall back to a backup). */
export type SaveErrorKind =
  | 'missing'
  | 'unreadable'
  | 'too-large'
  | 'not-json'
  | 'too-deep'
  | 'forbidden-key'
  | 'not-a-save'
  | 'too-new'
  | 'too-old'
  | 'invalid'
  | 'other-story'
  | 'unplayable'
  | 'bad-slot'
  | 'write-failed'
  | 'no-saves';

const DAMAGED = "the file is damaged or was edited by hand; load another save (see 'hyosan saves') or start a new game";

/** What the player can do about each kind of problem. */
function adviceFor(kind: SaveErrorKind): string {
  switch (kind) {
    case 'missing':
      return "see 'hyosan saves' for the saves there are";
    case 'unreadable':
      return "check the file's permissions, or load another save";
    case 'too-large':
    case 'not-json':
    case 'too-deep':
    case 'forbidden-key':
    case 'invalid':
      return DAMAGED;
    case 'not-a-save':
      return 'give a file written by hyosan, or a save slot name';
    case 'too-new':
      return 'update hyosan to load it';
    case 'too-old':
      return 'this version of hyosan cannot read it any more; start a new game';
    case 'other-story':
      return 'load it with the story it was made for (--story DIR)';
    case 'unplayable':
      return "the story itself has an error; run 'hyosan check'";
    case 'bad-slot':
      return "use 1-40 letters, digits, spaces, '-' or '_', starting with a letter or digit";
    case 'write-failed':
      return 'check that the save folder is writable and the disk is not full, or choose another with --save-dir';
    case 'no-saves':
      return 'start a new game';
    default: {
      const _never: never = kind;
      return _never;
    }
  }
}

/** Makes text safe to print on one terminal line (see engine/control-chars.ts). */
export { oneLine };

/** A save that cannot be read, loaded or written, with a message a player can act on. */
export class SaveError extends Error {
  override readonly name = 'SaveError';
  /** What the player can do about it. */
  readonly advice: string;

  constructor(
    readonly kind: SaveErrorKind,
    /** The file or slot the problem is in, as the player would recognise it. */
    readonly where: string,
    /** What is wrong, in a few words. */
    readonly problem: string,
    advice?: string,
  ) {
    const todo = advice ?? adviceFor(kind);
    super(oneLine(`${where}: ${problem} — ${todo}.`));
    this.advice = todo;
  }
}

/** A slot name as it appears in messages: quoted, with any odd characters escaped. */
export function slotLabel(slot: string): string {
  return `save slot ${JSON.stringify(slot)}`;
}
