/**
 * The pure half of the loader: source files in, a compiled `Story` (or a
 * list of problems, each naming file, line and column) out. No fs here;
 * load.ts reads folders.
 */
import { createHash } from 'node:crypto';
import type { ConditionNames } from '../engine/condition.js';
import type { Scene, Story } from '../engine/story-types.js';
import { FileContext, FollowOns, type UnreadFile } from './context.js';
import { NOT_A_SCENE_FILE, describeTopLevel, isForeignSceneFile } from './foreign-file.js';
import { collectFlags } from './effects.js';
import { SCENE_ID, isReserved } from './names.js';
import { type DataPath, type SourceFile, type YamlFile, isMapping, parseYamlFile, positionOf } from './parse-yaml.js';
import { type Problem, sortProblems } from './problem.js';
import { compileScene } from './scenes.js';
import { scenesLoadSchema } from './scene-schema.js';
import { checkSceneRefs, compileSettings, declaredNames, type StorySettings } from './story-config.js';
import { redirectLoops } from './redirect-loops.js';
import { countWords } from './template.js';
import { unsafeTextProblems } from './unsafe-text.js';

/** The size of a story, for `hyosan check`'s summary. */
export interface StoryStats {
  readonly scenes: number;
  readonly choices: number;
  readonly endings: number;
  readonly words: number;
}

/** A story when there are no errors (warnings allowed), and every problem found. */
export interface LoadResult {
  readonly story?: Story;
  readonly problems: readonly Problem[];
  readonly stats: StoryStats;
}

/** More files than this are refused: no story needs them, and a wrong folder might. */
export const MAX_FILES = 5000;
const STORY_FILE = 'story.yaml';

/** Finding the scenes in a file needs no names: no condition is compiled yet. */
export const NO_NAMES: ConditionNames = {
  stats: new Set(),
  flags: new Set(),
  characters: new Set(),
  bonds: new Set(),
  vars: new Set(),
  scenes: new Set(),
  clock: { day: 1, minute: 0 },
};

/** A scene as found in a file, before it is compiled. */
export interface FoundScene {
  readonly yaml: YamlFile;
  readonly path: DataPath;
  readonly raw: unknown;
}

const posix = (p: string) => p.replace(/\\/g, '/');
const dirOf = (p: string) => {
  const i = posix(p).lastIndexOf('/');
  return i < 0 ? '' : posix(p).slice(0, i);
};
const depth = (p: string) => posix(p).split('/').length;

/** The folder the files share, for problems about the story as a whole. */
export function commonFolder(files: readonly SourceFile[]): string {
  const dirs = files.map((f) => dirOf(f.path).split('/'));
  const first = dirs[0];
  if (first === undefined) return '.';
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  const folder = first.slice(0, n).join('/');
  return folder === '' ? '.' : `${folder}/`;
}

/** Loads a story from its files, naming `folder` in problems about the story as a whole. Never throws. */
export function loadFiles(files: readonly SourceFile[], folder: string): LoadResult {
  try {
    return compileFiles(files, folder);
  } catch (error) {
    // A loader bug must still end in a message, not a stack trace in an author's terminal.
    const message = `internal error while loading the story (please report it): ${(error as Error).message}`;
    return {
      problems: [{ file: folder, line: 0, col: 0, severity: 'error', message }],
      stats: { scenes: 0, choices: 0, endings: 0, words: 0 },
    };
  }
}

