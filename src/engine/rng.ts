/**
 * A small seeded PRNG (mulberry32) whose whole state is one uint32, so it
 * lives in the game state and survives JSON. Same seed, same numbers.
 */

/** Normalises any number into a valid uint32 seed. */
export function seedOf(seed: number): number {
  return (Math.trunc(seed) >>> 0);
}

/** Advances the generator: returns a float in [0, 1) and the next state. */
export function nextFloat(state: number): readonly [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/**
 * A float in [0, 1) that depends only on the seed and a key: used for
 * per-character traits, so adding a character to a story never changes the
 * traits of the others (saves replay the same after such an edit).
 */
export function hashUnit(seed: number, key: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
  }
  return nextFloat(h)[0];
}

/** Draws the next float in [0, 1) from a mutable holder of PRNG state (an immer draft). */
export function draw(holder: { rng: number }): number {
  const [value, next] = nextFloat(holder.rng);
  holder.rng = next;
  return value;
}
