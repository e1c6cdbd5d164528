/**
 * The summary of a finished run shown under an ending: how long the player
 * lasted, who lived, the infection outcome as the player knows it, and the
 * endings found so far. Pure: plain mode imports this without loading Ink.
 */

import { dayAt, formatClock, visibleCondition } from '../engine/index.js';
import type { GameState, Story } from '../engine/index.js';
import { conditionLabel, infectionOutcome, plural } from './labels.js';

/** What a run came to, in lines ready to show. */
export interface RunSummary {
  /** `3 days (until Day 3, 14:20)`. */
  readonly time: string;
  /** The party at the end, each with their visible condition. */
  readonly lived: readonly string[];
  /** Companions the player saw turn. */
  readonly lost: readonly string[];
  /** The player's infection outcome, as they know it. */
  readonly infection: string;
  /** `2 of 5`, and the titles found (never the titles not found yet). */
  readonly endings: { readonly found: number; readonly total: number; readonly titles: readonly string[] };
}

/** Every ending in the story, by scene id, in the story's order. */
export function endingsOf(story: Story): ReadonlyMap<string, string> {
  const endings = new Map<string, string>();
  for (const scene of story.scenes.values()) if (scene.ending !== undefined) endings.set(scene.id, scene.ending.title);
  return endings;
}

/** The summary of the run that ended in `state`; `found` holds the ids of ending scenes found so far. */
export function runSummary(story: Story, state: GameState, found: readonly string[]): RunSummary {
  const days = dayAt(story.clock, state.time) - story.clock.day + 1;
  const lived = state.party.map((who) => `${nameOf(story, who)} (${conditionLabel(visibleCondition(state, who, story.infection))})`);
  const lost = Object.keys(story.characters)
    .filter((who) => !state.party.includes(who) && visibleCondition(state, who, story.infection).label === 'turned')
    .map((who) => nameOf(story, who));
  const all = endingsOf(story);
  const titles = [...all].filter(([id]) => found.includes(id)).map(([, title]) => title);
  return {
    time: `${plural(days, 'day')} (until ${formatClock(story.clock, state.time)})`,
    lived,
    lost,
    infection: infectionOutcome(visibleCondition(state, 'player', story.infection)),
    endings: { found: titles.length, total: all.size, titles },
  };
}

/** The summary as labelled lines of text, shared by the ending screen, plain mode and the transcript. */
export function runSummaryLines(summary: RunSummary): { readonly label: string; readonly text: string }[] {
  const { endings } = summary;
  return [
    { label: 'Survived', text: summary.time },
    { label: 'With you', text: summary.lived.length === 0 ? 'nobody' : summary.lived.join(', ') },
    ...(summary.lost.length === 0 ? [] : [{ label: 'Lost', text: summary.lost.join(', ') }]),
    { label: 'Infection', text: summary.infection },
    {
      label: 'Endings',
      text: `${endings.found} of ${endings.total} found${endings.titles.length === 0 ? '' : `: ${endings.titles.join(', ')}`}`,
    },
  ];
}

function nameOf(story: Story, who: string): string {
  return story.characters[who]?.name ?? who;
}
