/**
 * Bonds: how much each bonded companion trusts the player, 0 to 10. The
 * story declares who has one (`bond:` under `characters:`), changes them
 * with the `bond` effect and reads them with `bond("id")`.
 */
import type { Draft } from 'immer';
import { own } from './records.js';
import type { GameState } from './state-types.js';
import type { Story } from './story-types.js';

/** The lowest a bond can be. */
export const BOND_MIN = 0;
/** The highest a bond can be. */
export const BOND_MAX = 10;

/** The bonds a new game starts with, by character id (sorted); undefined when no character has one. */
export function startingBonds(story: Story): Record<string, number> | undefined {
  let bonds: Record<string, number> | undefined;
  for (const id of Object.keys(story.characters).sort()) {
    const start = story.characters[id]!.bond;
    if (start !== undefined) (bonds ??= {})[id] = start;
  }
  return bonds;
}

/** A character's bond now (0 for a character without one). */
export function bondOf(state: GameState, who: string): number {
  return (state.bonds === undefined ? undefined : own(state.bonds, who)) ?? 0;
}

/** Changes bonds by the amounts given, each kept within 0–10; characters without a bond are left alone. */
export function changeBonds(draft: Draft<GameState>, changes: Readonly<Record<string, number>>): void {
  const bonds = draft.bonds;
  if (bonds === undefined) return;
  for (const who in changes) {
    const now = own(bonds, who);
    if (now === undefined) continue;
    const next = Math.min(BOND_MAX, Math.max(BOND_MIN, now + changes[who]!));
    if (next !== now) bonds[who] = next;
  }
}
