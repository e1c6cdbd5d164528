/**
 * What the game screen asks of the world outside it: new games, saves, the
 * transcript, the endings found and the settings. The command line provides
 * these (src/cli/play-services.ts); tests provide their own. Keeping them
 * behind this interface keeps files, clocks and randomness out of the UI.
 */

import type { Story } from '../engine/index.js';
import type { SavedGame } from '../saves/game.js';

/** How fast scene text appears. */
export type TextSpeed = 'instant' | 'fast' | 'slow';

/** The player's settings, kept between games. */
export interface Settings {
  readonly textSpeed: TextSpeed;
  /** Colours on (ignored, and off, when NO_COLOR is set). */
  readonly colour: boolean;
  /** After each choice, a line says what visibly changed ("Show what changed"). */
  readonly showChanges: boolean;
}

/** The settings a player starts with. */
export const DEFAULT_SETTINGS: Settings = { textSpeed: 'instant', colour: true, showChanges: true };

/** A save as the Load list shows it. */
export interface SaveListing {
  readonly slot: string;
  readonly sceneTitle: string;
  readonly chapter: string;
  /** In-game day and time: `Day 1, 08:45`. */
  readonly clock: string;
  /** When it was saved, in the player's time zone: `2026-03-14 09:05`. */
  readonly savedAt: string;
  /** Something to know before loading it (it is damaged; its backup will load). */
  readonly note?: string;
}

/** A game handed to the screen: a new one, or one continued or loaded. */
export interface GameStart {
  readonly game: SavedGame;
  /** One-line messages for the player (the story changed since the save, a backup was used). */
  readonly notices: readonly string[];
}

/** A change to the story folder being watched (`--watch`). */
export type StoryChange =
  | { readonly kind: 'reloaded'; readonly story: Story }
  | { readonly kind: 'broken'; readonly message: string };

/** Everything the screen needs from outside. Failures come back as one-line messages, never as throws. */
/** An installed story pack as the Settings screen lists it (see src/cli/play-packs.ts). */
export interface PackSwitch {
  readonly id: string;
  readonly title: string;
  /** `broken`: its errors keep it off, whatever the player says. */
  readonly state: 'on' | 'off' | 'broken';
}

/** A line under the story's title naming the packs a game is played with (and how many are off because of errors); none without packs. */
export function packsLine(packs: readonly { readonly title: string }[], broken: number): string | undefined {
  const on = packs.length === 0 ? '' : `With ${packs.length === 1 ? 'the pack' : `${packs.length} packs:`} ${packs.map((p) => p.title).join(', ')}`;
  const off = broken === 0 ? '' : `${broken} pack${broken === 1 ? '' : 's'} off because of errors (hyosan packs)`;
  const line = [on, off].filter((s) => s !== '').join(' · ');
  return line === '' ? undefined : line;
}

export interface PlayPorts {
  /** A new game (a fresh seed, or the one given with --seed). */
  newGame(): GameStart;
  /** The latest save of this story, or why there is none. */
  continueLatest(): Promise<GameStart | string>;
  /** This story's saves, newest first, or why they cannot be listed. */
  listSaves(): Promise<readonly SaveListing[] | string>;
  /** Loads a slot (or, from plain mode, a save file's path), or says why it cannot. */
  load(slot: string): Promise<GameStart | string>;
  /** Saves to a slot; what to tell the player either way, and whether it worked. */
  save(slot: string, game: SavedGame): Promise<{ readonly ok: boolean; readonly message: string }>;
  /** Deletes a save slot and its backup; what to tell the player either way, and whether it worked. */
  deleteSave(slot: string): Promise<{ readonly ok: boolean; readonly message: string }>;
  /** Renames a save slot (to a name no save has); what to tell the player either way, and whether it worked. */
  renameSave(from: string, to: string): Promise<{ readonly ok: boolean; readonly message: string }>;
  /** A scene is on screen (the transcript records it). */
  shown(game: SavedGame): void;
  /** The player chose `label` and the game moved on to `game` (autosave, transcript); resolves to a problem to tell the player, if any. */
  chose(game: SavedGame, label: string): Promise<string | undefined>;
  /** The game went back one choice (autosave, transcript); resolves to a problem to tell the player, if any. */
  rewound(game: SavedGame): Promise<string | undefined>;
  /** The game reached the ending in scene `sceneId` (the endings found are kept). */
  endingFound(sceneId: string): void;
  /** The player changed the settings (they are kept). */
  settingsChanged(settings: Settings): void;
  /** The player is leaving: autosave the game in progress, if any, and finish every write. */
  leave(game: SavedGame | undefined): Promise<void>;
  /** Calls `listener` when the watched story folder changes; returns a function that stops it. */
  watchStory?(listener: (change: StoryChange) => void): () => void;
  /** The installed story packs, a line or two each with its state (on, off, broken); or why they cannot be listed. */
  listPacks?(): Promise<readonly string[] | string>;
  /** Switches an installed pack on or off for the games started after this one; what to tell the player. */
  switchPack?(id: string, on: boolean): Promise<string>;
}
