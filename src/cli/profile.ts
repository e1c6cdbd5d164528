/**
 * What hyosan remembers about the player between games, beside the saves:
 * the endings found in each story, and the settings. Two small JSON files in
 * a `player/` folder of the save folder (a folder, so `hyosan saves` never
 * mistakes them for save slots), written atomically. A damaged file is
 * treated as empty: losing the list of endings must never stop a game.
 */

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SaveError } from '../saves/errors.js';
import { writeFileAtomically } from '../saves/files.js';
import { MAX_SAVE_BYTES, parseUntrustedJson } from '../saves/untrusted.js';
import { readRegularFile } from '../story/regular-file.js';
import { DEFAULT_SETTINGS, type Settings, type TextSpeed } from '../ui/ports.js';

const ENDINGS_FORMAT = 'hyosan-endings';
const SETTINGS_FORMAT = 'hyosan-settings';
const SPEEDS: readonly TextSpeed[] = ['instant', 'fast', 'slow'];

/** The folder the player's files live in, inside the save folder. */
export function profileDir(saveDir: string): string {
  return join(saveDir, 'player');
}

/** `{ storyId: { endingSceneId: firstFoundAtIso } }`. */
type FoundEndings = Record<string, Record<string, string>>;

/** The ending scenes found so far in the story `storyId`. */
export async function readFoundEndings(dir: string, storyId: string): Promise<string[]> {
  const all = await readEndingsFile(dir);
  return Object.keys(all[storyId] ?? {});
}

/** Records that the ending in `sceneId` was found (keeping the date it was first found). */
export async function recordEnding(dir: string, storyId: string, sceneId: string, when: Date): Promise<void> {
  const all = await readEndingsFile(dir);
  const story = { ...(all[storyId] ?? {}) };
  if (story[sceneId] !== undefined) return;
  story[sceneId] = when.toISOString();
  await writeJson(dir, 'endings.json', { format: ENDINGS_FORMAT, version: 1, stories: { ...all, [storyId]: story } });
}

/** The player's settings, or the defaults. */
export async function readSettings(dir: string): Promise<Settings> {
  const doc = await readJson(dir, 'settings.json', SETTINGS_FORMAT);
  const settings = doc?.settings;
  if (typeof settings !== 'object' || settings === null) return DEFAULT_SETTINGS;
  const { textSpeed, colour, showChanges } = settings as { textSpeed?: unknown; colour?: unknown; showChanges?: unknown };
  return {
    textSpeed: SPEEDS.includes(textSpeed as TextSpeed) ? (textSpeed as TextSpeed) : DEFAULT_SETTINGS.textSpeed,
    colour: typeof colour === 'boolean' ? colour : DEFAULT_SETTINGS.colour,
    showChanges: typeof showChanges === 'boolean' ? showChanges : DEFAULT_SETTINGS.showChanges,
  };
}

/** Keeps the player's settings. */
export async function writeSettings(dir: string, settings: Settings): Promise<void> {
  await writeJson(dir, 'settings.json', { format: SETTINGS_FORMAT, version: 1, settings });
}

async function readEndingsFile(dir: string): Promise<FoundEndings> {
  const doc = await readJson(dir, 'endings.json', ENDINGS_FORMAT);
  const stories = doc?.stories;
  if (typeof stories !== 'object' || stories === null || Array.isArray(stories)) return {};
  const found: FoundEndings = {};
  for (const [storyId, endings] of Object.entries(stories)) {
    if (typeof endings !== 'object' || endings === null || Array.isArray(endings)) continue;
    const kept: Record<string, string> = {};
    for (const [scene, when] of Object.entries(endings)) if (typeof when === 'string') kept[scene] = when;
    found[storyId] = kept;
  }
  return found;
}

/** A file's JSON object when it is one of ours, else undefined (missing, damaged, foreign). */
async function readJson(dir: string, name: string, format: string): Promise<Record<string, unknown> | undefined> {
  // Never a FIFO or a device: a file planted there must not hang or flood the game.
  const read = readRegularFile(join(dir, name), MAX_SAVE_BYTES);
  if ('refused' in read) return undefined;
  const parsed = parseUntrustedJson(read.bytes.toString('utf8'), name);
  if (parsed instanceof SaveError) return undefined;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>).format === format ? (value as Record<string, unknown>) : undefined;
}

async function writeJson(dir: string, name: string, value: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomically(join(dir, name), `${JSON.stringify(value, null, 2)}\n`, { fsync: false });
}
