/**
 * One pack compiled against the story it extends: pack.yaml, its own scenes
 * (scene files in the story format, compiled by the story's own code), and
 * its extend files (paragraphs and choices added to the story's scenes,
 * effects added to their choices). Pure: the files come in read
 * (pack-load.ts reads the folder). A pack sees the story and itself, never
 * another pack, so what it does never depends on which other packs are on.
 *
 * Every name a pack adds starts with its id and a dot (`stacks.door`), so no
 * two packs and no pack and the story can collide; a pack that names one of
 * the story's own scenes or settings as its own is refused, with a message
 * that says what it may do instead.
 */
import type { ConditionNames } from '../engine/condition.js';
import type { Effect } from '../engine/effect-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Scene, Story } from '../engine/story-types.js';
import { FileContext, FollowOns } from './context.js';
import { NO_NAMES, type FoundScene, type StoryStats, hashFiles, indexScenes, parseFiles, scenesIn, statsOf } from './compile.js';
import { collectFlags } from './effects.js';
import { SCENE_ID, isReserved } from './names.js';
import {
  type PackManifest,
  type PackSettings,
  type StoryNames,
  compileManifest,
  namespaceMessage,
  packDeclaredNames,
  packIdOf,
  replaceMessage,
} from './pack-manifest.js';
import { compileExtension, duplicateChoices, extendEntries, type SceneExtension } from './pack-extend.js';
import { type DataPath, type SourceFile, type YamlFile, isMapping, positionOf } from './parse-yaml.js';
import { type Problem, sortProblems } from './problem.js';
import { redirectLoops } from './redirect-loops.js';
import { compileScene } from './scenes.js';
import { forEachEffect } from './story-facts.js';

export type { SceneExtension } from './pack-extend.js';

/** A pack's folder as read: its files' texts, and what kept any from being read. */
export interface PackSource {
  /** The folder, as messages name it (`packs/library-stacks/`). */
  readonly folder: string;
  readonly files: readonly SourceFile[];
  readonly problems: readonly Problem[];
}

/** A pack, compiled: usable when `problems` holds no error. */
export interface CompiledPack {
  readonly folder: string;
  /** What the pack says it is; absent when pack.yaml could not say. */
  readonly manifest?: PackManifest;
  /** Where pack.yaml is (for messages about the pack as a whole). */
  readonly manifestAt: SourceRef;
  readonly problems: readonly Problem[];
  readonly scenes: ReadonlyMap<string, Scene>;
  readonly extensions: readonly SceneExtension[];
  readonly settings?: PackSettings;
  /** A hash of the pack's files (paths relative to its folder). */
  readonly hash: string;
  readonly stats: StoryStats;
}

/** The file every pack has at its top. */
export const PACK_FILE = 'pack.yaml';

const posix = (p: string) => p.replace(/\\/g, '/');
const baseName = (p: string) => posix(p).split('/').pop() ?? p;
const depth = (p: string) => posix(p).split('/').length;

/** Whether a pack compiled without errors. */
export function isSound(pack: CompiledPack): boolean {
  return pack.manifest !== undefined && pack.settings !== undefined && !pack.problems.some((p) => p.severity === 'error');
}

// What the story has besides its settings, found once per story: every pack compiled against it asks.
const storyNamesCache = new WeakMap<Story, StoryNames>();

/** The flags the story declares or its effects set or clear, and the items it declares, starts with, gives or takes. */
export function storyNames(story: Story): StoryNames {
  let names = storyNamesCache.get(story);
  if (names !== undefined) return names;
  const flags = new Set(Object.keys(story.flags));
  const items = new Set([...Object.keys(story.items), ...Object.keys(story.startItems)]);
  const visit = (e: Effect) => {
    if (e.kind === 'set' || e.kind === 'clear') for (const f of e.flags) flags.add(f);
    else if (e.kind === 'give' || e.kind === 'take') items.add(e.item);
  };
  for (const scene of story.scenes.values()) {
    forEachEffect(scene.onEnter, visit);
    for (const choice of scene.choices) forEachEffect(choice.effects, visit);
  }
  names = { flags, items };
  storyNamesCache.set(story, names);
  return names;
}

/** Compiles the pack in `source` against `story`. Never throws. */
export function compilePack(story: Story, source: PackSource): CompiledPack {
  try {
    return compile(story, source);
  } catch (error) {
    const message = `internal error while loading the pack (please report it): ${(error as Error).message}`;
    return {
      folder: source.folder,
      manifestAt: { file: source.folder, line: 0, col: 0 },
      problems: [{ file: source.folder, line: 0, col: 0, severity: 'error', message }],
      scenes: new Map(),
      extensions: [],
      hash: '',
      stats: { scenes: 0, choices: 0, endings: 0, words: 0 },
    };
  }
}

