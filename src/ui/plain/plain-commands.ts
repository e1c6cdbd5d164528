/** What a line typed at plain mode's `> ` prompt asks for: a choice's number, or one of a few words. */

import { rollNamed, type ChoiceView, type Roll } from '../../engine/index.js';
import { unavailableMessage } from '../labels.js';

/** What a line typed at the `> ` prompt asks for. */
export type PlainCommand =
  | { readonly kind: 'choose'; readonly choice: ChoiceView; readonly index: number }
  | { readonly kind: 'quit' }
  | { readonly kind: 'help' }
  | { readonly kind: 'look' }
  | { readonly kind: 'status' }
  | { readonly kind: 'saves' }
  /** `save` alone saves to the quick slot. */
  | { readonly kind: 'save'; readonly slot?: string }
  | { readonly kind: 'load'; readonly slot: string }
  /** Asks first, then deletes the save. */
  | { readonly kind: 'delete'; readonly slot: string }
  /** Leaves this game (it is saved) for a new one. */
  | { readonly kind: 'new' }
  | { readonly kind: 'undo'; readonly count: number }
  /** `changes on|off`: the line saying what changed after each choice; `changes` alone flips it. */
  | { readonly kind: 'changes'; readonly show?: boolean }
  /** Decide the outcomes of the next `chance`/`check` rolls (for authors trying a scene). */
  | { readonly kind: 'force'; readonly rolls: readonly Roll[] }
  | { readonly kind: 'invalid'; readonly message: string };

/** The help plain mode prints (the stats' meanings follow it). */
export const HELP = `Type the number of a choice and press Enter, or one of these:
  save [SLOT]   save the game (to SLOT, or to 'quicksave')
  load SLOT     load a saved game (a slot name or a save file)
  saves         list the saved games
  delete SLOT   delete a saved game (you are asked first)
  undo [N]      take back the last choice (or the last N)
  force pass|fail  decide the next random roll or skill check (for authors)
  new           start a new game (this one stays saved)
  status        show your health, condition, party and items
  look          show the scene again
  changes       turn the line saying what changed after each choice
                off or on ('changes off', 'changes on'); kept for later games
  help          show this help
  quit          save and leave (every choice is saved as you go)
`;

/** What can be done once the story has ended. */
export const AT_AN_ENDING = "Type 'new' for a new game, 'undo' to go back a choice, 'load SLOT' to load a save, or 'quit'.";

/** Interprets one line typed at the prompt against the numbered choices (none once the story has ended). */
export function interpret(line: string, choices: readonly ChoiceView[], ended = false): PlainCommand {
  const trimmed = line.trim();
  const text = trimmed.toLowerCase();
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const argument = rest.join(' ');
  switch (word.toLowerCase()) {
    case 'quit':
    case 'q':
    case 'exit':
      return { kind: 'quit' };
    case 'help':
    case '?':
    case 'h':
      return { kind: 'help' };
    case 'look':
    case 'l':
      return { kind: 'look' };
    case 'status':
    case 'st':
      return { kind: 'status' };
    case 'saves':
      return { kind: 'saves' };
    case 'save':
      return argument === '' ? { kind: 'save' } : { kind: 'save', slot: argument };
    case 'load':
    case 'restore':
      return argument === ''
        ? { kind: 'invalid', message: "Say which save to load: load SLOT (type 'saves' to list them)." }
        : { kind: 'load', slot: argument };
    case 'changes': {
      const value = argument.toLowerCase();
      if (value === '') return { kind: 'changes' };
      if (value === 'on' || value === 'off') return { kind: 'changes', show: value === 'on' };
      return { kind: 'invalid', message: 'Type changes on, or changes off.' };
    }
    case 'delete':
      return argument === ''
        ? { kind: 'invalid', message: "Say which save to delete: delete SLOT (type 'saves' to list them)." }
        : { kind: 'delete', slot: argument };
    case 'new':
    case 'restart':
      return { kind: 'new' };
    case 'undo':
    case 'u': {
      if (argument === '') return { kind: 'undo', count: 1 };
      const count = /^\d{1,4}$/.test(argument) ? Number(argument) : 0;
      return count > 0 ? { kind: 'undo', count } : { kind: 'invalid', message: 'Type undo, or undo and a number of choices.' };
    }
    case 'force': {
      const rolls = argument.split(/[\s,]+/).filter((w) => w !== '').map(rollNamed);
      return rolls.length > 0 && rolls.every((r) => r !== undefined)
        ? { kind: 'force', rolls }
        : { kind: 'invalid', message: 'Type force pass or force fail (several: force pass,fail).' };
    }
    default:
      break;
  }
  if (ended) return { kind: 'invalid', message: `The story has ended here. ${AT_AN_ENDING}` };
  const range = `a number from 1 to ${choices.length}`;
  if (text === '') return { kind: 'invalid', message: `Type ${range}, or 'help'.` };
  if (!/^\d+$/.test(text)) {
    return { kind: 'invalid', message: `'${shorten(trimmed)}' is not a choice. Type ${range}, or 'help'.` };
  }
  const index = Number(text) - 1;
  const choice = choices[index];
  if (choice === undefined) {
    return { kind: 'invalid', message: `There is no choice ${shorten(text)}. Type ${range}.` };
  }
  if (!choice.enabled) return { kind: 'invalid', message: unavailableMessage(choice) };
  return { kind: 'choose', choice, index };
}

function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
