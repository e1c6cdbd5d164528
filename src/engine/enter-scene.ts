/**
 * Entering a scene: its chapter, its visit count and its `on_enter`, and the
 * redirects that follow (`goto` in `on_enter`, `@return`, `@back`).
 */
import { isDraft, original, type Draft } from 'immer';
import type { Mode } from './change-mode.js';
import { applyEffects, type EffectOutcome } from './effects.js';
import { StoryRuntimeError } from './errors.js';
import { own } from './records.js';
import type { GameState } from './state-types.js';
import type { Story } from './story-types.js';

/** The scene id a choice's `goto` uses to resume after an interrupting event. */
export const RETURN = '@return';
/** The pseudo-scene a `goto` names to come back from a sub-scene a choice `call`ed. */
export const BACK = '@back';

/**
 * A story whose scenes redirect to each other forever (on_enter gotos, hooks
 * that fire again) is an author's bug; stop following it after this many hops.
 */
export const MAX_HOPS = 64;

/**
 * Enters a scene and follows any `on_enter` redirects. `resume` returns into
 * the scene without running its `on_enter` again (after an interruption).
 * Returns the minutes skipped off-screen on the way.
 */
export function enter(story: Story, draft: Draft<GameState>, sceneId: string, resume: boolean, mode: Mode): number {
  let target: string | undefined = sceneId;
  let skipEntry = resume;
  let skipped = 0;
  for (let hops = 0; target !== undefined; hops++) {
    if (hops >= MAX_HOPS) {
      throw new StoryRuntimeError(`scene '${sceneId}' keeps redirecting (more than ${MAX_HOPS} hops)`);
    }
    // Coming back into a calling scene as it was: shown as come back to (views.ts).
    let cameBack = false;
    // A loop: a call's way on may itself be `@back` (a sub-scene that calls another, then returns).
    while (target === BACK) {
      const calls = draft.calls ?? [];
      const back = calls[calls.length - 1];
      if (back === undefined) {
        throw new StoryRuntimeError(`'@back' in scene '${draft.scene}', but no choice called a sub-scene to come back from`);
      }
      if (calls.length === 1) delete draft.calls;
      else draft.calls = calls.slice(0, -1);
      target = back.to;
      skipEntry = back.resume;
      cameBack = back.resume;
    }
    const scene = story.scenes.get(target);
    if (scene === undefined) throw new StoryRuntimeError(`no scene '${target}' to go to`);
    draft.scene = scene.id;
    if (cameBack) draft.resumed = true;
    else if (draft.resumed !== undefined) delete draft.resumed;
    const outcome: EffectOutcome = {};
    if (!skipEntry) {
      if (scene.chapter !== undefined) draft.chapter = scene.chapter;
      countVisit(draft, scene.id, mode.sharing);
      applyEffects(story, draft, scene.onEnter, outcome);
    }
    skipEntry = false;
    skipped += outcome.skipped ?? 0;
    target = outcome.redirect;
    if (target === RETURN) {
      target = draft.returnTo;
      delete draft.returnTo;
    }
  }
  return skipped;
}

/**
 * Counts a visit to `scene`. A state that shares its records gets a new
 * `visits` built by spreading rather than a key written through the draft:
 * V8 keeps a spread copy in its fast shape, while keys added one by one turn
 * a record into a dictionary that costs microseconds to copy on every later
 * move. An owned state is never copied, so it is simply counted in place.
 */
function countVisit(draft: Draft<GameState>, scene: string, sharing: boolean): void {
  if (!sharing) {
    draft.visits[scene] = (own(draft.visits, scene) ?? 0) + 1;
    return;
  }
  const base = isDraft(draft.visits) ? (original(draft.visits) as Record<string, number>) : draft.visits;
  draft.visits = { ...base, [scene]: (own(base, scene) ?? 0) + 1 };
}