function compile(story: Story, source: PackSource): CompiledPack {
  const problems: Problem[] = [...source.problems];
  const atFolder = (message: string): Problem => ({ file: source.folder, line: 0, col: 0, severity: 'error', message });
  const sorted = [...source.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const [manifestFile, ...extraManifests] = sorted.filter((f) => baseName(f.path) === PACK_FILE).sort((a, b) => depth(a.path) - depth(b.path));
  for (const extra of extraManifests) {
    problems.push({ ...atFolder(`a second ${PACK_FILE}: a pack has one, at its top (${manifestFile?.path ?? ''}); rename this file or move it out`), file: extra.path, line: 1, col: 1 });
  }
  if (manifestFile === undefined) problems.push(atFolder(`no ${PACK_FILE} here: a pack folder needs one (see docs/AUTHORING.md, "Writing a pack")`));
  for (const file of sorted) {
    if (baseName(file.path) === 'story.yaml') {
      problems.push({
        ...atFolder("a pack has pack.yaml, not story.yaml: this is a story's file (play a story folder with --story DIR)"),
        file: file.path,
        line: 1,
        col: 1,
      });
    }
  }
  const readable = sorted.filter((f) => !extraManifests.includes(f) && baseName(f.path) !== 'story.yaml');
  const { parsed, unread } = parseFiles(readable, problems);
  const followOns = new FollowOns(unread);
  const manifestYaml = manifestFile === undefined ? undefined : parsed.get(manifestFile);
  const id = packIdOf(manifestYaml?.data);
  const prefix = id === undefined ? undefined : `${id}.`;
  const known = storyNames(story);

  // The pack's scenes and extends, found before anything compiles: every name must be known first.
  const found: FoundScene[] = [];
  const extendFiles: YamlFile[] = [];
  for (const [file, yaml] of parsed) {
    if (file === manifestFile) continue;
    if (isMapping(yaml.data) && Object.hasOwn(yaml.data, 'extend')) {
      extendFiles.push(yaml);
      const ctx = new FileContext(yaml, NO_NAMES, problems);
      for (const key of Object.keys(yaml.data)) {
        if (key !== 'extend') ctx.error([key], 'an extend file holds only `extend:`; put scenes in files of their own', 'key');
      }
      continue;
    }
    for (const scene of scenesIn(new FileContext(yaml, NO_NAMES, problems))) {
      const sceneId = isMapping(scene.raw) ? scene.raw.id : undefined;
      if (typeof sceneId === 'string' && story.scenes.has(sceneId)) {
        const ctx = new FileContext(yaml, NO_NAMES, problems);
        ctx.error(
          [...scene.path, 'id'],
          replaceMessage(id ?? '?', `scene '${sceneId}' of the story`, 'a pack can only add to it with extend (see docs/AUTHORING.md, "Writing a pack")'),
        );
        continue;
      }
      if (typeof sceneId === 'string' && prefix !== undefined && SCENE_ID.test(sceneId) && !sceneId.startsWith(prefix)) {
        new FileContext(yaml, NO_NAMES, problems).error([...scene.path, 'id'], namespaceMessage(id!, `scene '${sceneId}'`, sceneId));
      }
      found.push(scene);
    }
  }
  const declared = packDeclaredNames(manifestYaml?.data);
  const { sceneIds, flags: packFlags } = indexScenes(found, declared.flags, problems, () => undefined);
  for (const yaml of extendFiles) {
    for (const { raw } of extendEntries(yaml)) {
      if (!isMapping(raw)) continue;
      collectFlags(raw.effects, packFlags);
      if (Array.isArray(raw.choices)) for (const c of raw.choices) if (isMapping(c)) collectFlags(c.effects, packFlags);
    }
  }
  const names: ConditionNames = {
    stats: new Set([...Object.keys(story.stats), ...declared.stats]),
    flags: new Set([...known.flags, ...packFlags]),
    characters: new Set([...Object.keys(story.characters), ...declared.characters]),
    bonds: new Set([...Object.keys(story.characters).filter((id) => story.characters[id]!.bond !== undefined), ...declared.bonds]),
    vars: new Set([...Object.keys(story.vars), ...declared.vars]),
    scenes: new Set([...story.scenes.keys(), ...sceneIds.keys()]),
    clock: story.clock,
  };

  const manifestCtx = manifestYaml === undefined ? undefined : new FileContext(manifestYaml, names, problems, followOns);
  const { manifest, settings } =
    manifestCtx === undefined ? {} : compileManifest(manifestYaml?.data, manifestCtx, story, known);

  if (manifestCtx !== undefined && id !== undefined) {
    const storyOwn = [...story.scenes.keys(), ...known.flags, ...known.items, ...Object.keys(story.stats), ...Object.keys(story.vars), ...Object.keys(story.characters)];
    const taken = storyOwn.find((name) => name.startsWith(prefix!));
    if (taken !== undefined) {
      manifestCtx.error(['id'], `the pack id '${id}' is taken: the story's own names start with '${id}.' (${taken}); choose another id`);
    }
  }
  const scenes = new Map<string, Scene>();
  for (const scene of found) {
    const ctx = new FileContext(scene.yaml, names, problems, followOns);
    if (prefix !== undefined) checkNamesSet(scene.raw, scene.path, ctx, known, id!);
    const compiled = compileScene(scene.raw, scene.path, ctx);
    if (compiled !== undefined && sceneIds.get(compiled.id) === scene) scenes.set(compiled.id, compiled);
  }
  const extensions: SceneExtension[] = [];
  let extensionChoices = 0;
  for (const yaml of extendFiles) {
    const ctx = new FileContext(yaml, names, problems, followOns);
    for (const entry of extendEntries(yaml)) {
      if (prefix !== undefined) checkNamesSet(entry.raw, entry.path, ctx, known, id!);
      const extension = compileExtension(entry.raw, entry.path, ctx, story, manifest, id ?? '', scenes);
      if (extension !== undefined) {
        extensions.push(extension);
        extensionChoices += extension.choices.length;
      }
    }
  }
  problems.push(...duplicateChoices(story, extensions, id ?? '?'));
  problems.push(...followOns.problems());
  problems.push(...redirectLoops(scenes));
  const size = statsOf(found);
  const manifestAt: SourceRef =
    manifestYaml === undefined
      ? { file: source.folder, line: 0, col: 0 }
      : { file: manifestYaml.path, ...positionOf(manifestYaml, isMapping(manifestYaml.data) && 'id' in manifestYaml.data ? ['id'] : []) };
  const folder = source.folder.endsWith('/') ? source.folder.slice(0, -1) : source.folder;
  return {
    folder: source.folder,
    ...(manifest === undefined ? {} : { manifest }),
    manifestAt,
    problems: sortProblems(problems),
    scenes,
    extensions,
    ...(settings === undefined ? {} : { settings }),
    hash: hashFiles(sorted, folder),
    stats: { ...size, choices: size.choices + extensionChoices },
  };
}

/**
 * Reports every flag a pack's effects set or clear and every item they give
 * or take that the story does not have and that is not in the pack's
 * namespace: a new name without the pack's prefix could collide with
 * another pack's, or with one the story adds in its next version.
 */
function checkNamesSet(raw: unknown, path: DataPath, ctx: FileContext, known: StoryNames, id: string): void {
  if (!isMapping(raw)) return;
  const lists: { raw: unknown; path: DataPath }[] = [
    { raw: raw.on_enter, path: [...path, 'on_enter'] },
    { raw: raw.effects, path: [...path, 'effects'] },
  ];
  if (Array.isArray(raw.choices)) {
    raw.choices.forEach((c, i) => {
      if (isMapping(c)) lists.push({ raw: c.effects, path: [...path, 'choices', i, 'effects'] });
    });
  }
  for (const list of lists) walkNamesSet(list.raw, list.path, ctx, known, id, 0);
}

function walkNamesSet(raw: unknown, path: DataPath, ctx: FileContext, known: StoryNames, id: string, depth: number): void {
  if (!Array.isArray(raw) || depth > 32) return;
  raw.forEach((effect, i) => {
    if (!isMapping(effect)) return;
    const at = [...path, i];
    for (const verb of ['set', 'clear'] as const) {
      const value = effect[verb];
      const names = Array.isArray(value) ? value.map((v, j) => ({ v, p: [...at, verb, j] })) : [{ v: value, p: [...at, verb] }];
      for (const { v, p } of names) {
        if (typeof v === 'string' && !known.flags.has(v) && !v.startsWith(`${id}.`) && !isReserved(v)) {
          ctx.error(p, namespaceMessage(id, `flag '${v}'`, v));
        }
      }
    }
    for (const verb of ['give', 'take'] as const) {
      const value = effect[verb];
      const item = isMapping(value) ? value.item : value;
      const p = isMapping(value) ? [...at, verb, 'item'] : [...at, verb];
      if (typeof item === 'string' && !known.items.has(item) && !item.startsWith(`${id}.`) && !isReserved(item)) {
        ctx.error(p, namespaceMessage(id, `item '${item}'`, item));
      }
    }
    walkNamesSet(effect.then, [...at, 'then'], ctx, known, id, depth + 1);
    walkNamesSet(effect.else, [...at, 'else'], ctx, known, id, depth + 1);
  });
}
