/**
 * `hyosan check`'s static analyses of a story that loaded without errors:
 * things a story can do that are almost certainly not what its author meant.
 * Every finding is a warning, placed at the scene or choice involved. (Dead
 * ends, hooks naming no scene and duplicate choice ids are load errors: the
 * loader reports them.) docs/AUTHORING.md, "Tools", explains each one.
 */
import type { Condition, Expr } from '../engine/condition-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Choice, Scene, Story } from '../engine/story-types.js';
import { canAllHold, coversEveryCase, explainNever } from './condition-domains.js';
import type { ConditionWorld } from './condition-leaf-domains.js';
import type { Problem } from '../story/problem.js';
import { sortProblems } from '../story/problem.js';
import { typoWarnings } from './analyze-typos.js';
import { reachableScenes } from '../story/reachability.js';
import { deathsByRoll, silentRolls } from './roll-analysis.js';
import { scenesInOrder, sourceOf, storyFacts } from '../story/story-facts.js';

/** The analyses that can be left out of a run, by name. */
export type AnalysisName = 'silent-rolls' | 'deaths-by-roll';

/** Every warning the static analyses find in `story` (but those in `skip`), sorted by file and position. */
export function analyzeStory(story: Story, skip: readonly AnalysisName[] = []): Problem[] {
  const world: ConditionWorld = { story, facts: storyFacts(story) };
  const problems: Problem[] = [];
  const memo = new Memo();
  const dead = neverTrueChoices(story, world, problems, memo);
  unreachableScenes(story, new Set(dead.keys()), problems);
  possibleSoftLocks(story, world, problems, memo);
  unusedFlagsAndItems(world, problems);
  typoWarnings(story, world.facts, problems);
  if (!skip.includes('silent-rolls')) silentRolls(story, problems);
  if (!skip.includes('deaths-by-roll')) deathsByRoll(story, problems);
  return sortProblems(problems);
}

/**
 * Answers already found in this run, by the conditions' source text: many
 * choices share a condition (`has("torch")`), the same text always parses to
 * the same expression, and trying every combination of values is the
 * costliest part of `check`. A key is one condition's source, or a JSON
 * array (of two conditions, or of a scene's gates), which no condition's
 * source can be.
 */
class Memo {
  private readonly answers = new Map<string, unknown>();

  get<T>(key: string, find: () => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const answer = find();
    this.answers.set(key, answer);
    return answer;
  }
}

function warning(at: SourceRef, message: string): Problem {
  return { file: at.file, line: at.line, col: at.col, severity: 'warning', message };
}

/** The conditions that must all hold for a choice to be picked. */
function gateOf(choice: Choice): Expr[] {
  const gate: Expr[] = [];
  if (choice.if !== undefined) gate.push(choice.if.ast);
  if (choice.requires !== undefined) gate.push(choice.requires.ast);
  return gate;
}

/** What `check` proves no game will ever reach, each with its warning. */
export interface NeverReached {
  /** Unreachable scenes, by id. */
  readonly scenes: ReadonlyMap<string, Problem>;
  /** Choices whose condition can never be true, by `sceneId#choiceId`; also every choice of an unreachable scene. */
  readonly choices: ReadonlyMap<string, Problem>;
}

/** The scenes and choices `check` finds no game can reach (`randomtest --until-covered` names them). */
export function neverReached(story: Story): NeverReached {
  const world: ConditionWorld = { story, facts: storyFacts(story) };
  const dead = neverTrueChoices(story, world, [], new Memo());
  const scenes = unreachableScenes(story, new Set(dead.keys()), []);
  const choices = new Map<string, Problem>();
  for (const scene of scenesInOrder(story)) {
    for (const choice of scene.choices) {
      const why = scenes.get(scene.id) ?? dead.get(choice);
      if (why !== undefined) choices.set(`${scene.id}#${choice.id}`, why);
    }
  }
  return { scenes, choices };
}

