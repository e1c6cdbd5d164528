/**
 * Durations as authors write them for `time:` — `10m`, `2h`, `1h30m`, `1d`,
 * or a bare number of minutes.
 */

/** What a duration string looks like (a bare number of minutes included). */
export const DURATION = /^(?:\d+|(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?)$/;

const PARTS = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Minutes in a duration, or undefined when it is not one. */
export function parseDuration(src: string | number): number | undefined {
  if (typeof src === 'number') return Number.isSafeInteger(src) && src >= 0 ? src : undefined;
  if (!DURATION.test(src)) return undefined;
  if (/^\d+$/.test(src)) return Number(src);
  const m = PARTS.exec(src);
  if (m === null) return undefined;
  const [, d = '0', h = '0', min = '0'] = m;
  const minutes = Number(d) * 24 * 60 + Number(h) * 60 + Number(min);
  return Number.isSafeInteger(minutes) ? minutes : undefined;
}

/** Minutes in a duration that must be above 0 (a drift's `every`), or the problem with it. */
export function positiveMinutes(src: string | number): number | string {
  const minutes = parseDuration(src);
  if (minutes !== undefined && minutes > 0) return minutes;
  return `'${String(src)}' is not a length of time above 0: write 30m, 1h, 8h or a number of minutes`;
}
