/**
 * The world outside the game screen, for both the Ink screen and plain mode:
 * new games, the save folder (autosave after every choice, slots, continue,
 * load), the endings found and the settings, the transcript of an Ink game,
 * and the watched story folder. Every failure becomes a one-line message for
 * the player; nothing here throws for a bad file.
 */

import { choicesOf, isEnded, sceneView, type GameState, type Setup, type Story } from '../engine/index.js';
import { SaveError } from '../saves/errors.js';
import { newGame, type SavedGame } from '../saves/game.js';
import { type AutosaveResult, Autosaver } from '../saves/autosaver.js';
import type { SaveStore, StoredGame } from '../saves/store.js';
import { formatSavedAt, summarize } from '../saves/summary.js';
import { shownOutcome } from '../ui/changes.js';
import { DEFAULT_SETTINGS, type GameStart, type PlayPorts, type SaveListing, type Settings, type StoryChange } from '../ui/ports.js';
import { profileDir, readFoundEndings, recordEnding, writeSettings } from './profile.js';
import { choiceText, endingText, outcomeText, sceneText } from '../ui/plain/scene-text.js';
import type { Transcript } from './transcript.js';
import { watchStoryFolder, WATCH_DEBOUNCE_MS, type WatchOptions } from './watch.js';

/** What the services work with. */
export interface PlayServicesOptions {
  readonly story: Story;
  readonly store: SaveStore;
  /** A seed for each new game (the `--seed` one, or a fresh random one). */
  readonly newSeed: () => number;
  /** The scene new games begin at (`--start-at`); the story's start when absent. */
  readonly startAt?: string;
  /** How new games are set up to begin (`--start-at` with `--set`, `--give`…). */
  readonly setup?: Setup;
  /** Where an Ink game's transcript goes (plain mode copies its own output instead). */
  readonly transcript?: Transcript;
  /** The width the transcript is wrapped to. */
  readonly transcriptWidth?: number;
  /** The story folder to watch (`--watch`). */
  readonly watchDir?: string;
  /** What else `--watch` follows: the `--pack` folders, and how the story is loaded with them. */
  readonly watchOptions?: WatchOptions;
  /** The player's settings when the game opens (the transcript follows "Show what changed"). */
  readonly settings?: Settings;
  /** The real time (tests pass their own). */
  readonly now?: () => Date;
  /** The story folder's real path, for a story played from a folder (its autosaves are its own). */
  readonly storyFolder?: string;
  /** The story before any pack was added: installed packs are listed against it (`packs` in plain mode). */
  readonly storyAlone?: Story;
}

/** The `PlayPorts` of a real game: saves on disk, a transcript file, a watched folder. */
export class PlayServices implements PlayPorts {
  private story: Story;
  private readonly options: PlayServicesOptions;
  private readonly now: () => Date;
  // Writes of the player's files, in order; `leave` waits for them.
  private profileWrites: Promise<void> = Promise.resolve();
  private found: string[] | undefined;
  private readonly autosaver: Autosaver;
  private lastSave: AutosaveResult = { notices: [] };
  private settings: Settings;
  // The state last written to the transcript: the changes line of the next choice is measured from it.
  private lastShown: GameState | undefined;
  private savedAtLeave = false;

  constructor(options: PlayServicesOptions) {
    this.options = options;
    this.story = options.story;
    this.now = options.now ?? (() => new Date());
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.autosaver = new Autosaver(options.story, {
      store: options.store,
      ...(options.storyFolder === undefined ? {} : { storyFolder: options.storyFolder }),
    });
  }

  /** Whether leaving saved a game in progress (there was one, and its autosave worked). */
  get savedOnLeaving(): boolean {
    return this.savedAtLeave;
  }

  /** The story being played (a newer version after a `--watch` reload). */
  get currentStory(): Story {
    return this.story;
  }

  /** The save folder. */
  get saveDir(): string {
    return this.options.store.dir;
  }

  /** The ending scenes found so far in this story. */
  async foundEndings(): Promise<readonly string[]> {
    this.found ??= await readFoundEndings(profileDir(this.saveDir), this.story.id);
    return this.found;
  }

