/**
 * Writes the example saves under saves/examples/: games of the shipped story
 * stopped at the start of each act (and of Season 2 once it exists), so a
 * player or an author can jump there with `hyosan --load saves/examples/X.json`.
 * `node --import tsx scripts/gen-save-examples.ts` after a story edit that
 * breaks one (tests/saves-codec.test.ts says when).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choicesOf, enabledChoiceIds, isEnded, visibleCondition } from '../src/engine/index.js';
import type { Story } from '../src/engine/story-types.js';
import { encodeSave, newGame, playChoice, type SavedGame } from '../src/saves/index.js';
import { loadStoryDir } from '../src/story/load.js';

/** An example: the file it goes to and the scene it stops at. */
export interface ExampleSpec {
  readonly file: string;
  readonly scene: string;
}

/** The examples, each written only when its scene exists in the story. */
export const EXAMPLES: readonly ExampleSpec[] = [
  { file: 'saves/examples/season1-start.json', scene: 's1.prologue' },
  { file: 'saves/examples/season1-act2.json', scene: 's1.music-room' },
  { file: 'saves/examples/season1-act3.json', scene: 's1.rooftop-dawn' },
  { file: 'saves/examples/season2-start.json', scene: 's2.who-were-you' },
];

// Fixed, so regenerating an unchanged story gives the same files.
const SEED = 2026;
const SAVED_AT = new Date('2026-01-01T12:00:00.000Z');
const PLAYER_NAME = 'Seo-yun';
const ATTEMPTS = 400;
const MAX_TURNS = 400;

/** The example saves' contents by path relative to the repository root. */
export function generateSaveExamples(story: Story): Record<string, string> {
  const files: Record<string, string> = {};
  for (const spec of EXAMPLES) {
    if (!story.scenes.has(spec.scene)) continue;
    const game = playTo(story, spec.scene);
    if (game === undefined) throw new Error(`no playthrough with seed ${SEED} reaches ${spec.scene}`);
    files[spec.file] = encodeSave(story, game, SAVED_AT);
  }
  return files;
}

/**
 * A game that reaches `target`: each turn takes the enabled choice whose
 * destination is nearest the target on the scene graph, breaking ties and
 * sometimes straying at random (chance effects can throw a plan off).
 * Prefers a playthrough where the player arrives well, as a starting point
 * an author would want.
 */
function playTo(story: Story, target: string): SavedGame | undefined {
  const distance = distancesTo(story, target);
  let rng = 1;
  const random = () => {
    rng = (rng * 1_103_515_245 + 12_345) % 2 ** 31;
    return rng / 2 ** 31;
  };
  let fallback: SavedGame | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let game = newGame(story, SEED);
    for (let turn = 0; turn < MAX_TURNS && !isEnded(story, game.state); turn++) {
      if (game.state.scene === target) break;
      const ids = enabledChoiceIds(story, game.state);
      if (ids.length === 0) break;
      const far = (id: string) => distance.get(gotoOf(story, game.state.scene, id) ?? '') ?? Infinity;
      const ranked = [...ids].sort((a, b) => far(a) - far(b) || random() - 0.5);
      const id = random() < 0.15 * Math.min(1, attempt / 50) ? ids[Math.floor(random() * ids.length)]! : ranked[0]!;
      const asks = choicesOf(story, game.state).find((c) => c.id === id)?.input;
      game = playChoice(story, game, id, asks === undefined ? undefined : PLAYER_NAME);
    }
    if (game.state.scene !== target) continue;
    if (visibleCondition(game.state, 'player', story.infection).label === 'well') return game;
    fallback ??= game;
  }
  return fallback;
}

function gotoOf(story: Story, scene: string, choice: string): string | undefined {
  return story.scenes.get(scene)?.choices.find((c) => c.id === choice)?.goto;
}

/** Each scene's number of `goto` hops to `target` (ignoring conditions). */
function distancesTo(story: Story, target: string): Map<string, number> {
  const into = new Map<string, string[]>();
  for (const scene of story.scenes.values()) {
    for (const choice of scene.choices) {
      if (choice.goto === undefined) continue;
      into.set(choice.goto, [...(into.get(choice.goto) ?? []), scene.id]);
    }
  }
  const distance = new Map([[target, 0]]);
  const queue = [target];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const from of into.get(next) ?? []) {
      if (!distance.has(from)) {
        distance.set(from, distance.get(next)! + 1);
        queue.push(from);
      }
    }
  }
  return distance;
}

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Loads the shipped story and writes the examples under `dir` (the repository root by default). */
export async function writeSaveExamples(dir = root): Promise<string[]> {
  const loaded = await loadStoryDir(join(dir, 'story'));
  if (loaded.story === undefined) throw new Error("the shipped story has errors; run 'hyosan check' first");
  const written: string[] = [];
  for (const [path, text] of Object.entries(generateSaveExamples(loaded.story))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
    written.push(path);
  }
  return written;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of await writeSaveExamples()) console.log(`wrote ${path}`);
}
