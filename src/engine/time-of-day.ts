/**
 * The time of day a scene's text assumes (`time_of_day:`), and whether the
 * clock agrees with it. A scene names a part of the day from the one table
 * below, or writes its own window, `"HH:MM-HH:MM"`, which may cross
 * midnight (`"22:00-03:00"`). The moment that counts is when the scene's
 * text is shown: after its `on_enter` effects.
 */
import { minuteOfDayAt, minuteOfTime } from './clock.js';
import { sceneOf } from './views.js';
import type { GameState } from './state-types.js';
import type { Scene, Story, TimeOfDay } from './story-types.js';

const MINUTES_PER_DAY = 24 * 60;

/**
 * The named parts of the day, start inclusive, end exclusive; they overlap
 * on purpose (a text that says "morning" is right at 06:00 and at 11:30).
 * docs/AUTHORING.md repeats this table; `tests/time-of-day.test.ts` holds
 * them equal.
 */
export const PARTS_OF_DAY = {
  'small-hours': '00:00-05:30',
  dawn: '04:30-07:30',
  morning: '06:00-12:00',
  midday: '11:00-14:30',
  afternoon: '12:00-18:30',
  dusk: '17:00-20:30',
  evening: '17:30-24:00',
  night: '19:30-06:00',
  day: '06:00-19:30',
} as const;

/** A named part of the day. */
export type PartOfDay = keyof typeof PARTS_OF_DAY;

/** The names of the parts of the day, in the table's order. */
export const PART_NAMES = Object.keys(PARTS_OF_DAY) as readonly PartOfDay[];

/** `HH:MM-HH:MM` (or `H:MM`); the end may be `24:00`. */
export const TIME_WINDOW = /^(?:[01]?\d|2[0-3]):[0-5]\d-(?:(?:[01]?\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * The window an author's `time_of_day` value means, or a message saying
 * what is wrong with it.
 */
export function parseTimeOfDay(src: string): TimeOfDay | string {
  const window: string = Object.hasOwn(PARTS_OF_DAY, src) ? PARTS_OF_DAY[src as PartOfDay] : src;
  if (!TIME_WINDOW.test(window)) {
    return `'${src}' is not a time of day: name a part of the day (${PART_NAMES.join(', ')}) or write a window "HH:MM-HH:MM"`;
  }
  const [from = '', to = ''] = window.split('-');
  const start = minuteOfTime(from);
  const end = minuteOfTime(to) % MINUTES_PER_DAY;
  if (start === end) {
    return `'${src}' is an empty window: its start and end are the same time (leave time_of_day out for any time)`;
  }
  return { src, from: start, to: end };
}

/** Whether a minute of the day (0–1439) falls inside a window. */
export function inTimeOfDay(window: TimeOfDay, minute: number): boolean {
  return window.from < window.to
    ? minute >= window.from && minute < window.to
    : minute >= window.from || minute < window.to;
}

/**
 * Whether the state's clock agrees with the `time_of_day` of `scene` (by
 * default the scene the state is in): always true for a scene that states
 * none, and for one come back to with `@back`, whose text is not shown
 * (`time_of_day` is the time the text assumes).
 */
export function clockAgrees(story: Story, state: GameState, scene: Scene = sceneOf(story, state)): boolean {
  const window = scene.timeOfDay;
  if (window === undefined || (state.resumed === true && scene.id === state.scene)) return true;
  return inTimeOfDay(window, minuteOfDayAt(story.clock, state.time));
}
