/**
 * Where the fast YAML path (fast-yaml.ts) found each value: the records it
 * packs into one array of numbers beside the data, and how to look a
 * child's position up in them.
 */

/**
 * A file read by the fast path: its data, and where every value in it was
 * written, packed into one array of numbers beside it.
 *
 * Each mapping or list is a *record* in `positions`, written after the
 * records of the collections inside it: for each child in order, its start
 * offset (bitwise-inverted for a `|` block) and the index of its own record
 * (-1 for a scalar); then the number of children. A record's index is that of
 * its count. (One small object and two arrays per collection, as this was
 * before, made most of a large story's memory and so most of its garbage
 * collection time.)
 */
export interface FastYaml {
  readonly data: Record<string, unknown>;
  /** Offset of the root mapping (its first key). */
  readonly rootStart: number;
  /** The records of every mapping and list, as above. */
  readonly positions: Int32Array;
  /** The root mapping's record. */
  readonly root: number;
}

/** A child's position: where it starts, whether it is a `|` block, and its record (-1 for a scalar). */
export interface ChildPosition {
  readonly start: number;
  readonly literal: boolean;
  readonly record: number;
}

/**
 * Where the child `key` of `node` (a mapping or list read by the fast path,
 * whose record is `record`) was written. A mapping's children are in the
 * order of its keys (`Object.keys` keeps the written order, as no key the
 * fast path accepts looks like a number).
 */
export function childPosition(fast: FastYaml, record: number, node: object, key: string | number): ChildPosition | undefined {
  if (record < 0) return undefined;
  const count = fast.positions[record] as number;
  const index = Array.isArray(node) ? (typeof key === 'number' ? key : -1) : keyIndex(node, String(key));
  if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
  const at = record - 2 * (count - index);
  const start = fast.positions[at] as number;
  return { start: start < 0 ? ~start : start, literal: start < 0, record: fast.positions[at + 1] as number };
}

/** `Object.keys(map).indexOf(key)` without the array: positions are looked up for every scene and choice. */
function keyIndex(map: object, key: string): number {
  let index = 0;
  for (const name in map) {
    if (name === key) return index;
    index++;
  }
  return -1;
}
