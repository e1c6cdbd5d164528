/**
 * Words shown the same way by the Ink screen and by plain mode, so the two
 * never drift apart. Pure: plain mode imports this without loading Ink.
 */

import type { ChoiceView, Ending } from '../engine/index.js';

/** A disabled choice's label: marked in words, not only dimmed (NO_COLOR, screen readers), with its hint. */
export function unavailableLabel(choice: ChoiceView): string {
  return `(unavailable) ${choice.text}${choice.hint === undefined ? '' : ` — ${choice.hint}`}`;
}

/** `*** THE END: Safe for Now ***`. */
export function endingBanner(ending: Ending | undefined): string {
  return ending === undefined ? '*** THE END ***' : `*** THE END: ${ending.title} ***`;
}
