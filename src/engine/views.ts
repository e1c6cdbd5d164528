/**
 * What the player sees in a state: the scene they are in, its text, and its
 * choices (which are shown, which can be picked).
 */
import { formatClock } from './clock.js';
import { StoryRuntimeError } from './errors.js';
import { testedStat, type TestedStat } from './skills.js';
import { sortedHas } from './sorted.js';
import { renderParagraphs, renderTemplate } from './text.js';
import type { GameState } from './state-types.js';
import type { Choice, Ending, Scene, Story } from './story-types.js';

/** A choice as the player sees it. */
export interface ChoiceView {
  readonly id: string;
  readonly text: string;
  readonly enabled: boolean;
  readonly hint?: string;
  /** The stat the choice's check tests, once the player has met a check on it (see skills.ts). */
  readonly check?: TestedStat;
  readonly input?: { readonly var: string; readonly prompt: string; readonly maxLength: number };
}

/** A scene as the player sees it in a given state. */
export interface SceneView {
  readonly id: string;
  readonly title: string;
  readonly chapter: string;
  readonly paragraphs: readonly string[];
  readonly ending?: Ending;
  /** `Day 1, 08:40`. */
  readonly clock: string;
}

/** The scene a state is in. */
export function sceneOf(story: Story, state: GameState): Scene {
  const scene = story.scenes.get(state.scene);
  if (scene === undefined) throw new StoryRuntimeError(`no scene '${state.scene}' in story '${story.id}'`);
  return scene;
}

/** Whether a choice is shown, and whether it can be picked. */
export function availability(choice: Choice, state: GameState): 'hidden' | 'disabled' | 'enabled' {
  if (choice.once === true && state.taken !== undefined && sortedHas(state.taken, takenKey(state.scene, choice.id))) {
    return 'hidden';
  }
  if (choice.if !== undefined && !choice.if.test(state)) return 'hidden';
  if (choice.requires !== undefined && !choice.requires.test(state)) return 'disabled';
  return 'enabled';
}

/** The choices the player sees now: enabled ones and those disabled by `requires`. */
export function choicesOf(story: Story, state: GameState): readonly ChoiceView[] {
  const views: ChoiceView[] = [];
  for (const choice of sceneOf(story, state).choices) {
    const a = availability(choice, state);
    if (a === 'hidden') continue;
    const check = testedStat(story, state, choice.effects);
    views.push({
      id: choice.id,
      text: renderTemplate(story, state, choice.text),
      enabled: a === 'enabled',
      ...(a === 'disabled' && choice.hint !== undefined ? { hint: choice.hint } : {}),
      ...(check !== undefined ? { check } : {}),
      ...(choice.input !== undefined ? { input: choice.input } : {}),
    });
  }
  return views;
}

/** The ids of the choices that can be picked now (cheaper than `choicesOf`). */
export function enabledChoiceIds(story: Story, state: GameState): readonly string[] {
  const ids: string[] = [];
  for (const choice of sceneOf(story, state).choices) {
    if (availability(choice, state) === 'enabled') ids.push(choice.id);
  }
  return ids;
}

/**
 * The current scene's title, chapter, visible paragraphs and ending. A scene
 * come back to with `@back` (`state.resumed`) is not told again: its `back`
 * paragraphs show instead of its text, or none when it has no `back`.
 */
export function sceneView(story: Story, state: GameState): SceneView {
  const scene = sceneOf(story, state);
  const shown = state.resumed === true ? (scene.back ?? []) : scene.text;
  const paragraphs = renderParagraphs(story, state, shown);
  return {
    id: scene.id,
    title: scene.title,
    chapter: state.chapter,
    paragraphs,
    ...(scene.ending !== undefined ? { ending: scene.ending } : {}),
    clock: formatClock(story.clock, state.time),
  };
}

/** True when the game is over: an ending scene with no way on. */
export function isEnded(story: Story, state: GameState): boolean {
  const scene = sceneOf(story, state);
  return scene.ending !== undefined && enabledChoiceIds(story, state).length === 0;
}

/** How a taken once-only choice is recorded in `GameState.taken`. */
export function takenKey(scene: string, choice: string): string {
  return `${scene}#${choice}`;
}