  /**
   * Where Continue would resume (`The Gym Door · Day 1, 08:40`), or
   * undefined when there is no save of this story: a quick look for the
   * title screen.
   */
  async continuePreview(): Promise<string | undefined> {
    const newest = await this.options.store.newestSaveOf(this.story.id, this.autosaver.continuable);
    return newest === undefined ? undefined : [newest.sceneTitle, newest.clock].filter((s) => s !== '').join(' · ');
  }

  newGame(): GameStart {
    const { startAt } = this.options;
    const story = startAt === undefined || startAt === this.story.start ? this.story : { ...this.story, start: startAt };
    const game = newGame(story, this.options.newSeed(), this.options.setup);
    this.autosaver.begin(undefined);
    this.note(`[New game, seed ${game.seed}.]\n\n`);
    return { game, notices: [] };
  }

  async continueLatest(): Promise<GameStart | string> {
    return this.started(await this.options.store.loadLatest(this.story, this.autosaver.continuable));
  }

  async listSaves(): Promise<readonly SaveListing[] | string> {
    const entries = await this.options.store.list();
    if (entries instanceof SaveError) return entries.message;
    const listings: SaveListing[] = [];
    for (const entry of entries) {
      if (entry.save === undefined) {
        // Damaged beyond reading, even its story: listed, so picking it says what is wrong.
        listings.push({ slot: entry.slot, sceneTitle: '', chapter: '', clock: '', savedAt: '', note: 'damaged' });
        continue;
      }
      if (entry.save.story.id !== this.story.id) continue;
      const s = summarize(entry.save);
      listings.push({
        slot: entry.slot,
        sceneTitle: s.sceneTitle,
        chapter: s.chapter,
        clock: s.clock,
        savedAt: formatSavedAt(s.savedAt),
        ...(entry.fromBackup ? { note: 'damaged; its backup will load' } : {}),
      });
    }
    return listings;
  }

  async load(target: string): Promise<GameStart | string> {
    return this.started(await this.options.store.loadTarget(target, this.story));
  }

  async save(slot: string, game: SavedGame): Promise<{ ok: boolean; message: string }> {
    const failed = await this.options.store.save(slot, this.story, game);
    if (failed !== undefined) return { ok: false, message: failed.message };
    this.note(`[Saved to "${slot}".]\n\n`);
    return { ok: true, message: `Saved to "${slot}" in ${this.saveDir}.` };
  }

  async deleteSave(slot: string): Promise<{ ok: boolean; message: string }> {
    const failed = await this.options.store.remove(slot);
    return failed === undefined ? { ok: true, message: `Deleted "${slot}".` } : { ok: false, message: failed.message };
  }

  async renameSave(from: string, to: string): Promise<{ ok: boolean; message: string }> {
    const failed = await this.options.store.rename(from, to);
    return failed === undefined ? { ok: true, message: `Renamed "${from}" to "${to}".` } : { ok: false, message: failed.message };
  }

  shown(game: SavedGame): void {
    this.writeScene(game, undefined);
  }

  async chose(game: SavedGame, label: string): Promise<string | undefined> {
    this.note(`> ${label}\n\n`);
    this.writeScene(game, this.lastShown);
    return this.autosave(game);
  }

  async rewound(game: SavedGame): Promise<string | undefined> {
    this.note('> undo\n\n');
    this.writeScene(game, undefined);
    return this.autosave(game);
  }

  endingFound(sceneId: string): void {
    if (this.found !== undefined && !this.found.includes(sceneId)) this.found = [...this.found, sceneId];
    const { id } = this.story;
    this.queueProfileWrite(() => recordEnding(profileDir(this.saveDir), id, sceneId, this.now()));
  }

  settingsChanged(settings: Settings): void {
    this.settings = settings;
    this.queueProfileWrite(() => writeSettings(profileDir(this.saveDir), settings));
  }

  async leave(game: SavedGame | undefined): Promise<void> {
    // The screen is gone by now: what the last save says is kept to be printed as the process ends.
    this.lastSave = game === undefined ? { notices: [] } : await this.autosaver.save(this.story, game);
    this.savedAtLeave = game !== undefined && this.lastSave.error === undefined;
    await this.options.store.flush();
    await this.autosaver.release();
    await this.profileWrites;
    this.options.transcript?.close();
  }

