/**
 * A companion's bond with the player in words, never as a number: the one
 * table of words by band, used by the status panel, plain mode's `status`
 * and the changes line. Pure: plain mode imports this without loading Ink.
 */

/** The bands of a bond (0–10), each from its lowest value, in order. */
export const BOND_WORDS: readonly { readonly from: number; readonly words: string }[] = [
  { from: 0, words: 'wary of you' },
  { from: 2, words: 'uneasy with you' },
  { from: 4, words: 'friendly' },
  { from: 7, words: 'trusts you' },
  { from: 9, words: 'would follow you anywhere' },
];

/** A bond in words: `trusts you`. */
export function bondWords(bond: number): string {
  let words = BOND_WORDS[0]!.words;
  for (const band of BOND_WORDS) if (bond >= band.from) words = band.words;
  return words;
}

/** A bond that changed, as the changes line tells it: `On-jo trusts you more`. */
export function bondChange(name: string, delta: number): string {
  return `${name} trusts you ${delta > 0 ? 'more' : 'less'}`;
}
