/**
 * Stats that move with story time. A stat's `drift` steps it every so many
 * minutes lived (noise falls while the group keeps quiet, supplies are
 * eaten, stamina comes back); the scene the player is in may pause or
 * change it (`Scene.drift`). A stat's `at_min` costs something every so
 * many minutes it sits at its minimum (running out of food and water costs
 * health and stamina).
 *
 * Only lived time counts: the minutes of a `time` effect, never of
 * `skip_time`. The minutes toward each next step are kept in the state
 * (`drift`, `atMin`), so a step falls at the same story time however the
 * minutes are split between effects and moves. The time is walked from one
 * step to the next, so steps that fall within one long `time` effect happen
 * in order and see each other (supplies run out, then the at_min clock
 * starts).
 *
 * What the steps change is recorded in the state (`drifted`) for the move
 * they fall in, so the player can be told what time did apart from what
 * the choice did.
 *
 * A stat's own rule may run only while a condition holds (`if:`; a halfbie
 * eats no food). While it does not, the rule is paused exactly as a scene's
 * `off` pauses it: no minutes count toward its next step, nothing it costs
 * falls, and it resumes with the minutes it had. The condition is looked at
 * when time starts to pass and again after every step of any lane within
 * it, with the clock walked to that moment: a step that changes what a
 * condition tests (a cost that brings stamina to 0) pauses or resumes a
 * rule from that moment on, and how the time is split never changes what a
 * condition on the state sees. (A condition on the clock itself, `hour`,
 * sees it only at those moments.)
 */
import type { Draft } from 'immer';
import type { Condition } from './condition-types.js';
import { own } from './records.js';
import { setStat } from './stats.js';
import type { GameState } from './state-types.js';
import type { AtMinRule, DriftRule, Story } from './story-types.js';

/** One clock that time runs: a stat's drift, or its at_min; it runs only while `runsIf` holds (when there is one). */
type Lane =
  | { readonly kind: 'drift'; readonly stat: string; readonly rule: DriftRule; readonly runsIf: Condition | undefined }
  | {
      readonly kind: 'atMin';
      readonly stat: string;
      readonly rule: AtMinRule;
      readonly min: number;
      readonly runsIf: Condition | undefined;
    };

/** The drift and at_min records a new game starts with; absent when the story has no drifting stat. */
export function startingDrift(story: Story): Pick<GameState, 'drift' | 'atMin'> {
  const drifting = story.drifting;
  if (drifting === undefined || drifting.length === 0) return {};
  const drift: Record<string, number> = {};
  let atMin: Record<string, number> | undefined;
  for (const stat of drifting) {
    drift[stat] = 0;
    if (own(story.stats, stat)?.atMin !== undefined) (atMin ??= {})[stat] = 0;
  }
  return atMin === undefined ? { drift } : { drift, atMin };
}

/**
 * Moves the clock on by `minutes` of lived story time (a `time` effect), and
 * lets that time act on the drifting stats, under the drift of the scene
 * the player is in now.
 */
export function passTime(story: Story, draft: Draft<GameState>, minutes: number): void {
  const drifting = story.drifting;
  const lanes = drifting === undefined || minutes <= 0 || draft.drift === undefined ? [] : lanesIn(story, draft.scene, drifting);
  if (lanes.length === 0) {
    draft.time += minutes;
    return;
  }
  const drift = draft.drift!;
  const atMin = draft.atMin;
  const running: boolean[] = [];
  let left = minutes;
  while (left > 0) {
    // Which lanes run until the next step, as the state is now (a paused lane counts nothing).
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i]!;
      running[i] = (lane.runsIf === undefined || lane.runsIf.test(draft)) && (lane.kind === 'drift' || atMinimum(lane, draft));
    }
    // Walk to the next step of any running lane (or to the end of the time).
    let span = left;
    for (let i = 0; i < lanes.length; i++) {
      if (!running[i]) continue;
      const lane = lanes[i]!;
      const need = lane.rule.every - lanePassed(lane, draft);
      if (need < span) span = Math.max(0, need);
    }
    for (let i = 0; i < lanes.length; i++) {
      if (!running[i]) continue;
      const lane = lanes[i]!;
      if (lane.kind === 'drift') drift[lane.stat] = (own(drift, lane.stat) ?? 0) + span;
      else if (atMin !== undefined) atMin[lane.stat] = (own(atMin, lane.stat) ?? 0) + span;
    }
    left -= span;
    if (span > 0) draft.time += span;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i]!;
      if (!running[i] || lanePassed(lane, draft) < lane.rule.every) continue;
      if (lane.kind === 'drift') {
        drift[lane.stat] = drift[lane.stat]! - lane.rule.every;
        moveStat(story, draft, lane.stat, lane.rule.by);
      } else if (atMin !== undefined && atMinimum(lane, draft)) {
        atMin[lane.stat] = atMin[lane.stat]! - lane.rule.every;
        for (const stat in lane.rule.add) moveStat(story, draft, stat, lane.rule.add[stat]!);
        // Said once a move however often it bites: the changes line counts the cost.
        if (lane.rule.say !== undefined && !draft.said.includes(lane.rule.say)) draft.said.push(lane.rule.say);
      }
    }
  }
}

/**
 * Moves a stat by `by` as time does, and records in `drifted` what that
 * changed: the change as the stat's bounds let it happen (supplies that
 * drift at 0 change nothing), netted with the move's earlier steps.
 */
function moveStat(story: Story, draft: Draft<GameState>, stat: string, by: number): void {
  const was = own(draft.stats, stat) ?? 0;
  setStat(story, draft, stat, was + by);
  const delta = (own(draft.stats, stat) ?? 0) - was;
  if (delta === 0) return;
  const drifted = (draft.drifted ??= {});
  const net = (own(drifted, stat) ?? 0) + delta;
  if (net !== 0) drifted[stat] = net;
  else {
    delete drifted[stat];
    if (Object.keys(drifted).length === 0) delete draft.drifted;
  }
}

/**
 * The lanes time runs in scene `sceneId`: each drifting stat's drift (as the
 * scene has it) and at_min, unless the scene pauses them. A scene's own rule
 * for a stat replaces the stat's, its `if` too.
 */
function lanesIn(story: Story, sceneId: string, drifting: readonly string[]): Lane[] {
  const here = story.scenes.get(sceneId)?.drift;
  if (here === 'off') return [];
  const lanes: Lane[] = [];
  for (const stat of drifting) {
    const def = story.stats[stat];
    if (def === undefined) continue;
    const local = here === undefined ? undefined : own(here, stat);
    if (local === 'off') continue;
    const rule = local ?? def.drift;
    const runsIf = local === undefined ? def.drift?.if : undefined;
    // The loader refuses an `every` of no time; a story built in code might not, and time would never move on.
    if (rule !== undefined && rule.every > 0) lanes.push({ kind: 'drift', stat, rule, runsIf });
    if (def.atMin !== undefined && def.atMin.every > 0) {
      lanes.push({ kind: 'atMin', stat, rule: def.atMin, min: def.min, runsIf: def.atMin.if });
    }
  }
  return lanes;
}

/** Minutes counted toward the lane's next step. */
function lanePassed(lane: Lane, state: GameState): number {
  const record = lane.kind === 'drift' ? state.drift : state.atMin;
  return (record === undefined ? undefined : own(record, lane.stat)) ?? 0;
}

function atMinimum(lane: Extract<Lane, { kind: 'atMin' }>, state: GameState): boolean {
  return (own(state.stats, lane.stat) ?? lane.min) <= lane.min;
}
