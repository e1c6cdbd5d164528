/**
 * Words shown the same way by the Ink screen and by plain mode, so the two
 * never drift apart. Pure: plain mode imports this without loading Ink.
 */

import type { ChoiceView, Ending, Fate, Symptom, TestedStat, VisibleCondition } from '../engine/index.js';

/**
 * A choice as listed: its text, then the stat its check tests once the
 * player has met a check on it (`Knock on the door (Speed check)`), unless
 * the text already names the stat in brackets (`Run for it (speed)`).
 * A disabled choice is marked in words, not only dimmed (NO_COLOR, screen
 * readers), with its hint.
 */
export function choiceLabel(choice: ChoiceView): string {
  const check = choice.check;
  const text = check === undefined || namesStat(choice.text, check) ? choice.text : `${choice.text} (${check.label} check)`;
  return choice.enabled ? text : `(unavailable) ${text}${choice.hint === undefined ? '' : ` — ${choice.hint}`}`;
}

/** Whether a bracketed part of `text` names the stat, by its label or its id, as a whole word, in any case. */
function namesStat(text: string, check: TestedStat): boolean {
  const names = [check.label, check.stat].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const word = new RegExp(`(?:^|[^\\p{L}\\p{N}_])(?:${names.join('|')})(?:$|[^\\p{L}\\p{N}_])`, 'iu');
  for (const bracket of text.matchAll(/\(([^()]*)\)/g)) if (word.test(bracket[1]!)) return true;
  return false;
}

/** Why a disabled choice cannot be picked, said when the player tries: `You can't choose that: Your arm hurts.` */
export function unavailableMessage(choice: ChoiceView): string {
  return `You can't choose that: ${choice.hint ?? 'not possible right now'}`;
}

/** The one line printed after the game is left and saved: `Saved — hyosan --continue to resume`. */
export function savedLine(resume: string): string {
  return `Saved — ${resume} to resume`;
}

/** `*** THE END: Safe for Now ***`. */
export function endingBanner(ending: Ending | undefined): string {
  return ending === undefined ? '*** THE END ***' : `*** THE END: ${ending.title} ***`;
}

/** A symptom in the player's words: `ringing-ears` → `ringing ears`. */
export function symptomLabel(symptom: Symptom): string {
  return symptom.replace(/-/g, ' ');
}

/** A condition in a few words, without its signs: `well`, `bitten, no symptoms yet`, `well (bite healed)`. */
export function conditionWord(label: VisibleCondition['label']): string {
  switch (label) {
    case 'well':
    case 'unwell':
    case 'changed':
    case 'turned':
      return label;
    case 'bitten':
      return 'bitten, no symptoms yet';
    case 'recovered':
      // Long enough ago that whatever a bite does would have shown.
      return 'well (bite healed)';
    default: {
      const _never: never = label;
      return _never;
    }
  }
}

/** A character's condition as the player sees it, in a few words: `unwell (fever, chills)`. */
export function conditionLabel(condition: VisibleCondition): string {
  const signs = condition.symptoms.map(symptomLabel).join(', ');
  const word = conditionWord(condition.label);
  return signs === '' || (condition.label !== 'unwell' && condition.label !== 'changed') ? word : `${word} (${signs})`;
}

/**
 * A companion's condition after their name, with its brackets, rendered
 * once: `Nam-ra (unwell: sharp hearing, pale skin)`, `Woo-jin (well)`.
 */
export function withCondition(name: string, condition: VisibleCondition): string {
  const label = conditionLabel(condition);
  const open = label.indexOf(' (');
  // `unwell (fever)` inside brackets would read `(unwell (fever))`: the signs follow a colon instead.
  const inner = open < 0 ? label : `${label.slice(0, open)}: ${label.slice(open + 2, -1)}`;
  return `${name} (${inner})`;
}

/** What became of a companion, in the player's words. */
export const FATE_LABELS: Readonly<Record<Fate, string>> = {
  killed: 'killed',
  'killed-by-you': 'killed by you',
  lost: 'lost',
  dead: 'dead',
  left: 'left behind',
};

/** The player's infection outcome at the end of a run, as the player knows it. */
export function infectionOutcome(condition: VisibleCondition): string {
  const signs = condition.symptoms.map(symptomLabel).join(', ');
  switch (condition.label) {
    case 'well':
      return 'Never bitten, as far as you know.';
    case 'bitten':
      return 'Bitten, with no sign of the virus yet.';
    case 'recovered':
      return 'Bitten, and it never took hold.';
    case 'unwell':
      return `Bitten, and unwell: ${signs}.`;
    case 'changed':
      return "Changed: still yourself, with a zombie's senses and its hunger.";
    case 'turned':
      return 'Turned.';
    default: {
      const _never: never = condition.label;
      return _never;
    }
  }
}

/** `3 days`, `1 day`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** How much more text fits in a field of at most `max` characters. */
export function charactersLeft(text: string, max: number): string {
  return `${plural(max - [...text].length, 'character')} left`;
}
