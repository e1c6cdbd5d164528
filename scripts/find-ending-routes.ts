/**
 * Finds, for every ending of the shipped story (and each scene in the
 * fixture's `rare` list), a seed and a sequence of choices that reaches it,
 * and writes them to tests/fixtures/ending-routes.json (which
 * tests/story.test.ts replays). Run it after changing the story's endings:
 * `node --import tsx scripts/find-ending-routes.ts`.
 *
 * Rare scenes — ones random play seldom reaches, which the coverage tests
 * then take by their fixed route — are listed by hand in the fixture's
 * `rare` array (the test that fails names the scenes it missed); this
 * script keeps the list as it finds it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { replay, type Move } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { runRandomTest } from '../src/tools/randomtest.js';
import { mergeParts } from '../src/tools/randomtest-merge.js';
import type { EndingRoute } from '../src/tools/randomtest-result.js';

const loaded = await loadStoryDir('story');
if (loaded.story === undefined) {
  console.error('the story has errors: run `hyosan check story` first');
  process.exit(1);
}
const story = loaded.story;
const FIXTURE = 'tests/fixtures/ending-routes.json';
interface Committed {
  rare?: string[];
  routes?: Record<string, { seed: number; moves: Move[] }>;
}
const committed: Committed = existsSync(FIXTURE) ? (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Committed) : {};
const RARE: readonly string[] = committed.rare ?? [];
const unknown = RARE.filter((id) => !story.scenes.has(id));
if (unknown.length > 0) console.error(`rare scenes the story no longer has (remove them from ${FIXTURE}): ${unknown.join(', ')}`);
const starts: (readonly Move[])[] = [
  [{ scene: 'title.start', choice: 'season1' }],
  ...['healthy', 'immune', 'halfbie-hidden', 'halfbie-known'].map((status) => [
    { scene: 'title.start', choice: 'season2' },
    { scene: 's2.who-were-you', choice: status },
  ]),
];
const endings = [...story.scenes.values()].filter((s) => s.ending !== undefined).map((s) => s.id).concat(RARE);
const found = new Map<string, Pick<EndingRoute, "seed" | "moves">>();
for (let seed = 1; seed <= 20 && found.size < endings.length; seed++) {
  const run = mergeParts(starts.map((prefix) => runRandomTest(story, { runs: 2000, seed, prefix, routeTo: RARE })));
  for (const [id, route] of Object.entries(run.routes)) {
    const had = found.get(id);
    // Shorter routes make shorter, clearer tests.
    if (had === undefined || route.moves.length < had.moves.length) found.set(id, route);
  }
}
// A scene the search missed keeps its committed route while that still reaches it
// (a rare scene's route may have been found by hand or by a longer search).
for (const id of endings) {
  const old = committed.routes?.[id];
  if (found.has(id) || old === undefined) continue;
  const r = replay(story, old.seed, old.moves);
  if (r.stoppedBecause === undefined && r.state.scene === id) found.set(id, { seed: old.seed, moves: old.moves });
}
const missing = endings.filter((id) => !found.has(id));
const routes = Object.fromEntries(
  [...found].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, r]) => [id, { seed: r.seed, moves: r.moves }]),
);
writeFileSync(FIXTURE, `${JSON.stringify({ story: story.hash, rare: RARE, routes }, null, 1)}\n`);
console.log(`wrote routes to ${found.size} of ${endings.length} endings and rare scenes`);
if (missing.length > 0) {
  console.error(`no route found to: ${missing.join(', ')}`);
  process.exitCode = 1;
}
