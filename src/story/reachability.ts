/**
 * The story as a graph: which scene leads to which, through which choice,
 * and which scenes can be reached at all. Shared by `check` (unreachable
 * scenes) and `graph` (the drawing).
 */
import { alwaysRedirects } from '../engine/effects.js';
import type { Effect } from '../engine/effect-types.js';
import type { Choice, Scene, Story } from '../engine/story-types.js';
import { RETURN } from './names.js';
import { forEachEffect } from './story-facts.js';

/** One way from a scene to another. */
export interface SceneEdge {
  readonly from: string;
  /** A scene id, or `@return` (back to whatever scene was interrupted). */
  readonly to: string;
  /** The choice that leads there; absent for an `on_enter` redirect. */
  readonly choice?: Choice;
  /** True when the way may not be taken: a gated choice, or a goto inside a chance/check/if branch. */
  readonly conditional: boolean;
}

// A scene never changes once loaded; `check` walks the graph twice and `graph` once more.
const sceneEdges = new WeakMap<Scene, readonly SceneEdge[]>();

/** Every way out of `scene`: `on_enter` redirects first, then each choice's, in order, without duplicates. */
export function edgesOf(scene: Scene): readonly SceneEdge[] {
  let edges = sceneEdges.get(scene);
  if (edges === undefined) {
    edges = Object.freeze(findEdges(scene));
    sceneEdges.set(scene, edges);
  }
  return edges;
}

function findEdges(scene: Scene): SceneEdge[] {
  const edges: SceneEdge[] = [];
  const add = (to: string, conditional: boolean, choice?: Choice): void => {
    // A scene has a handful of edges: a scan finds a repeat sooner than a set of keys would.
    if (edges.some((e) => e.to === to && e.choice === choice)) return;
    edges.push(choice === undefined ? { from: scene.id, to, conditional } : { from: scene.id, to, conditional, choice });
  };
  // An edge for each goto in `effects`, conditional inside a branch or when `gated`; whether there was one.
  const addGotos = (effects: readonly Effect[], gated: boolean, choice?: Choice): boolean => {
    let found = false;
    forEachEffect(effects, (e, inBranch) => {
      if (e.kind !== 'goto') return;
      found = true;
      add(e.scene, gated || inBranch, choice);
    });
    return found;
  };
  addGotos(scene.onEnter, false);
  for (const choice of scene.choices) {
    const gated = choice.if !== undefined || choice.requires !== undefined;
    const redirects = addGotos(choice.effects, gated, choice);
    // A sub-scene is played first; the choice's goto is where `@back` then comes to.
    if (choice.call !== undefined) add(choice.call, gated, choice);
    // A choice whose every path redirects never uses its own goto.
    if (choice.goto !== undefined && !alwaysRedirects(choice.effects)) add(choice.goto, gated || redirects, choice);
  }
  return edges;
}

/** The scenes a game can begin in or be thrown into: the start and every hook scene. */
export function rootScenes(story: Story): string[] {
  const roots = [story.start];
  for (const scene of Object.values(story.hooks)) {
    if (typeof scene === 'string' && !roots.includes(scene)) roots.push(scene);
  }
  return roots.filter((id) => story.scenes.has(id));
}

/**
 * The scenes reachable from the roots by following edges. `passable` can
 * rule out choices (e.g. ones whose condition never holds). `@return` leads
 * back to a scene already reached, so it adds nothing.
 */
export function reachableScenes(story: Story, passable: (choice: Choice) => boolean = () => true): Set<string> {
  const reached = new Set<string>();
  const queue = rootScenes(story);
  for (const id of queue) reached.add(id);
  for (let i = 0; i < queue.length; i++) {
    const scene = story.scenes.get(queue[i] ?? '');
    if (scene === undefined) continue;
    for (const edge of edgesOf(scene)) {
      if (edge.to === RETURN || reached.has(edge.to) || !story.scenes.has(edge.to)) continue;
      if (edge.choice !== undefined && !passable(edge.choice)) continue;
      reached.add(edge.to);
      queue.push(edge.to);
    }
  }
  return reached;
}
