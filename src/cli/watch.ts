/**
 * `--watch`: reloads the story folder when one of its files changes, so an
 * author sees an edit without restarting. Changes are debounced (an editor
 * saving writes several times); a folder that now has errors is reported in
 * one line while the previous version plays on.
 */

import { watch, type FSWatcher } from 'node:fs';
import type { Story } from '../engine/index.js';
import { formatProblem } from '../story/problem.js';
import type { StoryChange } from '../ui/ports.js';

/** How long the folder must be quiet before it is reloaded. */
export const WATCH_DEBOUNCE_MS = 150;

/** Watches `dir`; calls `onChange` with each new version of the story (or why it cannot load). Returns a stop function. */
export function watchStoryFolder(
  dir: string,
  current: () => Story,
  onChange: (change: StoryChange) => void,
  debounceMs = WATCH_DEBOUNCE_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reloading = Promise.resolve();
  const reload = async (): Promise<void> => {
    // Imported here, not at the top: only `--watch` needs the YAML loader at play time.
    const { loadStoryDir } = await import('../story/load.js');
    const result = await loadStoryDir(dir);
    if (stopped) return;
    const errors = result.problems.filter((p) => p.severity === 'error');
    const first = errors[0];
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
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file !== null && !String(file).endsWith('.yaml')) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        reloading = reloading.then(reload).catch((error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          onChange({ kind: 'broken', message: `Not reloaded, still playing the last good version: ${why}` });
        });
      }, debounceMs);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    onChange({ kind: 'broken', message: `Cannot watch ${dir} for changes (${code}); restart to see edits.` });
    return () => undefined;
  }
  watcher.on('error', () => undefined);
  return () => {
    stopped = true;
    clearTimeout(timer);
    watcher.close();
  };
}
