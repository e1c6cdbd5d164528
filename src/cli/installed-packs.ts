/**
 * Where installed packs live: the `packs/` folder of the data folder, beside
 * the saves (so `--save-dir` and HYOSAN_SAVE_DIR move it too). A pack is
 * installed by copying its folder there. This module only finds the
 * folders, with one directory read: a start with no packs loads no pack
 * code (play-packs.ts is imported only when there is one).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The name of the folder installed packs go in, inside the data folder. */
export const PACKS_FOLDER = 'packs';

/** The folder installed packs go in. */
export function packsDir(saveDir: string): string {
  return join(saveDir, PACKS_FOLDER);
}

/**
 * The folders in the data folder's `packs/`, by name (dot-folders left
 * out); none when there is no such folder. A link is listed too: a pack
 * folder may be linked in from where its author works on it.
 */
export function installedPackFolders(saveDir: string): string[] {
  const dir = packsDir(saveDir);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()))
    .map((e) => e.name)
    .sort()
    .map((name) => join(dir, name));
}
