/**
 * Story packs: folders of scenes that add to a finished story without
 * forking it (docs/AUTHORING.md, "Writing a pack"). Each pack is compiled
 * against the story alone (pack-compile.ts); this module puts the sound
 * ones together with the story: their scenes beside the story's, the
 * paragraphs and choices their extends add after the story's own, their
 * names and hooks beside the story's settings. The story itself is never
 * changed: the result is a new `Story` whose scene map looks up the story's
 * own scenes (built when first asked for, as the shipped story's are) and
 * only rebuilds the ones a pack extends.
 */
import { createHash } from 'node:crypto';
import type { Choice, PackRef, Scene, Story } from '../engine/story-types.js';
import { type CompiledPack, type SceneExtension, isSound } from './pack-compile.js';
import type { Problem } from './problem.js';
import { SceneMap } from './scene-map.js';

export { compilePack, isSound, PACK_FILE, type CompiledPack, type PackSource } from './pack-compile.js';

/** The story with the packs that could be added, and why any could not. */
export interface PackedStory {
  /** The story with every pack in `added`; the story itself when none was. */
  readonly story: Story;
  /** The packs added, by id. */
  readonly added: readonly CompiledPack[];
  /** The sound packs that could not go with the others (the same id, the same hook), with why. */
  readonly refused: ReadonlyMap<CompiledPack, readonly Problem[]>;
}

/**
 * Adds the sound packs among `packs` to `story`, in the order of their ids
 * (so the order packs are given in never changes the game). A pack with
 * errors is left out; so is a sound pack that has the id of one added
 * before it, or sets a hook one added before it sets.
 */
export function addPacks(story: Story, packs: readonly CompiledPack[]): PackedStory {
  const sound = packs.filter(isSound).sort((a, b) => (a.manifest!.id < b.manifest!.id ? -1 : a.manifest!.id > b.manifest!.id ? 1 : 0));
  const added: CompiledPack[] = [];
  const refused = new Map<CompiledPack, Problem[]>();
  const hooksSet = new Map<string, CompiledPack>();
  for (const pack of sound) {
    const id = pack.manifest!.id;
    const twin = added.find((p) => p.manifest!.id === id);
    const problems: Problem[] = [];
    if (twin !== undefined) {
      problems.push(packProblem(pack, `two packs have the id '${id}' (the other is ${where(twin)}): a pack's id must be its own; change one of them`));
    }
    for (const hook of Object.keys(pack.settings!.hooks)) {
      const other = hooksSet.get(hook);
      if (other !== undefined) {
        problems.push(packProblem(pack, `pack '${id}' sets the hook ${hook}, which pack '${other.manifest!.id}' (${where(other)}) sets already: only one may`));
      }
    }
    if (problems.length > 0) {
      refused.set(pack, problems);
      continue;
    }
    for (const hook of Object.keys(pack.settings!.hooks)) hooksSet.set(hook, pack);
    added.push(pack);
  }
  return { story: added.length === 0 ? story : withPacks(story, added), added, refused };
}

/** Where a pack is, for messages that name it: its pack.yaml's `id`. */
function where(pack: CompiledPack): string {
  const at = pack.manifestAt;
  return at.line > 0 ? `${at.file}:${at.line}:${at.col}` : at.file;
}

/** An error about a pack as a whole, at its pack.yaml's `id`. */
function packProblem(pack: CompiledPack, message: string): Problem {
  const { file, line, col } = pack.manifestAt;
  return { file, line, col, severity: 'error', message };
}

/** The refs of the packs a story was played with, for saves and messages. */
export function packRefs(packs: readonly CompiledPack[]): PackRef[] {
  return packs.map((p) => ({ id: p.manifest!.id, version: p.manifest!.version, title: p.manifest!.title }));
}

