/**
 * What each number on the status panel means, one line each: the `?` screen
 * and plain mode's `help` show the same lines. A stat's line is the story's
 * own (`about:` in story.yaml); bonds are told in their words; hunger and
 * the powers are the infection model's, told in the numbers the story plays by.
 */

import { POWERS, visibleCondition } from '../engine/index.js';
import type { GameState, Power, Story } from '../engine/index.js';
import { BOND_WORDS } from './bonds.js';
import { powerLabel } from './status.js';

/** One line of help: what it is about, and what it means. */
export interface HelpEntry {
  readonly label: string;
  readonly text: string;
}

/** The meaning of every stat the panel shows, then condition, and hunger and powers once they show. */
export function statHelp(story: Story, state: GameState): HelpEntry[] {
  const entries: HelpEntry[] = [];
  for (const def of Object.values(story.stats)) {
    if (!def.visible) continue;
    entries.push({ label: def.label, text: def.about ?? `From ${def.min} to ${def.max}.` });
  }
  entries.push({
    label: 'Condition',
    text: 'What you can tell of your own health. A bite takes hours to show what it has done, if anything.',
  });
  if (Object.values(story.characters).some((c) => c.bond !== undefined)) {
    const words = BOND_WORDS.map((b) => b.words);
    entries.push({
      label: 'Bonds',
      text: `How each companion beside you feels about you, from "${words[0]}" to "${words[words.length - 1]}". What you do for them, and to them, moves it.`,
    });
  }
  const table = story.infection;
  if (visibleCondition(state, 'player', table).label !== 'changed') return entries;
  const { hungry, starving, max } = table.hunger;
  entries.push({
    label: 'Hunger',
    text: `A halfbie's hunger, 0 to ${max}: low is good. It grows with time and stress; from ${hungry} you are hungry, from ${starving} starving, and at ${max} it takes over.`,
  });
  for (const power of POWERS) entries.push({ label: powerLabel(power, table), text: POWER_HELP[power] });
  return entries;
}

// What each power does for the player, beside its label's numbers.
const POWER_HELP: Readonly<Record<Power, string>> = {
  hearing: 'You hear what others cannot; some choices only you are offered.',
  strength: 'Added to every strength check.',
  healing: 'Your wounds close as time passes.',
};
