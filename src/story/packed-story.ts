/**
 * A story image packed for the bundle: a small head (the settings, the scene
 * ids, the flag names) and each scene as its own JSON text, one a line, the
 * whole compressed with brotli (what the build writes to dist/story.br).
 * Starting a game decompresses it and parses the head; a scene's line is
 * decoded, parsed and rebuilt once, the first time the scene is asked for.
 * The story is the same as `storyFromImage` gives for the image.
 */
import { brotliCompress, brotliDecompressSync, constants } from 'node:zlib';
import type { Scene, Story } from '../engine/story-types.js';
import type { StoryStats } from './compile.js';
import type { Problem } from './problem.js';
import { SceneMap } from './scene-map.js';
import {
  STORY_IMAGE_VERSION,
  StoryImageError,
  flagNames,
  storyFromParts,
  type ImageHead,
  type SceneImage,
  type StoryImage,
} from './story-image.js';

/**
 * A packed story, in UTF-8: the JSON of a `PackedHead` on the first line,
 * then the JSON of each `SceneImage` on a line of its own, in the order of
 * `sceneIds` (JSON text never holds a line break of its own). It stays bytes
 * until a line is needed: the prose is not all ASCII, and decoding the whole
 * of it would cost every start some milliseconds.
 */
export type PackedStory = Buffer;

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
  return Buffer.from([head, ...image.scenes].map((part) => JSON.stringify(part)).join('\n'), 'utf8');
}

/** The story a packed image holds, its scenes rebuilt as they are first needed; with its size and warnings. */
export function storyFromPacked(packed: PackedStory): { story: Story; stats: StoryStats; problems: readonly Problem[] } {
  const line = lineReader(packed);
  const head = JSON.parse(line(0)) as PackedHead;
  const parts: ImageHead = head;
  const story = storyFromParts(parts, (ids, rebuild) =>
    new LazyScenes(ids, (i) => rebuild(JSON.parse(line(i + 1)) as SceneImage)),
  );
  return { story, stats: head.stats, problems: head.problems };
}

const LINE_BREAK = 0x0a;

/** Reads line `n` (from 0) of `bytes`, decoding only that line. */
function lineReader(bytes: Buffer): (n: number) => string {
  const starts = [0];
  for (let at = bytes.indexOf(LINE_BREAK); at !== -1; at = bytes.indexOf(LINE_BREAK, at + 1)) starts.push(at + 1);
  // Where a line after the last one would start: the last line ends where the bytes do.
  starts.push(bytes.length + 1);
  return (n) => {
    const start = starts[n];
    const next = starts[n + 1];
    if (start === undefined || next === undefined) {
      throw new StoryImageError(`the precompiled story has no line ${n}: rebuild it (npm run build)`);
    }
    return bytes.toString('utf8', start, next - 1);
  };
}

/**
 * Compresses a packed story for the package: brotli at its best (the text
 * is mostly prose, and is compressed once, at build time, but downloaded by
 * every install), in the background so the build can bundle meanwhile.
 */
export function compressPacked(packed: PackedStory): Promise<Buffer> {
  const params = {
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: packed.length,
  };
  return new Promise((resolve, reject) => {
    brotliCompress(packed, { params }, (error, compressed) => (error === null ? resolve(compressed) : reject(error)));
  });
}

/** The packed story in the bytes `compressPacked` made. */
export function decompressPacked(bytes: Uint8Array): PackedStory {
  return brotliDecompressSync(bytes);
}

/**
 * A scene map that builds each scene when it is first read. Looking one
 * scene up builds only that one; going through them all (size aside) builds
 * every one, in the story's order, so it behaves as the map of a story
 * loaded at once.
 */
export class LazyScenes extends SceneMap {
  private readonly index = new Map<string, number>();
  private readonly built: (Scene | undefined)[];

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

  protected override *inOrder(): Iterable<readonly [string, Scene]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i]!, this.at(i)];
  }

  private at(i: number): Scene {
    let scene = this.built[i];
    if (scene === undefined) {
      scene = this.build(i);
      this.built[i] = scene;
    }
    return scene;
  }
}
