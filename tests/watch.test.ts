/**
 * `--watch` sees every save an editor makes, including the ones that write a
 * new file and rename it over the old (vim, JetBrains, `sed -i`): Node 20's
 * recursive watch on Linux lost the file after the first such save.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchStoryFolder } from '../src/cli/watch.js';
import type { Story } from '../src/engine/story-types.js';
import { loadStoryDir } from '../src/story/load.js';
import type { StoryChange } from '../src/ui/ports.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

/** A copy of the minimal fixture story, watched; the changes seen so far. */
async function watchedCopy(): Promise<{ dir: string; changes: StoryChange[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'hyosan-watch-'));
  cpSync('tests/fixtures/minimal', dir, { recursive: true });
  const loaded = await loadStoryDir(dir);
  let current: Story = loaded.story!;
  const changes: StoryChange[] = [];
  const stop = watchStoryFolder(
    dir,
    () => current,
    (change) => {
      changes.push(change);
      if (change.kind === 'reloaded') current = change.story;
    },
    30,
  );
  cleanups.push(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, changes };
}

/** Waits until `changes` holds `n` entries (polling), or fails after 5 s. */
async function seen(changes: readonly StoryChange[], n: number): Promise<void> {
  for (let i = 0; i < 250 && changes.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  expect(changes.length).toBeGreaterThanOrEqual(n);
}

/** Saves `file` as vim does: a new file beside it, renamed over it. */
function saveByRename(file: string, text: string): void {
  const temp = `${file}.tmp~`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

describe('--watch', () => {
  it('sees three saves in a row that each replace the file by a rename', async () => {
    const { dir, changes } = await watchedCopy();
    const file = join(dir, 'scenes', 'wake.yaml');
    const original = readFileSync(file, 'utf8');
    for (let n = 1; n <= 3; n++) {
      saveByRename(file, original.replace(/title: .*/, `title: Version ${n}`));
      await seen(changes, n);
      const change = changes[n - 1]!;
      expect(change.kind).toBe('reloaded');
      if (change.kind === 'reloaded') expect([...change.story.scenes.values()].map((s) => s.title)).toContain(`Version ${n}`);
    }
    expect(changes).toHaveLength(3);
  });

  it('sees a scene file written into a folder made after watching began', async () => {
    const { dir, changes } = await watchedCopy();
    const sub = join(dir, 'scenes', 'later');
    mkdirSync(sub);
    await new Promise((r) => setTimeout(r, 200));
    const scene = ['scenes:', '  - id: closet.later', '    title: Later', '    text: Later.', '    ending: { title: Later }', ''].join('\n');
    writeFileSync(join(sub, 'later.yaml'), scene);
    await seen(changes, 1);
    const last = changes.at(-1)!;
    expect(last.kind).toBe('reloaded');
    if (last.kind === 'reloaded') expect(last.story.scenes.has('closet.later')).toBe(true);
    saveByRename(join(sub, 'later.yaml'), scene.replace('title: Later', 'title: Later still'));
    const before = changes.length;
    await seen(changes, before + 1);
    const again = changes.at(-1)!;
    if (again.kind === 'reloaded') expect(again.story.scenes.get('closet.later')?.title).toBe('Later still');
    else expect.fail(`expected a reload, got: ${again.message}`);
  });
});

describe('--watch with --pack', () => {
  it('reloads the story with its pack when a file of the pack changes, and says when the pack breaks', async () => {
    const { withPackFolders } = await import('../src/cli/pack-source.js');
    const base = mkdtempSync(join(tmpdir(), 'hyosan-watch-base-'));
    const pack = join(mkdtempSync(join(tmpdir(), 'hyosan-watch-pack-')), 'cellar');
    cpSync('tests/fixtures/pack-base', base, { recursive: true });
    cpSync('tests/fixtures/packs/cellar', pack, { recursive: true });
    const reload = async () => withPackFolders(await loadStoryDir(base), [pack]);
    let current: Story = (await reload()).story!;
    const changes: StoryChange[] = [];
    const stop = watchStoryFolder(
      base,
      () => current,
      (change) => {
        changes.push(change);
        if (change.kind === 'reloaded') current = change.story;
      },
      30,
      { also: [pack], reload },
    );
    cleanups.push(() => {
      stop();
      rmSync(base, { recursive: true, force: true });
      rmSync(pack, { recursive: true, force: true });
    });
    const file = join(pack, 'scenes', 'cellar.yaml');
    saveByRename(file, readFileSync(file, 'utf8').replace('title: The Cellar Steps', 'title: Twelve Steps'));
    await seen(changes, 1);
    const change = changes[0]!;
    if (change.kind === 'reloaded') expect(change.story.scenes.get('cellar.steps')?.title).toBe('Twelve Steps');
    else expect.fail(`expected a reload, got: ${change.message}`);
    saveByRename(join(pack, 'scenes', 'way-in.yaml'), 'extend:\n  scene: hal\n  text: A draught.\n');
    await seen(changes, 2);
    const broken = changes[1]!;
    expect(broken.kind).toBe('broken');
    if (broken.kind === 'broken') expect(broken.message).toContain("pack 'cellar' extends the scene 'hal'");
  });
});
