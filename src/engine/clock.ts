import type { Clock } from './types.js';

const MINUTES_PER_DAY = 24 * 60;

/** The day number at `time` minutes after the story's clock start. */
export function dayAt(clock: Clock, time: number): number {
  return clock.day + Math.floor((clock.minute + time) / MINUTES_PER_DAY);
}

/** The hour (0–23) at `time` minutes after the story's clock start. */
export function hourAt(clock: Clock, time: number): number {
  return Math.floor(((clock.minute + time) % MINUTES_PER_DAY) / 60);
}

/** `08:40` at `time` minutes after the story's clock start. */
export function clockAt(clock: Clock, time: number): string {
  const minuteOfDay = (clock.minute + time) % MINUTES_PER_DAY;
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `Day 1, 08:40`, as players read the in-game time. */
export function formatClock(clock: Clock, time: number): string {
  return `Day ${dayAt(clock, time)}, ${clockAt(clock, time)}`;
}
