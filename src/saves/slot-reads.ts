/**
 * Reading the save folder's files: a slot's save checked in full (with the
 * codec, and so zod, loaded with the first one), a slot loaded with its
 * backup to fall back on, and the quick look the title screen's Continue
 * takes without the codec. Slots are read without following links.
 */
import type { Story } from '../engine/index.js';
import { SaveError, oneLine } from './errors.js';
import { exists, readSaveFile } from './files.js';
import type { AnySave } from './format.js';
import type { LoadedGame } from './resume.js';
import { formatSavedAt } from './summary.js';
import { parseUntrustedJson } from './untrusted.js';
import { SAVE_FORMAT } from './versions.js';

// The codec checks saves with zod, the larger part of the code saves need:
// it is loaded when the first save is read or written, not at every start.
let codecModule: Promise<typeof import('./codec.js')> | undefined;
export function codec(): Promise<typeof import('./codec.js')> {
  codecModule ??= import('./codec.js');
  return codecModule;
}

/** How a save file is read: a file named on the command line may be a link; the save folder's own never are. */
export type ReadHow = { readonly noFollow?: boolean };
export const IN_SAVE_FOLDER: ReadHow = { noFollow: true };

/** What the title screen shows of a save before loading it. */
export interface SavePeek {
  readonly sceneTitle: string;
  /** The in-game time, `Day 1, 08:40`. */
  readonly clock: string;
  /** When it was saved (ms since the epoch; the file's time if the save does not say). */
  readonly savedAt: number;
}

/** A look at `file` as a save of `storyId`, without the codec; undefined if it is not one. */
export async function peekSave(file: string, storyId: string): Promise<SavePeek | undefined> {
  const read = await readSaveFile(file, file, IN_SAVE_FOLDER);
  if (read instanceof SaveError) return undefined;
  const parsed = parseUntrustedJson(read.text, file);
  if (parsed instanceof SaveError) return undefined;
  const doc = parsed.value as { format?: unknown; story?: { id?: unknown }; meta?: Record<string, unknown> } | null;
  if (doc?.format !== SAVE_FORMAT || doc.story?.id !== storyId) return undefined;
  const saved = Date.parse(String(doc.meta?.savedAt));
  // Unchecked text from a file, printed on the title screen: one safe line.
  const text = (value: unknown): string => (typeof value === 'string' ? oneLine(value) : '');
  return {
    sceneTitle: text(doc.meta?.sceneTitle),
    clock: text(doc.meta?.clock),
    savedAt: Number.isNaN(saved) ? read.modified.getTime() : saved,
  };
}

/**
 * Why a save file's text is no save this hyosan can read, or undefined when
 * it is one. What this store wrote there itself (checked when it was
 * encoded) needs no second look.
 */
export async function damageOf(text: string, file: string, written: string | undefined): Promise<SaveError | undefined> {
  if (text === written) return undefined;
  const read = (await codec()).readSaveDocument(text, file);
  return read instanceof SaveError ? read : undefined;
}

/** A slot file's save, checked in full, and when it was written. */
export async function readDocument(file: string): Promise<{ save: AnySave; modified: Date } | SaveError> {
  const read = await readSaveFile(file, file, IN_SAVE_FOLDER);
  if (read instanceof SaveError) return read;
  const save = (await codec()).readSaveDocument(read.text, file);
  return save instanceof SaveError ? save : { save, modified: read.modified };
}

/** A save file loaded into `story`. */
async function loadOne(file: string, story: Story, how: ReadHow): Promise<LoadedGame | SaveError> {
  const read = await readSaveFile(file, file, how);
  return read instanceof SaveError ? read : (await codec()).decodeSave(read.text, story, file);
}

/** A save file loaded into `story`, or its backup (with a notice) when it is damaged or missing. */
export async function loadWithBackup(
  main: string,
  backup: string | undefined,
  story: Story,
  how: ReadHow,
): Promise<LoadedGame | SaveError> {
  const first = await loadOne(main, story, how);
  if (!(first instanceof SaveError) || backup === undefined || !(await exists(backup))) return first;
  const second = await loadOne(backup, story, how);
  if (second instanceof SaveError) return first;
  const what = first.kind === 'missing' ? 'is missing' : `is damaged (${first.problem})`;
  const notice = `${main} ${what}; loaded its backup from ${formatSavedAt(second.meta.savedAt)} instead.`;
  return { ...second, notices: [oneLine(notice), ...second.notices] };
}
