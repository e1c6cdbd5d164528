import { isDraft, original } from 'immer';
/**
 * Sorted string arrays: how the game state keeps its flags.
 * An array is cheap to copy on every move (immer copies what a move
 * changes), where an object with dozens of keys can cost a hundred times
 * more once V8 turns it into a dictionary; lookups stay logarithmic.
 *
 * The engine replaces these arrays whole rather than editing them in an
 * immer draft: splicing through a draft's proxy costs a trap per element.
 */

/** The first index whose value is not less than `key`. */
export function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the sorted list holds `key`. */
export function sortedHas(list: readonly string[], key: string): boolean {
  const at = lowerBound(list, key);
  return at < list.length && list[at] === key;
}



/** `list` with `key` inserted in order, or `list` itself if it is there already. */
export function withAdded(list: readonly string[], key: string): readonly string[] {
  const at = lowerBound(list, key);
  if (list[at] === key) return list;
  const next = list.slice();
  next.splice(at, 0, key);
  return next;
}

/** `list` without any copy of `key`, or `list` itself if it has none. */
export function withRemoved(list: readonly string[], key: string): readonly string[] {
  const at = lowerBound(list, key);
  let end = at;
  while (end < list.length && list[end] === key) end++;
  if (end === at) return list;
  const next = list.slice();
  next.splice(at, end - at);
  return next;
}

/**
 * The plain array behind an immer draft (or the array itself), to read
 * without proxy traps. Sound because these arrays are only ever replaced
 * whole, never edited in place, so a draft of one is still its original.
 */
export function plain(list: readonly string[]): readonly string[] {
  return isDraft(list) ? (original(list as string[]) as readonly string[]) : list;
}
