/**
 * The save folder: named slots, the autosave, a backup of each slot's
 * previous version, listing, and the lookups behind `--continue` and
 * `--load`. Every method reports problems as a `SaveError` value; none throws
 * for a bad file, and a damaged file never affects another save.
 */
import { readdir, rename, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Story } from '../engine/index.js';
import { type AsideReason, moveAside } from './aside.js';
import { SaveError, oneLine, slotLabel } from './errors.js';
import type { WriteFs } from './atomic-write.js';
import { exists, keepAsBackup, readSaveFile, removeStaleTemps, writeSaveFile } from './files.js';
import type { AnySave } from './format.js';
import type { SavedGame } from './game.js';
import type { LoadedGame } from './resume.js';
import {
  autosaveFamily,
  autosaveSlot,
  backupFile,
  backupOf,
  checkPlayerSlotName,
  checkSlotName,
  defaultSaveDir,
  isAutosaveSlot,
  slotFile,
  slotOfFileName,
} from './slots.js';
import { IN_SAVE_FOLDER, type SavePeek, codec, damageOf, loadWithBackup, peekSave, readDocument } from './slot-reads.js';
import { MAX_SAVE_BYTES } from './untrusted.js';

export type { SavePeek } from './slot-reads.js';

/** Where the store keeps saves, and its clock (tests pass their own). */
export interface SaveStoreOptions {
  /** The save folder; the user's data directory when absent. */
  readonly dir?: string;
  /** The real time recorded in each save. */
  readonly now?: () => Date;
  /** The file operations saves are written with (tests pass failing ones: a full disk, short writes). */
  readonly fs?: WriteFs;
}

/** A game loaded from the store, with the slot it came from (absent for a file given by path). */
export interface StoredGame extends LoadedGame {
  readonly slot?: string;
}

/** One slot in the save folder, as `hyosan saves` lists it. */
export interface SaveEntry {
  readonly slot: string;
  /** The slot's main file. */
  readonly file: string;
  /** The save, when it could be read: from the backup if the main file is damaged or missing. */
  readonly save?: AnySave;
  readonly fromBackup: boolean;
  /** When the file listed was last written. */
  readonly modified?: Date;
  /** Why the main file could not be read. */
  readonly error?: SaveError;
}

// Writes to one file are queued, so a backup and its main file are never
// written by two saves at once in the same process.
const writing = new Map<string, Promise<unknown>>();

function queued<T>(key: string, task: () => Promise<T>): Promise<T> {
  const next = (writing.get(key) ?? Promise.resolve()).then(task, task);
  writing.set(key, next);
  const forget = () => {
    if (writing.get(key) === next) writing.delete(key);
  };
  next.then(forget, forget);
  return next;
}

/** A folder of saves. */
export class SaveStore {
  /** The folder saves are read from and written to. */
  readonly dir: string;
  private readonly now: () => Date;
  private readonly fs: WriteFs | undefined;
  private readonly tidied = new Set<string>();
  /** The text this store last wrote to each file, while it is known to be there. */
  private readonly written = new Map<string, string>();
  private readonly notices: string[] = [];

  constructor(options: SaveStoreOptions = {}) {
    this.dir = options.dir ?? defaultSaveDir();
    this.now = options.now ?? (() => new Date());
    this.fs = options.fs;
  }

  /**
   * Saves a game to a slot the player named, keeping the slot's previous
   * save as its backup. Names starting `autosave-` are hyosan's own: refused.
   */
  save(slot: string, story: Story, game: SavedGame): Promise<SaveError | undefined> {
    const bad = checkPlayerSlotName(slot);
    return bad === undefined ? this.write(slot, story, game) : Promise.resolve(bad);
  }

  /** Saves a game to its story's autosave slot, or the autosave slot given (call after every choice). */
  autosave(story: Story, game: SavedGame, slot = autosaveSlot(story)): Promise<SaveError | undefined> {
    const bad = checkSlotName(slot) ?? (isAutosaveSlot(slot) ? undefined : new SaveError('bad-slot', slotLabel(slot), 'is not an autosave slot'));
    return bad === undefined ? this.write(slot, story, game) : Promise.resolve(bad);
  }

