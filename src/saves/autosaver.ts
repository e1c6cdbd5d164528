/**
 * The autosaves of one game session, made so that no game is ever lost to
 * another:
 *
 * - The story's autosave slot is its own (slots.ts `autosaveSlot`: a story
 *   played from a folder is keyed by the folder too).
 * - The slot is locked for the session (slot-lock.ts). A second hyosan
 *   playing the same story in the same save folder autosaves to the next
 *   free slot of the family (`-2`, `-3`…) and is told so.
 * - Before a game first autosaves over a slot holding another game still
 *   in progress (a new game, or one loaded from elsewhere, replacing the
 *   autosave), that game is kept aside in a dated slot, and the player is
 *   told where.
 */
import { mkdir } from 'node:fs/promises';
import type { Story } from '../engine/index.js';
import { SaveError } from './errors.js';
import type { SavedGame } from './game.js';
import { type LockHolder, lockFileOf, releaseLock, takeLock } from './slot-lock.js';
import { autosaveFamily, autosaveSlot, isAutosaveOfStory, slotFile } from './slots.js';
import type { SaveStore } from './store.js';
import { summarize } from './summary.js';

/** What an autosave did: the problem if it failed, and anything the player should know either way. */
export interface AutosaveResult {
  readonly error?: SaveError;
  readonly notices: readonly string[];
}

/** Where a session's autosaves go. */
export interface AutosaverOptions {
  readonly store: SaveStore;
  /** The story folder's real path, for a story played from a folder (`--story`). */
  readonly storyFolder?: string;
  /** The process the locks are taken for (tests pass another). */
  readonly pid?: number;
}

/** One game session's autosaves (see above). */
export class Autosaver {
  private readonly store: SaveStore;
  private readonly pid: number;
  private readonly base: string;
  private readonly storyId: string;
  private readonly storyFolder: string | undefined;
  /** The slot this session holds the lock of and autosaves to, once the first autosave has chosen it. */
  private slot: string | undefined;
  /** The slot the game being played was loaded from (undefined: a new game, or a save file given by path). */
  private origin: string | undefined;
  /** Whether the next autosave is the game's first into `slot` (what is there may be another game). */
  private first = true;

  constructor(story: Pick<Story, 'id' | 'packs'>, options: AutosaverOptions) {
    this.store = options.store;
    this.pid = options.pid ?? process.pid;
    this.base = autosaveSlot(story, options.storyFolder);
    this.storyId = story.id;
    this.storyFolder = options.storyFolder;
  }

  /** The slots this session's games autosave to (the story's, with these packs). */
  get family(): readonly string[] {
    return autosaveFamily(this.base);
  }

  /**
   * The autosave slots Continue looks at (with the player's own slots): the
   * story's, with any packs or none, so the latest game is found whichever
   * packs it was played with.
   */
  get continuable(): (slot: string) => boolean {
    return (slot) => isAutosaveOfStory({ id: this.storyId }, this.storyFolder, slot);
  }

  /** A game begins: new (`origin` undefined) or loaded from the slot `origin`. */
  begin(origin: string | undefined): void {
    this.origin = origin;
    this.first = true;
  }

  /** Autosaves `game`: takes the slot on the first call, and keeps a replaced game aside. */
  async save(story: Story, game: SavedGame): Promise<AutosaveResult> {
    const notices: string[] = [];
    if (this.slot === undefined) {
      const taken = await this.takeSlot(story);
      if (taken instanceof SaveError) return { error: taken, notices };
      if (taken !== undefined) notices.push(taken);
    }
    const slot = this.slot as string;
    if (this.first && this.origin !== slot) {
      const kept = await this.keepGameInProgress(story, slot);
      if (kept instanceof SaveError) return { error: kept, notices };
      if (kept !== undefined) notices.push(kept);
    }
    const error = await this.store.autosave(story, game, slot);
    notices.push(...this.store.takeNotices());
    if (error === undefined) {
      this.first = false;
      this.origin = slot;
    }
    return error === undefined ? { notices } : { error, notices };
  }

  /** Lets go of the slot (when the player leaves). */
  async release(): Promise<void> {
    if (this.slot === undefined) return;
    await releaseLock(lockFileOf(slotFile(this.store.dir, this.slot)), this.pid).catch(() => undefined);
    this.slot = undefined;
  }

  /**
   * Locks the first free slot of the family and makes it this session's;
   * says so when it is not the story's own slot. A lock that cannot be taken
   * at all (a folder that cannot be written) leaves the slot's own: its save
   * will say what is wrong.
   */
  private async takeSlot(story: Story): Promise<string | undefined | SaveError> {
    let holder: LockHolder | undefined;
    // A first game in a new save folder locks its slot too.
    await mkdir(this.store.dir, { recursive: true }).catch(() => undefined);
    for (const slot of this.family) {
      let lock: true | LockHolder;
      try {
        lock = await takeLock(lockFileOf(slotFile(this.store.dir, slot)), this.pid);
      } catch {
        this.slot = this.base;
        return undefined;
      }
      if (lock === true) {
        this.slot = slot;
        if (holder === undefined) return undefined;
        return (
          `Another hyosan (process ${holder.pid}) is playing "${story.title}" with this save folder, so this game ` +
          `autosaves to save slot "${slot}" instead: neither overwrites the other. (If no other game is running, ` +
          `delete ${this.base}.lock in ${this.store.dir}.)`
        );
      }
      holder ??= lock;
    }
    return new SaveError(
      'write-failed',
      this.store.dir,
      `is used by ${this.family.length} games of "${story.title}" at once, so this one cannot autosave`,
      "close one of them, or give this one another folder with --save-dir; a lock of a game that has ended can be deleted (the *.lock files)",
    );
  }

  /** Keeps aside the game in `slot` if it is another game still in progress; the notice to give, if any. */
  private async keepGameInProgress(story: Story, slot: string): Promise<string | undefined | SaveError> {
    const entry = await this.store.entry(slot);
    const save = entry.save;
    if (save === undefined) return undefined; // nothing there, or damaged: the store keeps a damaged save aside itself
    const ended = save.story.id === story.id && story.scenes.get(save.state.scene)?.ending !== undefined;
    // A game that has ended, or in which no choice was made, has nothing to lose:
    // keeping those aside would only fill the saves list with dated slots.
    if (ended || save.history.length === 0) return undefined;
    const aside = await this.store.keepAside(slot, 'kept');
    if (aside === undefined || aside instanceof SaveError) return aside;
    const { sceneTitle, clock } = summarize(save);
    const where = [sceneTitle, clock].filter((s) => s !== '').join(', ');
    return (
      `The game that was in progress${where === '' ? '' : ` (${where})`} is kept as save slot "${aside}": ` +
      `load it from the saves list, or with --load ${aside}.`
    );
  }
}