/** Choices whose `if` or `requires` can never hold, each with its (first) warning, so reachability can skip them. */
function neverTrueChoices(story: Story, world: ConditionWorld, problems: Problem[], memo: Memo): Map<Choice, Problem> {
  const dead = new Map<Choice, Problem>();
  const never = (cond: Condition): boolean => memo.get(cond.src, () => canAllHold([cond.ast], world)) === 'never';
  for (const scene of scenesInOrder(story)) {
    for (const choice of scene.choices) {
      const { if: shown, requires } = choice;
      if (shown === undefined && requires === undefined) continue;
      let reported = false;
      const first = problems.length;
      if (shown !== undefined && never(shown)) {
        reported = true;
        problems.push(neverWarning(scene, choice, shown, 'if', 'is never shown', world));
      }
      if (requires !== undefined && never(requires)) {
        reported = true;
        problems.push(neverWarning(scene, choice, requires, 'requires', 'can never be picked', world));
      }
      if (!reported && shown !== undefined && requires !== undefined) {
        const both = [shown.ast, requires.ast];
        if (memo.get(JSON.stringify([shown.src, requires.src]), () => canAllHold(both, world)) === 'never') {
          reported = true;
          problems.push(
            warning(
              choice.source,
              `choice '${choice.id}' in scene '${scene.id}' can never be picked: whenever its if condition ` +
                `'${shown.src}' holds, its requires condition '${requires.src}' does not (${explainNever(both, world)})`,
            ),
          );
        }
      }
      if (reported) dead.set(choice, problems[first]!);
    }
  }
  return dead;
}

function neverWarning(
  scene: Scene,
  choice: Choice,
  cond: Condition,
  field: 'if' | 'requires',
  outcome: string,
  world: ConditionWorld,
): Problem {
  return warning(
    choice.source,
    `choice '${choice.id}' in scene '${scene.id}' ${outcome}: its ${field} condition '${cond.src}' ` +
      `can never be true (${explainNever([cond.ast], world)})`,
  );
}

/** Scenes no game can reach from the start scene or a hook scene, each with its warning. */
function unreachableScenes(story: Story, dead: ReadonlySet<Choice>, problems: Problem[]): Map<string, Problem> {
  const found = new Map<string, Problem>();
  const really = reachableScenes(story, (choice) => !dead.has(choice));
  // Only a never-true choice can make this differ from `really`, and only an unreachable scene's message asks.
  let anyway: ReadonlySet<string> | undefined;
  for (const scene of scenesInOrder(story)) {
    if (really.has(scene.id)) continue;
    anyway ??= dead.size === 0 ? really : reachableScenes(story);
    const why = anyway.has(scene.id)
      ? 'only choices whose condition can never be true lead here'
      : `no choice, goto or hook leads here from the start scene '${story.start}'`;
    const problem = warning(scene.source, `scene '${scene.id}' is unreachable: ${why}`);
    found.set(scene.id, problem);
    problems.push(problem);
  }
  return found;
}

/**
 * Scenes where every choice is gated and the gates do not obviously cover
 * every case, so a player may find no choice to pick. "Obviously" means the
 * condition domains prove it (e.g. `has("key")` on one choice and
 * `not has("key")` on another, or `noise > 3` and `noise <= 3`).
 */
function possibleSoftLocks(story: Story, world: ConditionWorld, problems: Problem[], memo: Memo): void {
  for (const scene of scenesInOrder(story)) {
    if (scene.ending !== undefined || scene.choices.length === 0) continue;
    if (scene.choices.some((c) => c.if === undefined && c.requires === undefined)) continue;
    const gates = JSON.stringify(['gates', ...scene.choices.map((c) => [c.if?.src ?? '', c.requires?.src ?? ''])]);
    if (memo.get(gates, () => coversEveryCase(scene.choices.map(gateOf), world))) continue;
    problems.push(warning(scene.source, softLockMessage(scene)));
  }
}

function softLockMessage(scene: Scene): string {
  const gates = scene.choices.map((c) => {
    const conds = [c.if?.src, c.requires?.src].filter((s): s is string => s !== undefined);
    return `'${c.id}' needs ${conds.map((s) => `'${s}'`).join(' and ')}`;
  });
  return (
    `scene '${scene.id}' may leave the player no choice (a soft-lock): every choice has a condition ` +
    `(${gates.join('; ')}) and they do not obviously cover every case; ` +
    `add a choice without a condition, or make one condition the opposite of another`
  );
}

/** Flags set and items given that no condition ever tests. */
function unusedFlagsAndItems(world: ConditionWorld, problems: Problem[]): void {
  const { facts } = world;
  for (const [flag, site] of facts.flagsSet) {
    if (facts.tested.flags.has(flag)) continue;
    problems.push(warning(sourceOf(site), `flag '${flag}' is set here but no condition ever tests it`));
  }
  for (const [item, site] of facts.itemsGiven) {
    if (facts.tested.items.has(item)) continue;
    problems.push(
      warning(sourceOf(site), `item '${item}' is given here but no condition ever tests it with has() or count()`),
    );
  }
}
