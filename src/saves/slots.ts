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

/** What a slot name a player gives may look like. */
export const SLOT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/;
const SLOT_CHARS = /^[A-Za-z0-9][A-Za-z0-9 _-]*$/;
/** The longest name of a slot hyosan names itself. */
const MAX_OWN_SLOT_NAME = 64;
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
  // The slots hyosan names itself (`autosave-…-kept-<date>`) may be longer than a player's.
  const longest = isAutosaveSlot(name) ? MAX_OWN_SLOT_NAME : 40;
  if (name.length > longest) return bad(`is longer than ${longest} characters`);
  if (!SLOT_CHARS.test(name)) return bad('has characters a slot name cannot have');
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

/** What every slot hyosan names itself starts with; a player's own slot names may not. */
export const AUTOSAVE_PREFIX = 'autosave-';
/** The most games of one story autosaving at once in one save folder (see autosaver.ts). */
export const MAX_PARALLEL_GAMES = 9;
// Room for `-9` after the longest autosave slot.
const MAX_AUTOSAVE_SLOT = 38;

/**
 * The slot a story's autosave goes to: one per story, so playtesting another
 * story (`--story`) never overwrites the game a player is in the middle of.
 * A story played from a folder (`folder`: the folder's real path) adds a key
 * of that path, so a folder whose story.yaml claims the shipped story's id
 * (or another folder's) cannot overwrite that story's autosave.
 */
export function autosaveSlot(story: Pick<Story, 'id'>, folder?: string): string {
  const id = story.id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const key = folder === undefined ? '' : `-${folderKey(folder)}`;
  return `${AUTOSAVE_PREFIX}${(id === '' ? 'story' : id).slice(0, MAX_AUTOSAVE_SLOT - AUTOSAVE_PREFIX.length - key.length)}${key}`;
}

/** The slots a story's games autosave to: its autosave slot, then `-2` to `-9` for games played at the same time. */
export function autosaveFamily(slot: string): string[] {
  return [slot, ...Array.from({ length: MAX_PARALLEL_GAMES - 1 }, (_, i) => `${slot}-${i + 2}`)];
}

/** Whether `name` is a slot hyosan names itself (`autosave-…`, in any case: some file systems ignore it). */
export function isAutosaveSlot(name: string): boolean {
  return name.toLowerCase().startsWith(AUTOSAVE_PREFIX);
}

/** Why a player cannot save to `name`, or undefined when they can. */
export function checkPlayerSlotName(name: string): SaveError | undefined {
  const bad = checkSlotName(name);
  if (bad !== undefined) return bad;
  if (isAutosaveSlot(name)) {
    return new SaveError('bad-slot', slotLabel(name), `starts with "${AUTOSAVE_PREFIX}", which is kept for hyosan's own autosaves`, 'choose another name');
  }
  return undefined;
}

/**
 * A slot to keep a save aside in (`autosave-hyosan-kept-20250314-090501`):
 * `slot` cut to leave room, the reason, the local date and time, and a
 * number if `taken` says that name is in use already.
 */
export function asideSlot(slot: string, reason: 'kept' | 'damaged', when: Date, taken: (name: string) => boolean): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${when.getFullYear()}${two(when.getMonth() + 1)}${two(when.getDate())}-${two(when.getHours())}${two(when.getMinutes())}${two(when.getSeconds())}`;
  for (let n = 1; ; n++) {
    const suffix = `-${reason}-${stamp}${n === 1 ? '' : `-${n}`}`;
    const name = `${slot.slice(0, MAX_OWN_SLOT_NAME - suffix.length)}${suffix}`;
    if (!taken(name)) return name;
  }
}

/** Eight hex digits for a folder's path (FNV-1a): which folder a story came from, without loading node:crypto. */
function folderKey(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