  /**
   * What the player should hear about the saves written since the last call
   * (a damaged save kept aside rather than overwritten), as one-line notices.
   */
  takeNotices(): string[] {
    return this.notices.splice(0);
  }

  /**
   * Moves `slot`'s save (and its backup) to a slot of its own named for
   * `reason` and the date, so the next save there replaces nothing; resolves
   * to that slot, or undefined when the slot holds no save.
   */
  keepAside(slot: string, reason: AsideReason): Promise<string | undefined | SaveError> {
    const bad = checkSlotName(slot);
    if (bad !== undefined) return Promise.resolve(bad);
    const file = slotFile(this.dir, slot);
    const when = this.now();
    return queued(resolve(file), async () => {
      const aside = await moveAside(this.dir, slot, reason, when, { withBackup: true });
      if (typeof aside === 'string') this.written.delete(file);
      return aside;
    });
  }

  private write(slot: string, story: Story, game: SavedGame): Promise<SaveError | undefined> {
    const file = slotFile(this.dir, slot);
    const savedAt = this.now();
    // Queued before anything is awaited, so saves reach the disk in the order they were asked for.
    return queued(resolve(file), async () => {
      const { encodeSave } = await codec();
      let text: string;
      try {
        text = encodeSave(story, game, savedAt);
      } catch (error) {
        return new SaveError(
          'write-failed',
          file,
          `was not written (${(error as Error).message})`,
          'please report this bug; the previous save is untouched',
        );
      }
      if (Buffer.byteLength(text) > MAX_SAVE_BYTES) {
        return new SaveError('too-large', file, 'was not written: this game has grown too long to save', 'rewind or start a new game');
      }
      return this.writeWithBackup(slot, text);
    });
  }

  /** Resolves when every save this process has started is on disk (await it before exiting). */
  async flush(): Promise<void> {
    await Promise.all([...writing.values()]);
  }

  /** Loads a slot, falling back to its backup (with a notice) when the main file is damaged. */
  async load(slot: string, story: Story): Promise<StoredGame | SaveError> {
    const bad = checkSlotName(slot);
    if (bad !== undefined) return bad;
    const main = slotFile(this.dir, slot);
    const backup = backupFile(this.dir, slot);
    if (!(await exists(main)) && !(await exists(backup))) {
      return new SaveError('missing', slotLabel(slot), `is not in ${this.dir}`);
    }
    const game = await loadWithBackup(main, backup, story, IN_SAVE_FOLDER);
    return game instanceof SaveError ? game : { ...game, slot };
  }

  /** Loads a save file given by path (and its `.bak.json` beside it if it is damaged). */
  loadFile(file: string, story: Story): Promise<StoredGame | SaveError> {
    return loadWithBackup(file, backupOf(file), story, {});
  }

  /**
   * `--load X`: a path when X contains a slash or ends in `.json`, else the
   * slot X if it exists, else a file X if one exists.
   */
  async loadTarget(target: string, story: Story): Promise<StoredGame | SaveError> {
    if (target.includes('/') || target.includes('\\') || target.endsWith('.json')) {
      return this.loadFile(target, story);
    }
    const bad = checkSlotName(target);
    if (bad === undefined) {
      if ((await exists(slotFile(this.dir, target))) || (await exists(backupFile(this.dir, target)))) {
        return this.load(target, story);
      }
    }
    if (await exists(target)) return this.loadFile(target, story);
    return bad ?? new SaveError('missing', slotLabel(target), `is not in ${this.dir}`);
  }

