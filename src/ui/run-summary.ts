/**
 * The summary of a run shown under an ending: how long the player lasted
 * (by the clock since the story's start), who is with them at the ending,
 * what became of the others, the infection outcome as the player knows it,
 * and the endings found so far. Pure: plain mode imports this without
 * loading Ink.
 */

import { fateOf, formatClock, visibleCondition } from '../engine/index.js';
import type { GameState, Story } from '../engine/index.js';
import { FATE_LABELS, infectionOutcome, plural, withCondition } from './labels.js';

/** What a run came to, in lines ready to show. */
export interface RunSummary {
  /** `2 days, 5 hours (until Day 3, 14:20)`. */
  readonly time: string;
  /** The party at the ending, each with their visible condition. */
  readonly lived: readonly string[];
  /** What became of companions not with the player: the fate the story recorded, or that they turned. */
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
  const lived = state.party.map((who) => withCondition(nameOf(story, who), visibleCondition(state, who, story.infection)));
  const lost: string[] = [];
  for (const who of Object.keys(story.characters)) {
    if (state.party.includes(who)) continue;
    const fate = fateOf(state, who);
    if (fate !== '') lost.push(`${nameOf(story, who)} — ${FATE_LABELS[fate]}`);
    else if (visibleCondition(state, who, story.infection).label === 'turned') lost.push(`${nameOf(story, who)} — turned`);
  }
  const all = endingsOf(story);
  const titles = [...all].filter(([id]) => found.includes(id)).map(([, title]) => title);
  return {
    time: `${lasted(state.time)} (until ${formatClock(story.clock, state.time)})`,
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
    ...(summary.lost.length === 0 ? [] : [{ label: 'Fates', text: summary.lost.join(', ') }]),
    { label: 'Infection', text: summary.infection },
    {
      label: 'Endings',
      text: `${endings.found} of ${endings.total} found${endings.titles.length === 0 ? '' : `: ${endings.titles.join(', ')}`}`,
    },
  ];
}

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * How long `minutes` of game time is, in the largest units that say it
 * truly: `less than a minute`, `45 minutes`, `3 hours, 20 minutes`, `2 days, 5 hours`, and past
 * two months (time skipped off-screen) `about 8 months (243 days)`.
 */
export function lasted(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m === 0) return 'less than a minute';
  if (m < HOUR) return plural(m, 'minute');
  if (m < DAY) {
    const rest = m % HOUR;
    return rest === 0 ? plural(Math.floor(m / HOUR), 'hour') : `${plural(Math.floor(m / HOUR), 'hour')}, ${plural(rest, 'minute')}`;
  }
  const days = Math.floor(m / DAY);
  if (days >= 60) return `about ${plural(Math.round(days / 30.44), 'month')} (${days} days)`;
  const hours = Math.floor((m % DAY) / HOUR);
  return hours === 0 ? plural(days, 'day') : `${plural(days, 'day')}, ${plural(hours, 'hour')}`;
}

function nameOf(story: Story, who: string): string {
  return story.characters[who]?.name ?? who;
}
