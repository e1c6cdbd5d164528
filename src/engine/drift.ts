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
 */
import type { Draft } from 'immer';
import { own } from './records.js';
import { setStat } from './stats.js';
import type { GameState } from './state-types.js';
import type { AtMinRule, DriftRule, Story } from './story-types.js';

/** One clock that time runs: a stat's drift, or its at_min. */
type Lane =
  | { readonly kind: 'drift'; readonly stat: string; readonly rule: DriftRule }
  | { readonly kind: 'atMin'; readonly stat: string; readonly rule: AtMinRule; readonly min: number };

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
 * Lets `minutes` of lived story time act on the drifting stats, under the
 * drift of the scene the player is in now.
 */
export function passDrift(story: Story, draft: Draft<GameState>, minutes: number): void {
  const drifting = story.drifting;
  if (drifting === undefined || minutes <= 0 || draft.drift === undefined) return;
  const lanes = lanesIn(story, draft.scene, drifting);
  if (lanes.length === 0) return;
  const drift = draft.drift;
  const atMin = draft.atMin;
  let left = minutes;
  while (left > 0) {
    // Walk to the next step of any lane (or to the end of the time).
    let span = left;
    for (const lane of lanes) {
      const need = lane.rule.every - lanePassed(lane, draft);
      if (need < span && (lane.kind === 'drift' || atMinimum(lane, draft))) span = Math.max(0, need);
    }
    for (const lane of lanes) {
      if (lane.kind === 'drift') drift[lane.stat] = (own(drift, lane.stat) ?? 0) + span;
      else if (atMin !== undefined && atMinimum(lane, draft)) atMin[lane.stat] = (own(atMin, lane.stat) ?? 0) + span;
    }
    left -= span;
    for (const lane of lanes) {
      if (lanePassed(lane, draft) < lane.rule.every) continue;
      if (lane.kind === 'drift') {
        drift[lane.stat] = drift[lane.stat]! - lane.rule.every;
        setStat(story, draft, lane.stat, (own(draft.stats, lane.stat) ?? 0) + lane.rule.by);
      } else if (atMin !== undefined && atMinimum(lane, draft)) {
        atMin[lane.stat] = atMin[lane.stat]! - lane.rule.every;
        for (const stat in lane.rule.add) setStat(story, draft, stat, (own(draft.stats, stat) ?? 0) + lane.rule.add[stat]!);
        // Said once a move however often it bites: the changes line counts the cost.
        if (lane.rule.say !== undefined && !draft.said.includes(lane.rule.say)) draft.said.push(lane.rule.say);
      }
    }
  }
}

/** The lanes time runs in scene `sceneId`: each drifting stat's drift (as the scene has it) and at_min, unless paused. */
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
    // The loader refuses an `every` of no time; a story built in code might not, and time would never move on.
    if (rule !== undefined && rule.every > 0) lanes.push({ kind: 'drift', stat, rule });
    if (def.atMin !== undefined && def.atMin.every > 0) lanes.push({ kind: 'atMin', stat, rule: def.atMin, min: def.min });
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