  /**
   * What the player must still be told once the screen has closed: why the
   * game was not saved as they left (the run then fails), and what that
   * last save did besides (a game kept aside).
   */
  get onLeaving(): { readonly unsaved?: string; readonly notices: readonly string[] } {
    const { error, notices } = this.lastSave;
    return error === undefined
      ? { notices }
      : { unsaved: `Autosave failed: ${error.message} Your last choices were not saved.`, notices };
  }

  /** Saves `game` to this story's autosave slot; what to tell the player (a problem, a game kept aside), if anything. */
  async autosave(game: SavedGame): Promise<string | undefined> {
    const { error, notices } = await this.autosaver.save(this.story, game);
    const lines = [...notices, ...(error === undefined ? [] : [`Autosave failed: ${error.message}`])];
    return lines.length === 0 ? undefined : lines.join(' ');
  }

  async listPacks(): Promise<readonly string[] | string> {
    if (this.options.storyFolder !== undefined) return 'Installed packs go with the built-in story; a story folder is played with the packs given with --pack DIR.';
    const { installedPacks, packLines } = await import('./play-packs.js');
    return packLines(this.saveDir, await installedPacks(this.options.storyAlone ?? this.options.story, this.saveDir));
  }

  async switchPack(id: string, on: boolean): Promise<string> {
    const { installedPacks, switchInstalledPack } = await import('./play-packs.js');
    const packs = await installedPacks(this.options.storyAlone ?? this.options.story, this.saveDir);
    return (await switchInstalledPack(packs, id, on, this.saveDir)).message;
  }

  watchStory(listener: (change: StoryChange) => void): () => void {
    const dir = this.options.watchDir;
    if (dir === undefined) return () => undefined;
    return watchStoryFolder(
      dir,
      () => this.story,
      (change) => {
        if (change.kind === 'reloaded') this.story = change.story;
        listener(change);
      },
      WATCH_DEBOUNCE_MS,
      this.options.watchOptions,
    );
  }

  /**
   * Writes to the transcript what the move told the player (`before`: the
   * state the choice was made in; without it, what the scene told when first
   * shown, as after an undo or a load), then the scene the game is in, its ending
   * if it is one, and its choices.
   */
  private writeScene(game: SavedGame, before: GameState | undefined): void {
    const transcript = this.options.transcript;
    if (transcript === undefined) return;
    this.lastShown = game.state;
    const width = this.options.transcriptWidth ?? 72;
    const view = sceneView(this.story, game.state);
    let text = outcomeText(shownOutcome(this.story, game, this.settings.showChanges, before), width);
    text += sceneText(view, width);
    if (view.ending !== undefined) {
      const found = [...(this.found ?? []), ...(this.found?.includes(view.id) === true ? [] : [view.id])];
      text += endingText(this.story, game.state, view, found, width);
    }
    if (!isEnded(this.story, game.state)) text += `${view.ending === undefined ? '' : '\n'}${choiceText(choicesOf(this.story, game.state), width)}`;
    text += '\n';
    transcript.write(text);
  }

  /** A loaded game as the screen takes it (its slot noted for the autosaves), or the message of a save that would not load. */
  private started(loaded: StoredGame | SaveError): GameStart | string {
    if (loaded instanceof SaveError) return loaded.message;
    this.autosaver.begin(loaded.slot);
    const { seed, start, setup, history, state, pendingForce, notices } = loaded;
    return {
      game: {
        seed,
        start,
        ...(setup === undefined ? {} : { setup }),
        history,
        state,
        ...(pendingForce === undefined ? {} : { pendingForce }),
      },
      notices,
    };
  }

  private note(text: string): void {
    this.options.transcript?.write(text);
  }

  private queueProfileWrite(write: () => Promise<void>): void {
    // A player file that cannot be written (read-only folder) costs a remembered ending, never the game.
    this.profileWrites = this.profileWrites.then(write).catch(() => undefined);
  }
}


