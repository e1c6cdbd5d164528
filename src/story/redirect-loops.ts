/**
 * Scenes that can never be stayed in: a scene whose `on_enter` always moves
 * on (every path through it ends in a `goto`) is only a way through, and
 * when every way on leads only to more such scenes, entering any of them
 * goes round forever. The engine gives up after a few dozen hops ("story
 * failed"), in the middle of a game; the loader reports each scene of such a
 * loop instead, with the loop it is caught in.
 */
import { alwaysRedirects } from '../engine/effects.js';
import type { Scene } from '../engine/story-types.js';
import { RETURN } from './names.js';
import type { Problem } from './problem.js';
import { edgesOf } from './reachability.js';

/** An error for every scene that, once entered, is redirected forever. */
export function redirectLoops(scenes: ReadonlyMap<string, Scene>): Problem[] {
  // Where each scene's on_enter may send the player.
  const onward = new Map<string, string[]>();
  // Who may send the player to each scene, among the scenes that always move on.
  const from = new Map<string, string[]>();
  const settles = new Set<string>();
  const queue: string[] = [];
  for (const scene of scenes.values()) {
    if (!alwaysRedirects(scene.onEnter)) {
      settles.add(scene.id);
      queue.push(scene.id);
      continue;
    }
    const targets = edgesOf(scene)
      .filter((e) => e.choice === undefined)
      .map((e) => e.to);
    onward.set(scene.id, targets);
    for (const target of targets) {
      // Back to an interrupted scene, or to a scene that did not compile (reported already): not a loop found here.
      if (target === RETURN || !scenes.has(target)) {
        if (!settles.has(scene.id)) queue.push(scene.id);
        settles.add(scene.id);
      }
      from.set(target, [...(from.get(target) ?? []), scene.id]);
    }
  }
  // Backwards from every scene the player can stay in: whoever may lead there can be left.
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const before of from.get(next) ?? []) {
      if (settles.has(before)) continue;
      settles.add(before);
      queue.push(before);
    }
  }
  const problems: Problem[] = [];
  for (const scene of scenes.values()) {
    if (settles.has(scene.id)) continue;
    problems.push({
      file: scene.source.file,
      line: scene.source.line,
      col: scene.source.col,
      severity: 'error',
      message:
        `entering scene '${scene.id}' never ends: its on_enter always moves on, and every way on ` +
        `only leads round again (${loopFrom(scene.id, onward)}); give one of these scenes an on_enter path ` +
        'without a goto, so the player can stay and choose',
    });
  }
  return problems;
}

/** `a → b → a`: the way round from `start`, following each scene's first way on. */
function loopFrom(start: string, onward: ReadonlyMap<string, readonly string[]>): string {
  const seen: string[] = [];
  let at = start;
  while (!seen.includes(at)) {
    seen.push(at);
    const next = onward.get(at)?.[0];
    if (next === undefined) break;
    at = next;
  }
  return [...seen, at].join(' → ');
}
