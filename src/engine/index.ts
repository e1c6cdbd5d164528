/** The pure engine: types, the moves of a game, and the infection model. */
export type * from './story-types.js';
export type * from './state-types.js';
export type * from './effect-types.js';
export type * from './text-types.js';
export type * from './condition-types.js';
export type * from './source-ref.js';
export { start, step, partyAfterChoice, startOwned, advance, replay, type Move, type Replay } from './play.js';
export { choicesOf, enabledChoiceIds, sceneView, sceneOf, isEnded, type ChoiceView, type SceneView } from './views.js';
export { RETURN, BACK } from './enter-scene.js';
export { ChoiceError, StoryRuntimeError } from './errors.js';
export { type OwnedState } from './change-mode.js';
export { formatClock, clockAt, dayAt, hourAt, minuteOfDayAt } from './clock.js';
export { FATES, FATE_NAMES, TURNED, fateOf, isDeathEnding } from './fates.js';
export {
  PARTS_OF_DAY,
  PART_NAMES,
  clockAgrees,
  inTimeOfDay,
  parseTimeOfDay,
  type PartOfDay,
} from './time-of-day.js';
export { renderTemplate } from './text.js';
export { setUp, minutesSinceStart, type Setup, type StatusSetup } from './setup.js';
export { forceRolls, rollNamed } from './rolls.js';
export { type TestedStat } from './skills.js';
export { alwaysRedirects } from './effects.js';
export { BOND_MAX, BOND_MIN, bondOf } from './bonds.js';
export {
  SYMPTOMS,
  POWERS,
  symptomsOf,
  powersOf,
  visibleCondition,
  longestIncubation,
  transmissionChance,
  outcomeChances,
  type Symptom,
  type Power,
  type VisibleCondition,
} from './infection.js';
export { DEFAULT_INFECTION_TABLE, type InfectionTable } from './infection-table.js';
