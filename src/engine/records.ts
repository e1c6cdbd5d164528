/**
 * Records keyed by names a story chooses (items, stats, scenes visited): a
 * name such as `toString` or `valueOf` must read as absent until the story
 * sets it, never as the member every object inherits.
 */

/** Reads an own property only; `undefined` for anything inherited. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
