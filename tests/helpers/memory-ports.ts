/**
 * `PlayPorts` kept in memory, for driving the Ink screen and plain mode in
 * tests: saves are a map, every call is recorded, and the watched story is
 * changed by calling `change`.
 */
import type { Story } from '../../src/engine/index.js';
import { newGame, type SavedGame } from '../../src/saves/index.js';
import type { GameStart, PlayPorts, SaveListing, Settings, StoryChange } from '../../src/ui/ports.js';

/** A save slot in memory, with what the Load list shows of it. */
interface Slot {
  readonly game?: SavedGame;
  /** Why it will not load: a damaged save. */
  readonly damaged?: string;
}

export class MemoryPorts implements PlayPorts {
  readonly slots = new Map<string, Slot>();
  readonly autosaves: SavedGame[] = [];
  readonly shownScenes: string[] = [];
  readonly choices: string[] = [];
  readonly endings: string[] = [];
  readonly settings: Settings[] = [];
  /** The game `leave` was called with, once it has been. */
  left: { game: SavedGame | undefined } | undefined;
  private listener: ((change: StoryChange) => void) | undefined;

  constructor(
    private readonly story: Story,
    private readonly seed = 1,
  ) {}

  /** Adds a save that loads. */
  withSave(slot: string, game: SavedGame): this {
    this.slots.set(slot, { game });
    return this;
  }

  /** Adds a save that fails to load with `message`. */
  withDamagedSave(slot: string, message: string): this {
    this.slots.set(slot, { damaged: message });
    return this;
  }

  /** Tells the screen the watched story changed. */
  change(change: StoryChange): void {
    this.listener?.(change);
  }

  newGame(): GameStart {
    return { game: newGame(this.story, this.seed), notices: [] };
  }

  async continueLatest(): Promise<GameStart | string> {
    const last = this.autosaves.at(-1) ?? [...this.slots.values()].find((s) => s.game !== undefined)?.game;
    return last === undefined ? 'There is no saved game to continue.' : { game: last, notices: ['Continued.'] };
  }

  async listSaves(): Promise<readonly SaveListing[] | string> {
    return [...this.slots].map(([slot, s]) =>
      s.game === undefined
        ? { slot, sceneTitle: '', chapter: '', clock: '', savedAt: '', note: 'damaged' }
        : {
            slot,
            sceneTitle: this.story.scenes.get(s.game.state.scene)?.title ?? '',
            chapter: s.game.state.chapter,
            clock: 'Day 1, 08:40',
            savedAt: '2026-03-14 09:05',
          },
    );
  }

  async load(slot: string): Promise<GameStart | string> {
    const s = this.slots.get(slot);
    if (s === undefined) return `save slot "${slot}" is not there.`;
    if (s.game === undefined) return s.damaged ?? 'damaged';
    // As the real ports: the screen says which save it loaded.
    return { game: s.game, notices: [] };
  }

  async save(slot: string, game: SavedGame): Promise<{ ok: boolean; message: string }> {
    if (slot.includes('/')) return { ok: false, message: `save slot "${slot}": contains a path separator.` };
    this.slots.set(slot, { game });
    return { ok: true, message: `Saved to "${slot}".` };
  }

  async deleteSave(slot: string): Promise<{ ok: boolean; message: string }> {
    if (!this.slots.delete(slot)) return { ok: false, message: `save slot "${slot}" is not there.` };
    return { ok: true, message: `Deleted "${slot}".` };
  }

  async renameSave(from: string, to: string): Promise<{ ok: boolean; message: string }> {
    const s = this.slots.get(from);
    if (s === undefined) return { ok: false, message: `save slot "${from}" is not there.` };
    if (this.slots.has(to)) return { ok: false, message: `save slot "${to}": is the name of another save.` };
    this.slots.delete(from);
    this.slots.set(to, s);
    return { ok: true, message: `Renamed "${from}" to "${to}".` };
  }

  shown(game: SavedGame): void {
    this.shownScenes.push(game.state.scene);
  }

  async chose(game: SavedGame, label: string): Promise<string | undefined> {
    this.choices.push(label);
    this.autosaves.push(game);
    return undefined;
  }

  async rewound(game: SavedGame): Promise<string | undefined> {
    this.choices.push('undo');
    this.autosaves.push(game);
    return undefined;
  }

  endingFound(sceneId: string): void {
    this.endings.push(sceneId);
  }

  settingsChanged(settings: Settings): void {
    this.settings.push(settings);
  }

  async leave(game: SavedGame | undefined): Promise<void> {
    this.left = { game };
  }

  watchStory(listener: (change: StoryChange) => void): () => void {
    this.listener = listener;
    return () => {
      this.listener = undefined;
    };
  }
}