  /**
   * `--continue`: the newest save of this story that loads; older ones if the
   * newest is beyond repair. It looks at the player's own slots and the
   * story's autosave slots (`autosaves`: its autosave family), never at
   * another story's autosaves, even one that claims the same id. A damaged
   * autosave is said to be damaged, not taken for no save at all.
   */
  async loadLatest(
    story: Story,
    autosaves: readonly string[] = autosaveFamily(autosaveSlot(story)),
  ): Promise<StoredGame | SaveError> {
    const entries = await this.list();
    if (entries instanceof SaveError) return entries;
    const newestFirst = entries
      .filter((e) => isContinuable(e.slot, autosaves) && (e.save === undefined ? autosaves.includes(e.slot) : e.save.story.id === story.id))
      .sort((a, b) => savedTime(b) - savedTime(a));
    const skipped: string[] = [];
    let damaged: SaveError | undefined;
    for (const entry of newestFirst) {
      const game = await this.load(entry.slot, story);
      if (!(game instanceof SaveError)) return { ...game, notices: [...skipped, ...game.notices] };
      if (entry.save === undefined) damaged ??= game;
      skipped.push(oneLine(`${game.where}: ${game.problem} — continuing from an older save instead.`));
    }
    if (damaged !== undefined) {
      return new SaveError(
        damaged.kind,
        damaged.where,
        `${damaged.problem}: the game saved there is damaged`,
        "start a new game: its first save keeps the damaged file aside (listed by 'hyosan saves') instead of overwriting it",
      );
    }
    return new SaveError('no-saves', this.dir, `has no saved game of "${story.title}"`);
  }

  /**
   * The newest save of the story `storyId` (a slot, or its backup when the
   * slot's file is damaged), judged from the files' JSON alone: cheap enough
   * for the title screen's Continue, which names where it would resume.
   * Loading checks the save in full, and says what is wrong with one that
   * only looks like a save.
   */
  async newestSaveOf(
    storyId: string,
    autosaves: readonly string[] = autosaveFamily(autosaveSlot({ id: storyId })),
  ): Promise<SavePeek | undefined> {
    const slots = await this.slots();
    if (slots instanceof SaveError) return undefined;
    let newest: SavePeek | undefined;
    for (const slot of slots) {
      if (!isContinuable(slot, autosaves)) continue;
      for (const file of [slotFile(this.dir, slot), backupFile(this.dir, slot)]) {
        const peek = await peekSave(file, storyId);
        if (peek === undefined) continue;
        if (newest === undefined || peek.savedAt > newest.savedAt) newest = peek;
        break;
      }
    }
    return newest;
  }

  /** Every slot in the folder, newest first, damaged ones included with their error. */
  async list(): Promise<SaveEntry[] | SaveError> {
    const slots = await this.slots();
    if (slots instanceof SaveError) return slots;
    const entries: SaveEntry[] = [];
    for (const slot of slots) entries.push(await this.entry(slot));
    return entries.sort((a, b) => savedTime(b) - savedTime(a) || a.slot.localeCompare(b.slot));
  }