function compileFiles(files: readonly SourceFile[], folder: string): LoadResult {
  const problems: Problem[] = [];
  const folderProblem = (message: string): Problem => ({ file: folder, line: 0, col: 0, severity: 'error', message });
  const empty: StoryStats = { scenes: 0, choices: 0, endings: 0, words: 0 };
  if (files.length > MAX_FILES) {
    return {
      problems: [folderProblem(`${files.length} YAML files; a story is limited to ${MAX_FILES} — is this the right folder?`)],
      stats: empty,
    };
  }
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { storyFile, extras } = pickStoryFile(sorted, problems);
  if (storyFile === undefined) {
    problems.push(folderProblem(`no ${STORY_FILE} here: a story folder needs one (see docs/AUTHORING.md)`));
  }

  const { parsed, unread } = parseFiles(sorted.filter((f) => !extras.includes(f)), problems);
  // A name the story knows only from a file it could not read is not a mistake of its own.
  const followOns = new FollowOns(unread);
  const storyYaml = storyFile === undefined ? undefined : parsed.get(storyFile);
  const declared = declaredNames(storyYaml?.data);

  // Every scene's id must be known before any goto is checked, and every
  // flag an effect sets before any condition is.
  const found: FoundScene[] = [];
  for (const [file, yaml] of parsed) {
    if (file !== storyFile) found.push(...scenesIn(new FileContext(yaml, NO_NAMES, problems)));
  }
  const modified = new Map(sorted.map((f) => [f.path, f.modified]));
  const { sceneIds, flags } = indexScenes(found, declared.flags, problems, (path) => modified.get(path));
  const names: ConditionNames = {
    stats: declared.stats,
    flags,
    characters: declared.characters,
    bonds: declared.bonds,
    vars: declared.vars,
    scenes: new Set(sceneIds.keys()),
    clock: declared.clock,
  };
  const scenes = new Map<string, Scene>();
  for (const scene of found) {
    const ctx = new FileContext(scene.yaml, names, problems, followOns);
    const compiled = compileScene(scene.raw, scene.path, ctx);
    if (compiled !== undefined && sceneIds.get(compiled.id) === scene) scenes.set(compiled.id, compiled);
  }
  const storyCtx = storyYaml === undefined ? undefined : new FileContext(storyYaml, names, problems, followOns);
  const settings = storyCtx === undefined ? undefined : compileSettings(storyYaml?.data, storyCtx);
  if (storyCtx !== undefined) checkSceneRefs(storyYaml?.data, storyCtx);
  problems.push(...followOns.problems());
  problems.push(...redirectLoops(scenes));

  const all = sortProblems(problems);
  const stats = statsOf(found);
  if (settings === undefined || all.some((p) => p.severity === 'error')) return { problems: all, stats };
  const drifting = driftingStats(settings, scenes);
  const story: Story = Object.freeze({
    ...settings,
    ...(drifting.length === 0 ? {} : { drifting }),
    hash: hashFiles(sorted, dirOf(storyFile?.path ?? '')),
    scenes,
  });
  return { story, problems: all, stats };
}

/**
 * Parses each file, reporting its problems (and any control characters in
 * its text); a file that cannot be read is kept aside as `unread`, with
 * where its first error is, so references into it become follow-ons.
 */
export function parseFiles(
  files: readonly SourceFile[],
  problems: Problem[],
): { parsed: Map<SourceFile, YamlFile>; unread: UnreadFile[] } {
  const parsed = new Map<SourceFile, YamlFile>();
  const unread: UnreadFile[] = [];
  for (const file of files) {
    const result = parseYamlFile(file);
    problems.push(...result.problems);
    if (result.yaml !== undefined) {
      parsed.set(file, result.yaml);
      problems.push(...unsafeTextProblems(result.yaml));
      continue;
    }
    const first = result.problems.find((p) => p.severity === 'error');
    unread.push({ path: file.path, text: file.text, cause: `${file.path}:${first?.line ?? 1}:${first?.col ?? 1}` });
  }
  return { parsed, unread };
}

/** The stats story time moves: a drift or an at_min in story.yaml, or a drift in some scene; in the story's order. */
function driftingStats(settings: StorySettings, scenes: ReadonlyMap<string, Scene>): string[] {
  const inScenes = new Set<string>();
  for (const scene of scenes.values()) {
    if (scene.drift === undefined || scene.drift === 'off') continue;
    for (const stat of Object.keys(scene.drift)) if (scene.drift[stat] !== 'off') inScenes.add(stat);
  }
  return Object.keys(settings.stats).filter((stat) => {
    const def = settings.stats[stat]!;
    return def.drift !== undefined || def.atMin !== undefined || inScenes.has(stat);
  });
}

/** The story.yaml nearest the top; any other is reported and left out. */
function pickStoryFile(
  sorted: readonly SourceFile[],
  problems: Problem[],
): { storyFile: SourceFile | undefined; extras: SourceFile[] } {
  const [storyFile, ...extras] = sorted
    .filter((f) => posix(f.path).split('/').pop() === STORY_FILE)
    .sort((a, b) => depth(a.path) - depth(b.path));
  for (const extra of extras) {
    problems.push({
      file: extra.path,
      line: 1,
      col: 1,
      severity: 'error',
      message: `a second ${STORY_FILE}: a story has one, at its top (${storyFile?.path ?? ''}); rename this file or move it out`,
    });
  }
  return { storyFile, extras };
}

/**
 * Every scene id (the first of duplicates, which are reported) and every
 * flag a `set` or `clear` names, read from the raw data before compiling.
 * A duplicate id is reported at both places, each naming the other; when
 * the files' times are known, the newer one (most likely a copy whose id
 * was not changed) says so.
 */
