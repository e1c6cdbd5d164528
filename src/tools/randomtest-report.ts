/**
 * randomtest's report on a run: coverage against the story's scenes and
 * choices, and the lines that replay a game in the line-by-line mode.
 */
import { choicesOf, start, step } from '../engine/index.js';
import type { GameState, Move, Setup, Story } from '../engine/index.js';
import { balanceReport } from './balance.js';
import type { Coverage, RandomTestOptions, RandomTestPart, RandomTestResult } from './randomtest-result.js';

/** The run's report: coverage against the story's scenes and choices. */
export function summarize(
  story: Story,
  options: RandomTestOptions,
  part: RandomTestPart,
  seconds: number,
): RandomTestResult {
  const covered = coverageOf(part);
  const uncoveredScenes: string[] = [];
  const uncoveredChoices: string[] = [];
  const sceneHits: Record<string, number> = {};
  const choiceHits: Record<string, number> = {};
  let choicesTotal = 0;
  for (const id of [...story.scenes.keys()].sort()) {
    if (!covered.scenes.has(id)) uncoveredScenes.push(id);
    sceneHits[id] = part.sceneHits[id] ?? 0;
    for (const choice of story.scenes.get(id)?.choices ?? []) {
      choicesTotal++;
      const key = `${id}#${choice.id}`;
      if (!covered.choices.has(key)) uncoveredChoices.push(key);
      choiceHits[key] = part.choiceHits[key] ?? 0;
    }
  }
  return {
    runs: part.games,
    seed: options.seed,
    endings: part.endings,
    scenesCovered: story.scenes.size - uncoveredScenes.length,
    scenesTotal: story.scenes.size,
    choicesCovered: choicesTotal - uncoveredChoices.length,
    choicesTotal,
    uncovered: [...uncoveredScenes, ...uncoveredChoices],
    sceneHits,
    choiceHits,
    stuck: part.stuck,
    errors: part.errors,
    clockMismatches: part.clockMismatches,
    perSecond: seconds > 0 ? Math.round(part.games / seconds) : 0,
    ...(part.balance === undefined ? {} : { stats: balanceReport(story, part.balance) }),
  };
}

/** The scenes and choices a run reached. */
export function coverageOf(part: RandomTestPart): Coverage {
  return { scenes: new Set(part.scenes), choices: new Set(part.choices) };
}

/**
 * The lines to type in the line-by-line mode (`hyosan --plain --seed S`) to
 * replay `moves`: each choice's number as listed, then any typed answer. A
 * move that fails (the error a game ran into) is the last line. `story` and
 * `setup` are the game's as it began (see `playedStory`).
 */
export function plainModeLines(story: Story, seed: number, moves: readonly Move[], setup?: Setup): string[] {
  const lines: string[] = [];
  let state: GameState;
  try {
    state = start(story, seed, setup);
  } catch {
    return lines;
  }
  for (const move of moves) {
    const index = choicesOf(story, state).findIndex((c) => c.id === move.choice);
    lines.push(String(index + 1));
    if (move.input !== undefined) lines.push(move.input);
    try {
      state = step(story, state, move.choice, move.input);
    } catch {
      break;
    }
  }
  return lines;
}
