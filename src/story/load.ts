/**
 * The story loader: a folder of YAML files (or their texts) in, a compiled
 * `Story` (or a list of problems, each naming file, line and column) out.
 * Reading the disk happens here only; compiling is pure (compile.ts).
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { type LoadResult, MAX_FILES, commonFolder, loadFiles } from './compile.js';
import { MAX_FILE_BYTES, type SourceFile, tooLargeMessage } from './parse-yaml.js';
import { type Problem, sortProblems } from './problem.js';
import { readRegularFile } from './regular-file.js';

export type { LoadResult, StoryStats } from './compile.js';
export type { SourceFile } from './parse-yaml.js';

/** Pure: parses, validates and compiles a story from its files (story.yaml + scene files). No fs. */
export function loadStoryFiles(files: readonly SourceFile[]): LoadResult {
  return loadFiles(files, commonFolder(files));
}

/** The YAML files under a story folder, the `.yml` files ignored, and the folders and links that were not read. */
interface Listing {
  readonly files: string[];
  readonly ignored: string[];
  readonly problems: Problem[];
}

/**
 * The YAML files under `dir`: recursive, sorted, skipping node_modules and
 * dot-folders. A subfolder that cannot be read is reported and the rest
 * still read; a link to a file outside the story folder is reported and
 * not followed (a story's files are its folder's, and a link to
 * /etc/shadow must not have its lines quoted back as unknown fields).
 */
async function yamlFiles(dir: string, limit: number, kind: FolderKind): Promise<Listing> {
  const listing: Listing = { files: [], ignored: [], problems: [] };
  const problem = (file: string, message: string) =>
    listing.problems.push({ file, line: 0, col: 0, severity: 'error', message });
  const root = await realpath(dir);
  const walk = async (d: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (error) {
      if (d === dir) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      problem(`${d}/`, `cannot read this folder (${code}), so its scenes are missing: fix its permissions, or move it out of the story`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (listing.files.length > limit) return;
      const full = join(d, e.name);
      // Symlinked folders are not followed: a link back up would never end.
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) await walk(full);
      } else if (e.name.endsWith('.yaml') && e.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined);
        if (target === undefined) problem(full, 'this link leads to nothing: remove it, or put the file it named back');
        else if (!isInside(root, target)) problem(full, linkOutside(kind));
        else listing.files.push(full);
      } else if (e.name.endsWith('.yaml') && e.isFile()) {
        listing.files.push(full);
      } else if (e.name.endsWith('.yml')) {
        listing.ignored.push(full);
      }
    }
  };
  await walk(dir);
  return listing;
}

/** What a folder of YAML files is: a story's, or a pack's (messages name it). */
export type FolderKind = 'story' | 'pack';

function linkOutside(kind: FolderKind): string {
  return `this is a link to a file outside the ${kind} folder, which hyosan does not follow: copy the file into the folder instead`;
}

/** Whether `path` is `folder` or inside it (both resolved). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * One file's text, or the problem that kept it from being read. Read
 * synchronously: for a story's many small files, each asynchronous call
 * costs a round trip to libuv's threads several times the read itself
 * (1,001 files: ~250 ms one at a time, ~140 ms sixteen at a time, ~40 ms
 * this way).
 */
function readSource(path: string, kind: FolderKind): SourceFile | Problem {
  const at = (message: string): Problem => ({ file: path, line: 1, col: 1, severity: 'error', message });
  // A huge file, a device or a FIFO is refused before it is read (or waited for).
  const read = readRegularFile(path, MAX_FILE_BYTES);
  if ('refused' in read) {
    switch (read.refused) {
      case 'too-large':
        return at(tooLargeMessage(read.size));
      case 'not-a-file':
        return at(`this is ${read.what}, not a file: a ${kind} holds only files; remove it`);
      case 'missing':
        return at('cannot read this file: it is gone (or a link leads nowhere)');
      case 'link':
        return at(linkOutside(kind));
      case 'error':
        return at(`cannot read this file: ${read.code}`);
      default: {
        const never: never = read;
        return never;
      }
    }
  }
  try {
    return { path, text: decoder.decode(read.bytes), modified: read.modified.getTime() };
  } catch {
    return at('this file is not UTF-8 text (is it binary?)');
  }
}

/** A story folder's files as read: their texts, and why any could not be read (or the folder itself). */
export interface FolderRead {
  readonly sources: readonly SourceFile[];
  readonly problems: readonly Problem[];
  /** Set when the folder as a whole could not be read: nothing else is. */
  readonly failed?: true;
}

/**
 * Reads every *.yaml under `dir` (recursive, sorted, skipping node_modules
 * and dot-folders): a story's folder, or a pack's (`kind`, for messages).
 */
export async function readStoryFolder(dir: string, kind: FolderKind = 'story'): Promise<FolderRead> {
  const folder = dir.endsWith('/') ? dir : `${dir}/`;
  const fail = (message: string): FolderRead => ({
    sources: [],
    problems: [{ file: folder, line: 0, col: 0, severity: 'error', message }],
    failed: true,
  });
  let listing: Listing;
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return fail(`not a folder: give the folder that holds ${kind}.yaml`);
    listing = await yamlFiles(dir, MAX_FILES, kind);
  } catch (error) {
    return fail(`cannot read the ${kind} folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (listing.files.length > MAX_FILES) {
    return fail(`more than ${MAX_FILES} YAML files; a ${kind} is limited to ${MAX_FILES} — is this the right folder?`);
  }
  const problems: Problem[] = [
    ...listing.problems,
    ...listing.ignored.map((file): Problem => ({
      file,
      line: 0,
      col: 0,
      severity: 'warning',
      message: `ignored: ${kind} files end in .yaml, not .yml`,
    })),
  ];
  const sources: SourceFile[] = [];
  for (const path of listing.files) {
    const read = readSource(path, kind);
    if ('text' in read) sources.push(read);
    else problems.push(read);
  }
  return { sources, problems };
}

/** Reads every *.yaml under dir (recursive, sorted, skipping node_modules and dot-folders), then loadStoryFiles. */
export async function loadStoryDir(dir: string): Promise<LoadResult> {
  const folder = dir.endsWith('/') ? dir : `${dir}/`;
  const empty = { scenes: 0, choices: 0, endings: 0, words: 0 };
  const read = await readStoryFolder(dir);
  if (read.failed) return { problems: [...read.problems], stats: empty };
  const result = loadFiles(read.sources, folder);
  const all = sortProblems([...read.problems, ...result.problems]);
  const failed = all.some((p) => p.severity === 'error');
  return failed ? { problems: all, stats: result.stats } : { ...result, problems: all };
}