export function indexScenes(
  found: readonly FoundScene[],
  declaredFlags: ReadonlySet<string>,
  problems: Problem[],
  modifiedAt: (path: string) => number | undefined,
): { sceneIds: Map<string, FoundScene>; flags: Set<string> } {
  const sceneIds = new Map<string, FoundScene>();
  const flags = new Set(declaredFlags);
  for (const scene of found) {
    if (!isMapping(scene.raw)) continue;
    collectFlags(scene.raw.on_enter, flags);
    if (Array.isArray(scene.raw.choices)) {
      for (const c of scene.raw.choices) if (isMapping(c)) collectFlags(c.effects, flags);
    }
    const id = scene.raw.id;
    if (typeof id !== 'string' || !SCENE_ID.test(id) || isReserved(id)) continue;
    const first = sceneIds.get(id);
    if (first === undefined) {
      sceneIds.set(id, scene);
      continue;
    }
    const here = { file: scene.yaml.path, ...positionOf(scene.yaml, [...scene.path, 'id']) };
    const there = { file: first.yaml.path, ...positionOf(first.yaml, [...first.path, 'id']) };
    const [hereTime, thereTime] = [modifiedAt(here.file), modifiedAt(there.file)];
    const newer =
      hereTime === undefined || thereTime === undefined || hereTime === thereTime
        ? undefined
        : hereTime > thereTime
          ? here
          : there;
    const pair = newer === there ? [there, here] : [here, there];
    for (const [at, other] of [pair, [pair[1]!, pair[0]!]] as const) {
      const advice =
        newer === undefined
          ? 'give one of them another id'
          : at === newer
            ? 'this file is newer: if it began as a copy of that one, change the id here'
            : 'a newer file; give one of them another id';
      problems.push({
        file: at.file,
        line: at.line,
        col: at.col,
        severity: 'error',
        message: `duplicate scene id '${id}': also defined at ${other.file}:${other.line}:${other.col}${newer !== undefined && at !== newer ? ', ' : '; '}${advice}`,
      });
    }
  }
  return { sceneIds, flags };
}

/** The scenes a scene file holds: itself, or the items of its `scenes:` list. */
export function scenesIn(ctx: FileContext): FoundScene[] {
  const yaml = ctx.yaml;
  const data = yaml.data;
  if (!isMapping(data)) {
    const got = Array.isArray(data)
      ? 'a list; to put several scenes in one file, write `scenes:` above the list'
      : describeTopLevel(data);
    ctx.error(
      [],
      'a scene file holds one scene (a mapping with `id`, `title`, `text`, `choices`) ' +
        `or \`scenes:\` with a list of scenes; this file holds ${got}`,
    );
    return [];
  }
  if (isForeignSceneFile(data)) {
    ctx.error([], NOT_A_SCENE_FILE);
    return [];
  }
  if (!Object.hasOwn(data, 'scenes')) return [{ yaml, path: [], raw: data }];
  ctx.check(scenesLoadSchema, data, []);
  // A mistake beside the list (a stray key) should not hide the scenes in it.
  const list = Array.isArray(data.scenes) ? data.scenes : [];
  return list.map((raw, i) => ({ yaml, path: ['scenes', i], raw }));
}

/** Counts scenes, choices, endings and words from the raw data, so a story with errors still has a size. */
export function statsOf(found: readonly FoundScene[]): StoryStats {
  let scenes = 0;
  let choices = 0;
  let endings = 0;
  let words = 0;
  for (const { raw } of found) {
    if (!isMapping(raw)) continue;
    scenes++;
    if (raw.ending !== undefined) endings++;
    words += textWords(raw.text) + textWords(raw.back);
    if (!Array.isArray(raw.choices)) continue;
    for (const c of raw.choices) {
      choices++;
      if (isMapping(c)) words += textWords(c.text);
    }
  }
  return { scenes, choices, endings, words };
}

/** Words in a raw `text`: a string, or a list of strings and `{ if, text }` paragraphs. */
function textWords(text: unknown): number {
  if (typeof text === 'string') return countWords(text);
  if (!Array.isArray(text)) return 0;
  let words = 0;
  for (const item of text) words += textWords(isMapping(item) ? item.text : item);
  return words;
}

/**
 * sha256 over the files sorted by path, each as path + NUL + text + NUL;
 * paths are taken relative to the story folder, so the hash does not depend
 * on where the folder is or how it was named on the command line.
 */
export function hashFiles(files: readonly SourceFile[], root: string): string {
  const prefix = root === '' ? '' : `${root}/`;
  const rel = files
    .map((f) => {
      const p = posix(f.path);
      return { path: p.startsWith(prefix) ? p.slice(prefix.length) : p, text: f.text };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  // Piece by piece: the same bytes as one string per file, without copying every file's text into it.
  for (const f of rel) hash.update(f.path).update('\0').update(f.text).update('\0');
  return hash.digest('hex').slice(0, 16);
}
