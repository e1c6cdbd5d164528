/**
 * A story image packed for the bundle: a small head (the settings, the scene
 * ids, the flag names) and each scene as its own JSON text. Starting a game
 * parses the head and only the scenes the game reaches, when it reaches
 * them; a scene's text is parsed and rebuilt once, the first time it is
 * asked for. The story is the same as `storyFromImage` gives for the image.
 */
import type { Scene, Story } from '../engine/types.js';
import type { StoryStats } from './compile.js';
import type { Problem } from './problem.js';
import {
  STORY_IMAGE_VERSION,
  flagNames,
  storyFromParts,
  type ImageHead,
  type SceneImage,
  type StoryImage,
} from './story-image.js';

/** What the build embeds: JSON texts, so the bundle holds strings and parses them on demand. */
export interface PackedStory {
  /** JSON of a `PackedHead`. */
  readonly head: string;
  /** JSON of each `SceneImage`, in the order of `sceneIds`. */
  readonly scenes: readonly string[];
}

/** The head of a packed story. */
interface PackedHead {
  readonly version: typeof STORY_IMAGE_VERSION;
  readonly story: StoryImage['story'];
  readonly sceneIds: string[];
  readonly flags: string[];
  readonly stats: StoryStats;
  readonly problems: readonly Problem[];
}

/** Packs an image: the flag names are found here, once, from every scene. */
export function packStoryImage(image: StoryImage): PackedStory {
  const head: PackedHead = {
    version: image.version,
    story: image.story,
    sceneIds: image.scenes.map((s) => s.id),
    flags: [...flagNames(image)].sort(),
    stats: image.stats,
    problems: image.problems,
  };
  return { head: JSON.stringify(head), scenes: image.scenes.map((s) => JSON.stringify(s)) };
}

/** The story a packed image holds, its scenes rebuilt as they are first needed; with its size and warnings. */
export function storyFromPacked(packed: PackedStory): { story: Story; stats: StoryStats; problems: readonly Problem[] } {
  const head = JSON.parse(packed.head) as PackedHead;
  const parts: ImageHead = head;
  const story = storyFromParts(parts, (ids, rebuild) =>
    new LazyScenes(ids, (i) => rebuild(JSON.parse(packed.scenes[i] ?? 'null') as SceneImage)),
  );
  return { story, stats: head.stats, problems: head.problems };
}

/**
 * A scene map that builds each scene when it is first read. Looking one
 * scene up builds only that one; going through them all (size aside) builds
 * every one, in the story's order, so it behaves as the map of a story
 * loaded at once.
 */
export class LazyScenes extends Map<string, Scene> {
  private readonly index = new Map<string, number>();
  private readonly built: (Scene | undefined)[];
  private complete = false;

  constructor(
    private readonly ids: readonly string[],
    private readonly build: (index: number) => Scene,
  ) {
    super();
    ids.forEach((id, i) => this.index.set(id, i));
    this.built = new Array<Scene | undefined>(ids.length);
  }

  override get size(): number {
    return this.ids.length;
  }

  override get(id: string): Scene | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  override has(id: string): boolean {
    return this.index.has(id);
  }

  override set(): this {
    throw new TypeError('a story’s scenes never change once it is loaded');
  }

  override delete(): boolean {
    throw new TypeError('a story’s scenes never change once it is loaded');
  }

  override clear(): void {
    throw new TypeError('a story’s scenes never change once it is loaded');
  }

  // Going through the scenes: build them all into the underlying map, then
  // use its own iterators (`super`, as the overrides here would recurse).

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override values(): MapIterator<Scene> {
    this.fill();
    return super.values();
  }

  override entries(): MapIterator<[string, Scene]> {
    this.fill();
    return super.entries();
  }

  override forEach(visit: (scene: Scene, id: string, map: Map<string, Scene>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach((scene, id) => visit.call(thisArg, scene, id, this));
  }

  override [Symbol.iterator](): MapIterator<[string, Scene]> {
    return this.entries();
  }

  private at(i: number): Scene {
    let scene = this.built[i];
    if (scene === undefined) {
      scene = this.build(i);
      this.built[i] = scene;
    }
    return scene;
  }

  /** Builds every scene into the underlying map, in the story's order. */
  private fill(): void {
    if (this.complete) return;
    this.ids.forEach((id, i) => super.set(id, this.at(i)));
    this.complete = true;
  }
}
