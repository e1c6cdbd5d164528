import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { GameState } from '../src/engine/state-types.js';
import type { Scene, Story } from '../src/engine/story-types.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { loadStoryDir, loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { LazyScenes, compressPacked, decompressPacked, packStoryImage, storyFromPacked } from '../src/story/packed-story.js';
import { runRandomTest } from '../src/tools/randomtest.js';
import { conditionsOf } from '../src/story/story-facts.js';
import { STORY_IMAGE_VERSION, StoryImageError, storyFromImage, storyImage, type StoryImage } from '../src/story/story-image.js';
import { generateStory } from '../bench/gen-story.js';

/** Every part of a story as plain data: conditions by source and AST, records marked when they have no prototype. */
function plain(value: unknown): unknown {
  if (typeof value === 'function') return '<function>';
  if (value instanceof Map) return [...value].map(([k, v]) => [k, plain(v)]);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    if (Object.getPrototypeOf(value) === null) out['<no prototype>'] = true;
    if (Object.isFrozen(value)) out['<frozen>'] = true;
    for (const key of Object.keys(value).sort()) out[key] = plain((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function loaded(result: LoadResult): Story {
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.story as Story;
}

/** The story through its image and JSON text, as the bundle does it. */
function roundTrip(result: LoadResult): Story {
  const story = loaded(result);
  const text = JSON.stringify(storyImage(story, result.stats, result.problems));
  return storyFromImage(JSON.parse(text) as StoryImage);
}

/** The story packed as the build stores it (before compression), then rebuilt scene by scene. */
function packedRoundTrip(result: LoadResult): Story {
  const story = loaded(result);
  return storyFromPacked(packStoryImage(storyImage(story, result.stats, result.problems))).story;
}

function expectSameStory(fromImage: Story, fromYaml: Story): void {
  expect(fromImage.hash).toBe(fromYaml.hash);
  expect([...fromImage.scenes.keys()]).toEqual([...fromYaml.scenes.keys()]);
  for (const [id, scene] of fromYaml.scenes) {
    expect(fromImage.scenes.get(id)?.choices.map((c) => c.id)).toEqual(scene.choices.map((c) => c.id));
  }
  // Reading every AST compiles every condition, so this also proves each one still compiles.
  expect(plain(fromImage)).toEqual(plain(fromYaml));
}

const FIXTURES = [
  'tests/fixtures/cli-story',
  'tests/fixtures/minimal',
  'tests/fixtures/graph',
  'tests/fixtures/analysis/clean',
  'tests/fixtures/outcomes',
  'tests/fixtures/format2',
  'tests/fixtures/survival',
  'tests/fixtures/drift-if',
  'tests/fixtures/balance',
  'tests/fixtures/come-back',
];

describe('a story rebuilt from its precompiled image', () => {
  it('is the shipped story exactly: same scenes, choices, conditions, texts and hash', async () => {
    const result = await loadStoryDir('story');
    expectSameStory(roundTrip(result), loaded(result));
  });

  it('plays the same random games as the shipped story loaded from YAML', async () => {
    const result = await loadStoryDir('story');
    const fromImage = roundTrip(result);
    const options = { runs: 300, seed: 11 };
    expect(runRandomTest(fromImage, options)).toEqual(runRandomTest(loaded(result), options));
  });

  it('is the shipped story exactly when packed as the bundle holds it, and plays the same games', async () => {
    const result = await loadStoryDir('story');
    const packed = packedRoundTrip(result);
    expectSameStory(packed, loaded(result));
    const options = { runs: 200, seed: 12 };
    expect(runRandomTest(packedRoundTrip(result), options)).toEqual(runRandomTest(loaded(result), options));
  });

  it('gets the same warnings from check as the story loaded from YAML', async () => {
    const result = await loadStoryDir('story');
    expect(analyzeStory(roundTrip(result))).toEqual(analyzeStory(loaded(result)));
  });

  it.each(FIXTURES)('is the same story for %s, in structure and in play', async (dir) => {
    const result = await loadStoryDir(dir);
    const fromImage = roundTrip(result);
    expectSameStory(fromImage, loaded(result));
    expect(runRandomTest(fromImage, { runs: 200, seed: 5 })).toEqual(runRandomTest(loaded(result), { runs: 200, seed: 5 }));
  });

  it('is the same for a large generated story with every kind of effect the generator writes', () => {
    const result = loadStoryFiles(generateStory(120));
    const fromImage = roundTrip(result);
    expectSameStory(fromImage, loaded(result));
    expect(runRandomTest(fromImage, { runs: 60, seed: 9 })).toEqual(runRandomTest(loaded(result), { runs: 60, seed: 9 }));
  });

  it('is the same for a generated story when packed', () => {
    const result = loadStoryFiles(generateStory(60));
    expectSameStory(packedRoundTrip(result), loaded(result));
  });

  it('is the same after the compression the build applies, line breaks and any character in the prose included', async () => {
    const files = await Promise.all(
      ['story.yaml', 'scenes/wake.yaml', 'scenes/door.yaml'].map(async (name) => ({
        path: `story/${name}`,
        text: await readFile(`tests/fixtures/minimal/${name}`, 'utf8'),
      })),
    );
    const odd = 'Line one\\nline two \\u2028 — 효산 고등학교 🧟 \\"quoted\\"';
    files[1] = { path: 'story/scenes/wake.yaml', text: files[1]!.text.replace('title: The Supply Closet', `title: "${odd}"`) };
    const result = loadStoryFiles(files);
    const packed = packStoryImage(storyImage(loaded(result), result.stats, result.problems));
    const compressed = await compressPacked(packed);
    expect(compressed.length).toBeLessThan(packed.length);
    const story = storyFromPacked(decompressPacked(compressed)).story;
    expect(story.scenes.get('closet.wake')?.title).toBe('Line one\nline two \u2028 — 효산 고등학교 🧟 "quoted"');
    expectSameStory(story, loaded(result));
  });

  it('says to rebuild when a scene is missing from a packed story cut short', () => {
    const result = loadStoryFiles(generateStory(5));
    const packed = packStoryImage(storyImage(loaded(result), result.stats, result.problems));
    const headOnly = packed.subarray(0, packed.indexOf('\n'));
    const { story } = storyFromPacked(headOnly);
    expect(() => story.scenes.get(story.start)).toThrow(StoryImageError);
    expect(() => story.scenes.get(story.start)).toThrow(/has no line 1: rebuild it \(npm run build\)/);
  });

  it('keeps the records without a prototype, so an author\'s key never reaches Object.prototype', () => {
    const story = roundTrip(loadStoryFiles(generateStory(20)));
    for (const record of [story.stats, story.items, story.startItems, story.characters, story.vars, story.flags]) {
      expect(Object.getPrototypeOf(record)).toBeNull();
      expect(Object.isFrozen(record)).toBe(true);
    }
  });

  it('keeps a scene\'s `back`, its inline condition included, and a scene without one has none', async () => {
    const story = roundTrip(await loadStoryDir('tests/fixtures/come-back'));
    const back = story.scenes.get('library')?.back;
    expect(back?.map((p) => ('text' in p ? p.text.src : ''))).toEqual([
      'The stacks are quiet again{if health > 5: , and your hand has stopped throbbing}.',
    ]);
    expect(story.scenes.get('cellar')).not.toHaveProperty('back');
  });

  it('refuses an image of another format version with a message saying to rebuild', () => {
    const result = loadStoryFiles(generateStory(5));
    const image = { ...storyImage(loaded(result), result.stats, result.problems), version: STORY_IMAGE_VERSION + 1 };
    expect(() => storyFromImage(image as unknown as StoryImage)).toThrow(StoryImageError);
    expect(() => storyFromImage(image as unknown as StoryImage)).toThrow(/npm run build/);
  });

  it('reports a condition that no longer compiles when it is first used, naming it', () => {
    const result = loadStoryFiles(generateStory(5));
    const image = storyImage(loaded(result), result.stats, result.problems);
    const broken = JSON.parse(JSON.stringify(image).replace('stamina > 2', 'stamna > 2')) as StoryImage;
    const story = storyFromImage(broken);
    const condition = conditionsOf(story).find((c) => c.src === 'stamna > 2');
    expect(condition).toBeDefined();
    expect(() => condition?.test({} as GameState)).toThrow(/'stamna > 2' does not compile/);
  });
});

describe('a packed story\'s scenes', () => {
  const ids = ['a', 'b', 'c'];
  const scene = (id: string) => ({ id }) as unknown as Scene;

  it('are built one at a time, when first looked up, and once', () => {
    const built: number[] = [];
    const scenes = new LazyScenes(ids, (i) => (built.push(i), scene(ids[i] ?? '')));
    expect(scenes.size).toBe(3);
    expect(scenes.has('c')).toBe(true);
    expect(built).toEqual([]);
    expect(scenes.get('b')?.id).toBe('b');
    expect(scenes.get('b')).toBe(scenes.get('b'));
    expect(scenes.get('nope')).toBeUndefined();
    expect(built).toEqual([1]);
  });

  it('go through in the story\'s order, whatever order they were built in', () => {
    const scenes = new LazyScenes(ids, (i) => scene(ids[i] ?? ''));
    scenes.get('c');
    expect([...scenes.keys()]).toEqual(ids);
    expect([...scenes.values()].map((s) => s.id)).toEqual(ids);
    expect([...scenes].map(([id]) => id)).toEqual(ids);
    const seen: string[] = [];
    scenes.forEach((s, id, map) => {
      expect(map).toBe(scenes);
      seen.push(`${id}:${s.id}`);
    });
    expect(seen).toEqual(['a:a', 'b:b', 'c:c']);
  });

  it('cannot be changed', () => {
    const scenes = new LazyScenes(ids, (i) => scene(ids[i] ?? ''));
    expect(() => scenes.set()).toThrow(TypeError);
    expect(() => scenes.delete()).toThrow(TypeError);
    expect(() => scenes.clear()).toThrow(TypeError);
    expect(scenes.size).toBe(3);
  });
});