/** `story` with the (sound, compatible) `packs` added. */
function withPacks(story: Story, packs: readonly CompiledPack[]): Story {
  const extended = new Map<string, Scene>();
  for (const pack of packs) {
    for (const extension of pack.extensions) {
      const scene = extended.get(extension.scene) ?? story.scenes.get(extension.scene)!;
      extended.set(extension.scene, extend(scene, extension));
    }
  }
  const own = new Map<string, Scene>();
  for (const pack of packs) for (const [id, scene] of pack.scenes) own.set(id, scene);
  const merged = <T>(base: Readonly<Record<string, T>>, pick: (s: NonNullable<CompiledPack['settings']>) => Readonly<Record<string, T>>) =>
    record([base, ...packs.map((p) => pick(p.settings!))]);
  const stats = merged(story.stats, (s) => s.stats);
  const drifting = driftingWith(story, stats, [...own.values()]);
  const hash = createHash('sha256').update(story.hash);
  for (const pack of packs) hash.update('\0').update(pack.manifest!.id).update('\0').update(pack.hash);
  return Object.freeze({
    ...story,
    hash: hash.digest('hex').slice(0, 16),
    stats,
    ...(drifting.length === 0 ? {} : { drifting }),
    items: merged(story.items, (s) => s.items),
    characters: merged(story.characters, (s) => s.characters),
    vars: merged(story.vars, (s) => s.vars),
    flags: merged(story.flags, (s) => s.flags),
    hooks: Object.freeze(Object.assign({}, story.hooks, ...packs.map((p) => p.settings!.hooks)) as Story['hooks']),
    scenes: new PackScenes(story.scenes, extended, own),
    packs: packRefs(packs),
  });
}

/**
 * The stats story time moves in the story with packs: the story's own, a
 * pack's stat with a drift or an at_min, and any stat a pack's scene makes
 * drift; in the order of the stats.
 */
function driftingWith(story: Story, stats: Story['stats'], scenes: readonly Scene[]): string[] {
  const moving = new Set(story.drifting ?? []);
  for (const scene of scenes) {
    if (scene.drift === undefined || scene.drift === 'off') continue;
    for (const [stat, rule] of Object.entries(scene.drift)) if (rule !== 'off') moving.add(stat);
  }
  return Object.keys(stats).filter((stat) => moving.has(stat) || stats[stat]!.drift !== undefined || stats[stat]!.atMin !== undefined);
}

/** The scene with what an extend adds after its own. */
function extend(scene: Scene, extension: SceneExtension): Scene {
  const after = extension.afterChoice;
  const choices: Choice[] = scene.choices.map((c) =>
    after !== undefined && c.id === after.choice ? Object.freeze({ ...c, effects: [...c.effects, ...after.effects] }) : c,
  );
  for (const choice of extension.choices) {
    // Two extends of one scene adding a choice of one id: the pack's mistake, caught when it is checked alone.
    if (!choices.some((c) => c.id === choice.id)) choices.push(choice);
  }
  return Object.freeze({ ...scene, text: [...scene.text, ...extension.text], choices });
}

/** One frozen record without a prototype, from several (later ones never replace: their names are new). */
function record<T>(parts: readonly Readonly<Record<string, T>>[]): Readonly<Record<string, T>> {
  const out: Record<string, T> = Object.create(null);
  for (const part of parts) for (const key of Object.keys(part)) if (!Object.hasOwn(out, key)) out[key] = part[key]!;
  return Object.freeze(out);
}

/**
 * The scene map of a story with packs: the story's own scenes (looked up in
 * its map, so a precompiled story still builds each one only when asked
 * for), the ones packs extend, rebuilt, and the packs' own scenes after.
 */
export class PackScenes extends SceneMap {
  constructor(
    private readonly base: ReadonlyMap<string, Scene>,
    private readonly extended: ReadonlyMap<string, Scene>,
    private readonly own: ReadonlyMap<string, Scene>,
  ) {
    super();
  }

  override get size(): number {
    return this.base.size + this.own.size;
  }

  override get(id: string): Scene | undefined {
    return this.extended.get(id) ?? this.own.get(id) ?? this.base.get(id);
  }

  override has(id: string): boolean {
    return this.own.has(id) || this.base.has(id);
  }

  protected override *inOrder(): Iterable<readonly [string, Scene]> {
    for (const id of this.base.keys()) yield [id, this.get(id)!];
    yield* this.own;
  }
}
