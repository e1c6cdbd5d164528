/**
 * The shipped story holds issue 14's balance targets (Season 2 held to
 * Season 1's stat rule too), measured as the issue
 * measures them: by the balance report of random games at the default seed.
 * A story change that lets a stat sit at its bound, fixes a companion's
 * fate, or starves an ending shows up here with the figure that moved; the
 * figures and what they mean are in story/README.md, "Balance".
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { sceneConditions } from '../src/story/story-facts.js';
import { balanceReport, type BalanceReport } from '../src/tools/balance.js';
import { runRandomTest } from '../src/tools/randomtest.js';
import type { RandomTestPart } from '../src/tools/randomtest-result.js';

let story: Story;
let stats: BalanceReport;
let wide: BalanceReport;
let widePart: RandomTestPart;

beforeAll(async () => {
  const loaded = await loadStoryDir('story');
  story = loaded.story!;
  // `hyosan randomtest story -n 3000 --stats` and `-n 5000`, default seed.
  stats = balanceReport(story, runRandomTest(story, { runs: 3000, seed: 1, stats: true }).balance!);
  widePart = runRandomTest(story, { runs: 5000, seed: 1, stats: true });
  wide = balanceReport(story, widePart.balance!);
}, 120_000);

/** The share (0–1) of the games reaching a season's endings at a stat's bound, leaving out `except`'s games. */
function shareAt(season: 's1' | 's2', stat: string, bound: 'atMin' | 'atMax', except?: string): number {
  const group = stats.byGroup[season]!;
  let games = group.stats[stat]![bound] * group.games;
  const left = except === undefined || !except.startsWith(`${season}.`) ? undefined : stats.byEnding[except];
  if (left !== undefined) games -= left.stats[stat]![bound] * left.games;
  return games / group.games;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

describe("the shipped story's balance (issue 14)", () => {
  // Issue 14 sets this target on Season 1; Season 2 is held to the same rule.
  it.each(['s1', 's2'] as const)('keeps every visible stat off its bounds in at least 75%% of the games reaching %s’s endings', (season) => {
    // Health at its minimum at the ending on_death leads to is what that ending is.
    const death = story.hooks.on_death;
    expect(death).toBeDefined();
    const over: string[] = [];
    for (const id of Object.keys(story.stats)) {
      const atMax = shareAt(season, id, 'atMax');
      const atMin = shareAt(season, id, 'atMin', id === 'health' ? death : undefined);
      if (atMax > 0.25) over.push(`${id} at its maximum in ${percent(atMax)}`);
      if (atMin > 0.25) over.push(`${id} at its minimum in ${percent(atMin)}`);
    }
    expect(over).toEqual([]);
  });

  it('makes each main Season 1 companion’s place at the end depend on choices (with you in 10–90%)', () => {
    const group = stats.byGroup.s1!;
    for (const who of ['onjo', 'cheongsan', 'suhyeok', 'namra', 'woojin']) {
      const withPlayer = group.characters[who]!.withPlayer;
      expect(withPlayer, `${who} with the player in ${percent(withPlayer)}`).toBeGreaterThanOrEqual(0.1);
      expect(withPlayer, `${who} with the player in ${percent(withPlayer)}`).toBeLessThanOrEqual(0.9);
    }
  });

  it('lets every ending be reached by at least 0.3% of 5,000 random games', () => {
    const endings = [...story.scenes.values()].filter((s) => s.ending !== undefined).map((s) => s.id);
    const rare = endings
      .map((id) => [id, wide.endings[id] ?? 0] as const)
      .filter(([, games]) => games < 0.003 * 5000)
      .map(([id, games]) => `${id}: ${games} of 5,000`);
    expect(rare).toEqual([]);
  });

  it('lets those 5,000 games reach every scene but the listed rare ones, never get stuck, and show each scene at its time of day', () => {
    // A rare scene (tests/fixtures/ending-routes.json, "rare") has a committed
    // route that tests/story.test.ts replays; random play, which takes the
    // least-made choice, may miss it: s1.checkpoint-found-out needs a halfbie
    // who passes every halfbie-only way out before the line.
    const rare = new Set((JSON.parse(readFileSync('tests/fixtures/ending-routes.json', 'utf8')) as { rare: string[] }).rare);
    const missed = [...story.scenes.keys()].filter((id) => (widePart.sceneHits[id] ?? 0) === 0 && !rare.has(id));
    expect(missed).toEqual([]);
    expect(widePart.stuck.map((s) => `${s.reason} at ${s.scene} (seed ${s.seed})`)).toEqual([]);
    expect(widePart.errors.map((e) => `${e.message} (seed ${e.seed})`)).toEqual([]);
    expect(widePart.clockMismatches.map((m) => `${m.scene} at ${m.found}, stated ${m.stated}`)).toEqual([]);
  });

  it('has at least three conditions per season on the clock (day, hour, time): its deadlines', () => {
    const clock = /\b(day|hour|time)\b/;
    for (const season of ['s1.', 's2.']) {
      let count = 0;
      for (const scene of story.scenes.values()) {
        if (!scene.id.startsWith(season)) continue;
        const sources = sceneConditions(scene).map((c) => c.src);
        // Quoted text is not a name the condition reads.
        count += sources.filter((src) => clock.test(src.replace(/"[^"]*"|'[^']*'/g, ''))).length;
      }
      expect(count, season).toBeGreaterThanOrEqual(3);
    }
  });
});
