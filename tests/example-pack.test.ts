/**
 * The example pack in packs/library-stacks holds the shipped story's
 * promises too: it checks clean with the story, random games from the
 * library into its scenes reach every one of them and its ending and never
 * get stuck, and no scene of the pack is shown at a time of day its text
 * does not assume.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/story-types.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { loadStoryDir } from '../src/story/load.js';
import { loadPack } from '../src/story/pack-load.js';
import { addPacks, type CompiledPack } from '../src/story/packs.js';
import { runRandomTest } from '../src/tools/randomtest.js';

let pack: CompiledPack;
let story: Story;
beforeAll(async () => {
  const alone = (await loadStoryDir('story')).story!;
  pack = await loadPack(alone, 'packs/library-stacks');
  story = addPacks(alone, [pack]).story;
});

const scenesOfPack = () => [...story.scenes.keys()].filter((id) => id.startsWith('stacks.')).sort();

describe('the example pack', () => {
  it('checks clean with the story: no errors and no warnings, anywhere', () => {
    expect(pack.problems).toEqual([]);
    expect(analyzeStory(story).map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('has 5 to 8 scenes, an ending of its own, a companion of its own, and joins the story through an extend of a Season 1 scene', () => {
    expect(scenesOfPack().length).toBeGreaterThanOrEqual(5);
    expect(scenesOfPack().length).toBeLessThanOrEqual(8);
    expect(scenesOfPack().filter((id) => story.scenes.get(id)!.ending !== undefined)).toEqual(['stacks.end-overdue']);
    expect(story.characters['stacks.dain']?.name).toBe('Da-in');
    expect(pack.extensions.map((e) => e.scene)).toContain('s1.library');
    expect(story.scenes.get('s1.library')!.choices.map((c) => c.id)).toEqual(['sleep', 'watch', 'kitchenette', 'search', 'own-blood', 'stacks.door', 'stacks.return']);
  });

  it('is played to every scene and its ending by random games from the library at night, never stuck and never at the wrong time', () => {
    const run = runRandomTest(story, { runs: 1500, seed: 7, maxSteps: 2000, startAt: 's1.library', setup: { at: { day: 1, minute: 23 * 60 } } });
    expect(run.stuck.map((s) => `${s.reason} at ${s.scene} (seed ${s.seed})`)).toEqual([]);
    expect(run.errors.map((e) => `${e.message} (seed ${e.seed})`)).toEqual([]);
    expect(run.clockMismatches.filter((c) => c.scene.startsWith('stacks.'))).toEqual([]);
    expect(scenesOfPack().filter((id) => !run.scenes.includes(id))).toEqual([]);
    expect(run.endings['stacks.end-overdue']).toBeGreaterThan(0);
  });
});