  /** The slots that have a file in the folder (none when there is no folder yet). */
  private async slots(): Promise<ReadonlySet<string> | SaveError> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new Set();
      return new SaveError('unreadable', this.dir, `cannot be read (${code ?? (error as Error).message})`);
    }
    const slots = new Set<string>();
    for (const name of names) {
      const found = slotOfFileName(name);
      if (found !== undefined) slots.add(found.slot);
    }
    return slots;
  }

  /** One slot as `list` gives it: its save (from the backup if the main file is damaged), or why it has none. */
  async entry(slot: string): Promise<SaveEntry> {
    const file = slotFile(this.dir, slot);
    const main = await readDocument(file);
    if (!(main instanceof SaveError)) return { slot, file, fromBackup: false, ...main };
    const backup = await readDocument(backupFile(this.dir, slot));
    if (!(backup instanceof SaveError)) return { slot, file, fromBackup: true, error: main, ...backup };
    return { slot, file, fromBackup: false, error: main };
  }

  private async writeWithBackup(slot: string, text: string): Promise<SaveError | undefined> {
    const main = slotFile(this.dir, slot);
    const previous = await readSaveFile(main, main, IN_SAVE_FOLDER);
    // Only a readable save becomes the backup: a damaged main file must never
    // replace the good backup it may be the only way back to.
    const damage = previous instanceof SaveError ? previous : await damageOf(previous.text, main, this.written.get(main));
    const failed = await writeSaveFile(main, text, main, {
      ...(this.fs === undefined ? {} : { fs: this.fs }),
      // Only once the new save is whole on disk: a failed write leaves the save and its backup as they were.
      beforeReplace: async () => {
        if (damage === undefined && !(previous instanceof SaveError)) {
          return keepAsBackup(main, backupFile(this.dir, slot), previous.text);
        }
        // A damaged save is kept aside, never overwritten (a save from a newer hyosan counts too).
        if (damage === undefined || damage.kind === 'missing') return undefined;
        const aside = await moveAside(this.dir, slot, 'damaged', this.now(), { withBackup: false });
        if (aside instanceof SaveError) return aside;
        if (aside !== undefined) {
          this.notices.push(
            oneLine(`${main} ${damage.problem}; it is kept as save slot "${aside}" (see 'hyosan saves'), and this save took its place.`),
          );
        }
        return undefined;
      },
    });
    if (failed === undefined) this.written.set(main, text);
    else this.written.delete(main);
    if (failed === undefined && !this.tidied.has(slot)) {
      this.tidied.add(slot);
      await removeStaleTemps(main);
    }
    return failed;
  }

  /** Deletes a slot and its backup; why not, when it cannot. */
  async remove(slot: string): Promise<SaveError | undefined> {
    const bad = checkSlotName(slot);
    if (bad !== undefined) return bad;
    const main = slotFile(this.dir, slot);
    // In the slot's queue, so a save being written finishes first instead of coming back.
    return queued(resolve(main), async () => {
      const files = [main, backupFile(this.dir, slot)];
      if (!(await exists(files[0]!)) && !(await exists(files[1]!))) return new SaveError('missing', slotLabel(slot), 'is not there');
      for (const file of files) {
        const failed = await removeFile(file);
        if (failed !== undefined) return failed;
      }
      this.written.delete(main);
      return undefined;
    });
  }

  /** Gives a slot (and its backup) a new name that no save has yet; why not, when it cannot. */
  async rename(from: string, to: string): Promise<SaveError | undefined> {
    // The new name is the player's: it may not pass for one of hyosan's own autosave slots.
    const bad = checkSlotName(from) ?? checkPlayerSlotName(to);
    if (bad !== undefined) return bad;
    const [source, target] = [slotFile(this.dir, from), slotFile(this.dir, to)];
    return queued(resolve(source), () =>
      queued(resolve(target), async () => {
        const [sourceBackup, targetBackup] = [backupFile(this.dir, from), backupFile(this.dir, to)];
        if ((await exists(target)) || (await exists(targetBackup))) {
          return new SaveError('bad-slot', slotLabel(to), 'is the name of another save', 'choose another name, or delete that save first');
        }
        if (!(await exists(source)) && !(await exists(sourceBackup))) return new SaveError('missing', slotLabel(from), 'is not there');
        for (const [file, moved] of [[source, target], [sourceBackup, targetBackup]] as const) {
          const failed = await moveFile(file, moved);
          if (failed !== undefined) return failed;
        }
        const text = this.written.get(source);
        this.written.delete(source);
        if (text !== undefined) this.written.set(target, text);
        return undefined;
      }),
    );
  }
}

/** Removes a file that may not be there; why not, when it cannot. */
async function removeFile(file: string): Promise<SaveError | undefined> {
  try {
    await unlink(file);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return new SaveError('write-failed', file, `could not be deleted (${code ?? (error as Error).message})`);
  }
}

/** Moves a file that may not be there to a name in the same folder; why not, when it cannot. */
async function moveFile(file: string, to: string): Promise<SaveError | undefined> {
  try {
    await rename(file, to);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return new SaveError('write-failed', file, `could not be renamed (${code ?? (error as Error).message})`);
  }
}

/** Whether Continue may resume `slot`: one of the player's own slots, or one of the story's autosave slots. */
function isContinuable(slot: string, autosaves: readonly string[]): boolean {
  return autosaves.includes(slot) || !isAutosaveSlot(slot);
}

function savedTime(entry: SaveEntry): number {
  const saved = entry.save === undefined ? Number.NaN : Date.parse(entry.save.meta.savedAt);
  return Number.isNaN(saved) ? (entry.modified?.getTime() ?? 0) : saved;
}
