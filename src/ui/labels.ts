/**
 * Words shown the same way by the Ink screen and by plain mode, so the two
 * never drift apart. Pure: plain mode imports this without loading Ink.
 */

import type { ChoiceView, Ending, Fate, Symptom, VisibleCondition } from '../engine/index.js';

/** A disabled choice's label: marked in words, not only dimmed (NO_COLOR, screen readers), with its hint. */
export function unavailableLabel(choice: ChoiceView): string {
  return `(unavailable) ${choice.text}${choice.hint === undefined ? '' : ` — ${choice.hint}`}`;
}

/** `*** THE END: Safe for Now ***`. */
export function endingBanner(ending: Ending | undefined): string {
  return ending === undefined ? '*** THE END ***' : `*** THE END: ${ending.title} ***`;
}

/** A symptom in the player's words: `ringing-ears` → `ringing ears`. */
export function symptomLabel(symptom: Symptom): string {
  return symptom.replace(/-/g, ' ');
}

/** A character's condition as the player sees it, in a few words: `unwell (fever, chills)`. */
export function conditionLabel(condition: VisibleCondition): string {
  const signs = condition.symptoms.map(symptomLabel).join(', ');
  switch (condition.label) {
    case 'well':
    case 'turned':
      return condition.label;
    case 'bitten':
      return 'bitten, no symptoms';
    case 'unwell':
      return `unwell (${signs})`;
    case 'changed':
      return signs === '' ? 'changed' : `changed (${signs})`;
    default: {
      const _never: never = condition.label;
      return _never;
    }
  }
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
