/**
 * Keeping a save aside instead of overwriting it: a damaged save about to
 * be replaced, or the game in progress when another game takes over its
 * autosave slot, is renamed to a slot of its own (`…-damaged-<date>`,
 * `…-kept-<date>`) that `hyosan saves` and the Load list show. Nothing is
 * ever deleted to make room.
 */
import { existsSync } from 'node:fs';
import { lstat, rename } from 'node:fs/promises';
import { SaveError, slotLabel } from './errors.js';
import { asideSlot, backupFile, slotFile } from './slots.js';

/** Why a save is kept aside: its game was replaced by another, or it is damaged. */
export type AsideReason = 'kept' | 'damaged';

/**
 * Renames `slot`'s main file in `dir` (and with `withBackup`, its backup) to
 * a new slot; resolves to that slot, or undefined when the main file is not
 * there (or is not a regular file: a link is never moved, only refused).
 */
export async function moveAside(
  dir: string,
  slot: string,
  reason: AsideReason,
  when: Date,
  { withBackup }: { readonly withBackup: boolean },
): Promise<string | undefined | SaveError> {
  const main = slotFile(dir, slot);
  const info = await lstat(main).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  const taken = (name: string) => existsSync(slotFile(dir, name)) || existsSync(backupFile(dir, name));
  const aside = asideSlot(slot, reason, when, taken);
  try {
    await rename(main, slotFile(dir, aside));
    if (withBackup && (await lstat(backupFile(dir, slot)).catch(() => undefined))?.isFile() === true) {
      await rename(backupFile(dir, slot), backupFile(dir, aside));
    }
    return aside;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return new SaveError(
      'write-failed',
      slotLabel(slot),
      `could not be kept aside as "${aside}" (${code}), so it was not replaced`,
    );
  }
}
