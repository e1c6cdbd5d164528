import type { Clock } from './story-types.js';

const MINUTES_PER_DAY = 24 * 60;

/** The day number at `time` minutes after the story's clock start. */
export function dayAt(clock: Clock, time: number): number {
  return clock.day + Math.floor((clock.minute + time) / MINUTES_PER_DAY);
}

/** The hour (0–23) at `time` minutes after the story's clock start. */
export function hourAt(clock: Clock, time: number): number {
  return Math.floor(((clock.minute + time) % MINUTES_PER_DAY) / 60);
}

/** Minutes after midnight for a valid `HH:MM` (`24:00` gives 1440). */
export function minuteOfTime(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** The minute of the day (0–1439) at `time` minutes after the story's clock start. */
export function minuteOfDayAt(clock: Clock, time: number): number {
  return (((clock.minute + time) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** `08:40` at `time` minutes after the story's clock start. */
export function clockAt(clock: Clock, time: number): string {
  const minuteOfDay = minuteOfDayAt(clock, time);
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `Day 1, 08:40`, as players read the in-game time. */
export function formatClock(clock: Clock, time: number): string {
  return `Day ${dayAt(clock, time)}, ${clockAt(clock, time)}`;
}
