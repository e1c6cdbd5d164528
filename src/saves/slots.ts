/**
 * Save slots: the names a player gives saves, and the files they map to.
 * A slot name never becomes a path by itself: it is checked first, so
 * `../../etc/passwd` or an absolute path can never leave the save folder.
 */
import { join } from 'node:path';
import envPaths from 'env-paths';
import { ONE_PRINTABLE_LINE } from '../engine/control-chars.js';
import type { Story } from '../engine/index.js';
import { isWindowsDeviceName } from '../story/names.js';
import { SaveError, slotLabel } from './errors.js';

/** What a slot name may look like. */
export const SLOT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/;
/** The ending of a slot's file; its backup ends in `.bak.json`. */
export const SAVE_EXTENSION = '.json';
export const BACKUP_EXTENSION = '.bak.json';


/** The folder saves go to by default: the user's data directory for hyosan. */
export function defaultSaveDir(): string {
  return envPaths('hyosan', { suffix: '' }).data;
}

/** The save folder: `--save-dir`, else `HYOSAN_SAVE_DIR`, else the default. */
export function chooseSaveDir(flag?: string, envValue?: string): string {
  if (flag !== undefined && flag !== '') return flag;
  if (envValue !== undefined && envValue !== '') return envValue;
  return defaultSaveDir();
}

/** Why `name` cannot be a slot name, or undefined when it can. */
export function checkSlotName(name: string): SaveError | undefined {
  const bad = (problem: string) => new SaveError('bad-slot', slotLabel(name), problem);
  if (name === '') return bad('is empty');
  if (!ONE_PRINTABLE_LINE.test(name)) return bad('contains control characters');
  if (name.includes('/') || name.includes('\\')) return bad('contains a path separator; slots are names, not paths');
  if (name.includes('..')) return bad("contains '..'; slots are names, not paths");
  if (name.length > 40) return bad('is longer than 40 characters');
  if (!SLOT_NAME.test(name)) return bad('has characters a slot name cannot have');
  if (name.endsWith(' ')) return bad('ends in a space');
  if (isWindowsDeviceName(name)) return bad('is a name Windows reserves for a device');
  return undefined;
}

/** The file of a (checked) slot in `dir`. */
export function slotFile(dir: string, slot: string): string {
  return join(dir, `${slot}${SAVE_EXTENSION}`);
}

/** The file keeping the previous version of a (checked) slot in `dir`. */
export function backupFile(dir: string, slot: string): string {
  return join(dir, `${slot}${BACKUP_EXTENSION}`);
}

/** The backup beside any save file: `x.json` → `x.bak.json`; undefined for other names. */
export function backupOf(file: string): string | undefined {
  if (file.endsWith(BACKUP_EXTENSION) || !file.endsWith(SAVE_EXTENSION)) return undefined;
  return `${file.slice(0, -SAVE_EXTENSION.length)}${BACKUP_EXTENSION}`;
}

/** The slot a file name in the save folder belongs to, and whether it is the backup. */
export function slotOfFileName(fileName: string): { slot: string; backup: boolean } | undefined {
  const backup = fileName.endsWith(BACKUP_EXTENSION);
  if (!backup && !fileName.endsWith(SAVE_EXTENSION)) return undefined;
  const slot = fileName.slice(0, -(backup ? BACKUP_EXTENSION : SAVE_EXTENSION).length);
  return checkSlotName(slot) === undefined ? { slot, backup } : undefined;
}

/**
 * The slot a story's autosave goes to: one per story, so playtesting another
 * story (`--story`) never overwrites the game a player is in the middle of.
 */
export function autosaveSlot(story: Pick<Story, 'id'>): string {
  const id = story.id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return `autosave-${id === '' ? 'story' : id}`.slice(0, 40);
}
