/**
 * `--watch`: reloads the story folder when one of its files changes, so an
 * author sees an edit without restarting. Changes are debounced (an editor
 * saving writes several times); a folder that now has errors is reported in
 * one line while the previous version plays on.
 *
 * Each folder is watched on its own, not the tree with `recursive: true`:
 * on Linux, Node 20's recursive watch follows a file by its inode and loses
 * it when an editor saves by writing a new file and renaming it over the old
 * one (vim, JetBrains, `sed -i`), so the second save went unseen. A folder's
 * own watch sees every rename inside it. Folders added later are watched
 * from the next change on; folders removed are let go.
 */

import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../engine/index.js';
import type { LoadResult } from '../story/load.js';
import { formatProblem } from '../story/problem.js';
import type { StoryChange } from '../ui/ports.js';

/** How long the folder must be quiet before it is reloaded. */
export const WATCH_DEBOUNCE_MS = 150;

/** What else a watch follows: more folders (packs), and how to load the story they make together. */
export interface WatchOptions {
  /** Folders watched besides `dir` (the `--pack` folders). */
  readonly also?: readonly string[];
  /** Loads the story anew; by default, the story folder `dir` alone. */
  readonly reload?: () => Promise<LoadResult>;
}

/**
 * Watches `dir` (and `options.also`); calls `onChange` with each new version
 * of the story (or why it cannot load). Returns a stop function.
 */
export function watchStoryFolder(
  dir: string,
  current: () => Story,
  onChange: (change: StoryChange) => void,
  debounceMs = WATCH_DEBOUNCE_MS,
  options: WatchOptions = {},
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reloading = Promise.resolve();
  const reload = async (): Promise<void> => {
    // Imported here, not at the top: only `--watch` needs the YAML loader at play time.
    const result = options.reload !== undefined ? await options.reload() : await (await import('../story/load.js')).loadStoryDir(dir);
    if (stopped) return;
    const errors = result.problems.filter((p) => p.severity === 'error');
    // A problem that only follows from another file's is not the one to show.
    const first = errors.find((p) => p.cause === undefined) ?? errors[0];
    if (result.story === undefined || first !== undefined) {
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run hyosan check)` : '';
      const what = first === undefined ? 'the story does not load' : formatProblem(first);
      onChange({ kind: 'broken', message: `Not reloaded, still playing the last good version: ${what}${more}` });
      return;
    }
    // Saving a file unchanged (or touching it) is not a new version.
    if (result.story.hash === current().hash) return;
    onChange({ kind: 'reloaded', story: result.story });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      rearm();
      reloading = reloading.then(reload).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        onChange({ kind: 'broken', message: `Not reloaded, still playing the last good version: ${why}` });
      });
    }, debounceMs);
  };
  const watchers = new Map<string, FSWatcher>();
  /** Watches one folder; throws when it cannot be watched. */
  const watchFolder = (folder: string): void => {
    const watcher = watch(folder, (_event, file) => {
      // Editors' swap and backup files are not scenes; a name without a dot may be a new folder.
      const name = file === null ? '' : String(file);
      if (name === '' || name.endsWith('.yaml') || !name.includes('.')) schedule();
    });
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(folder);
    });
    watchers.set(folder, watcher);
  };
  /** Watches every folder under `dir` not yet watched, and lets go of those that are gone. */
  const rearm = (): void => {
    if (stopped) return;
    const folders = new Set([dir, ...(options.also ?? [])].flatMap((d) => [...foldersUnder(d)]));
    for (const [folder, watcher] of watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      watchers.delete(folder);
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchFolder(folder);
      } catch {
        // A folder removed between listing and watching: the next change lists again.
      }
    }
  };
  for (const folder of [dir, ...(options.also ?? [])]) {
    try {
      watchFolder(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      onChange({ kind: 'broken', message: `Cannot watch ${folder} for changes (${code}); restart to see edits.` });
      for (const watcher of watchers.values()) watcher.close();
      return () => undefined;
    }
  }
  rearm();
  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

/** `dir` and every folder below it, as the loader walks them (dot-folders and node_modules skipped). */
function foldersUnder(dir: string): Set<string> {
  const found = new Set<string>([dir]);
  const queue = [dir];
  for (let i = 0; i < queue.length; i++) {
    const folder = queue[i]!;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const sub = join(folder, entry.name);
      found.add(sub);
      queue.push(sub);
    }
  }
  return found;
}
