/**
 * Measurements that need a fresh process each (a cold JIT and an empty heap,
 * as an author's `hyosan check` or a player's start has): run by bench/run.ts
 * as `node --import tsx bench/child.ts MODE ARGS…`; prints one JSON object.
 *
 *   scale DIR           load + check a story folder: { loadMs, checkMs, cpuMs, scenes, errors }
 *                       (cpuMs: the process's CPU time for both, steadier than the clock on a busy machine)
 *   story-yaml DIR OUT  load a story from its files already in memory: { ms }; writes its image
 *                       to OUT and the image packed and compressed as the build writes it
 *                       (dist/story.br) to OUT.br
 *   story-image FILE    rebuild every scene of a story from an image already in memory: { ms }
 *   story-packed FILE   from the compressed packed story in memory to the first scene's text,
 *                       as play does: { ms }
 */
import { readFile, writeFile } from 'node:fs/promises';
import { sceneView, start } from '../src/engine/index.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { loadStoryDir, loadStoryFiles, type SourceFile } from '../src/story/load.js';
import { compressPacked, decompressPacked, packStoryImage, storyFromPacked } from '../src/story/packed-story.js';
import { storyFromImage, storyImage, type StoryImage } from '../src/story/story-image.js';
import { generateStory } from './gen-story.js';

const [mode, first = '', second = ''] = process.argv.slice(2);

async function filesOf(dir: string): Promise<SourceFile[]> {
  // Read the way the bundle embeds them; loadStoryDir's own reading is not what is timed.
  const { readdir } = await import('node:fs/promises');
  const { join, relative } = await import('node:path');
  const out: SourceFile[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(full);
      else if (e.isFile() && e.name.endsWith('.yaml')) out.push({ path: `story/${relative(dir, full)}`, text: await readFile(full, 'utf8') });
    }
  };
  await walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

switch (mode) {
  case 'scale': {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const loaded = await loadStoryDir(first);
    const loadMs = performance.now() - started;
    const checked = performance.now();
    if (loaded.story !== undefined) analyzeStory(loaded.story);
    const checkMs = performance.now() - checked;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    console.log(JSON.stringify({ loadMs, checkMs, cpuMs, scenes: loaded.story?.scenes.size ?? 0, errors }));
    break;
  }
  case 'story-yaml': {
    const files = await filesOf(first);
    const started = performance.now();
    const loaded = loadStoryFiles(files);
    const ms = performance.now() - started;
    if (loaded.story === undefined) {
      console.log(JSON.stringify({ error: `the story has ${loaded.problems.filter((p) => p.severity === 'error').length} errors` }));
      break;
    }
    const full = storyImage(loaded.story, loaded.stats, loaded.problems);
    const image = JSON.stringify(full);
    await writeFile(second, image);
    await writeFile(`${second}.br`, await compressPacked(packStoryImage(full)));
    console.log(JSON.stringify({ ms, bytes: Buffer.byteLength(image), yamlBytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) }));
    break;
  }
  case 'story-image': {
    const text = await readFile(first, 'utf8');
    const started = performance.now();
    const story = storyFromImage(JSON.parse(text) as StoryImage);
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, scenes: story.scenes.size }));
    break;
  }
  case 'story-packed': {
    // Reading the file is not part of the time (the start reads ~180 KB).
    const compressed = await readFile(first);
    const started = performance.now();
    const { story } = storyFromPacked(decompressPacked(compressed));
    const paragraphs = sceneView(story, start(story, 1)).paragraphs.length;
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, paragraphs }));
    break;
  }
  case 'generate': {
    // For reproducing by hand: writes a generated story of N scenes to DIR.
    const { writeStory } = await import('./gen-story.js');
    await writeStory(second, generateStory(Number(first)));
    console.log(JSON.stringify({ dir: second }));
    break;
  }
  default:
    console.error(`bench/child.ts: unknown mode '${String(mode)}'`);
    process.exitCode = 2;
}
