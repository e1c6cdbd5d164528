/**
 * What happens after a move, once its scene is entered: the time that
 * passed acts on the infection model (and a halfbie's healing), and the
 * story's hooks fire (death, turning, hunger, a companion turning),
 * entering their scenes, until nothing more happens.
 */
import type { Draft } from 'immer';
import type { Mode } from './change-mode.js';
import { MAX_HOPS, enter } from './enter-scene.js';
import { StoryRuntimeError } from './errors.js';
import { isDue, passTime } from './infection.js';
import type { InfectionTable } from './infection-table.js';
import { setStat } from './stats.js';
import type { GameState } from './state-types.js';
import type { Story } from './story-types.js';

/**
 * After a move: lets the time that passed (since `since`: time skipped
 * off-screen is already left out) act on the infection model and
 * fires the story's hooks, entering their scenes, until nothing more happens.
 * Checks the plain state first, so a move that touches no infection costs
 * no second draft (this runs on every choice of every random playtest).
 */
export function settle(
  story: Story,
  entered: GameState,
  since: number,
  hungerBefore: number,
  mode: Mode,
  /** The player was not yet incubating when the move began: an incubation begun in it waits for the next. */
  holdPlayer = false,
): GameState {
  let state = entered;
  let last = since;
  let hunger = hungerBefore;
  for (let hops = 0; ; hops++) {
    if (hops >= MAX_HOPS) {
      throw new StoryRuntimeError(`hooks keep firing after scene '${entered.scene}' (more than ${MAX_HOPS})`);
    }
    const now = state.time;
    const minutes = now - last;
    if (!needsAttention(story, state, minutes, hunger, holdPlayer)) return state;
    let hook: string | undefined;
    let skipped = 0;
    const before = state;
    state = mode.change(state, (draft) => {
      hook = hookAfter(story, draft, before, minutes, hunger, holdPlayer);
      if (hook !== undefined) skipped = enter(story, draft, hook, false, mode);
    });
    if (hook === undefined) return state;
    // The hook scene's own on_enter may pass more time: the next round sees it.
    last = now + skipped;
    hunger = state.characters.player?.hunger ?? 0;
  }
}

/** Whether time, the infection or a hook has anything to do in this state. */
function needsAttention(story: Story, state: GameState, minutes: number, hungerBefore: number, holdPlayer: boolean): boolean {
  for (const who in state.characters) {
    const c = state.characters[who]!;
    if (c.status === 'exposed' && c.incubation !== undefined && isDue(who, c.incubation, state.time, holdPlayer)) return true;
    if (c.status === 'semi-infected' && minutes > 0) return true;
  }
  return dueEvent(story, state, hungerBefore) !== undefined;
}

/** What a story hook makes happen next: a jump to a hook scene, or a companion who has turned. */
type DueEvent =
  | { readonly kind: 'jump'; readonly scene: string; readonly returnHere: boolean }
  | { readonly kind: 'companion'; readonly who: string };

/**
 * The hook due in this state, if any (reads only, so it serves a plain state
 * and a draft alike): death first, then the player turning, then hunger,
 * then a companion turning. Hooks never fire in an ending, nor again inside
 * their own scene; turned companions wait while another hook scene plays.
 */
function dueEvent(story: Story, state: GameState, hungerBefore: number): DueEvent | undefined {
  const hooks = story.hooks;
  const here = state.scene;
  if (story.scenes.get(here)?.ending !== undefined) return undefined;
  const health = story.stats.health;
  if (hooks.on_death !== undefined && health !== undefined && (state.stats.health ?? health.start) <= health.min) {
    return here === hooks.on_death ? undefined : { kind: 'jump', scene: hooks.on_death, returnHere: false };
  }
  const player = state.characters.player;
  if (hooks.on_turn !== undefined && player?.status === 'infected') {
    return here === hooks.on_turn ? undefined : { kind: 'jump', scene: hooks.on_turn, returnHere: false };
  }
  const max = story.infection.hunger.max;
  if (
    hooks.on_hunger_max !== undefined &&
    player?.status === 'semi-infected' &&
    hungerBefore < max &&
    player.hunger >= max &&
    here !== hooks.on_hunger_max
  ) {
    // The player may master the hunger and go on: `@return` comes back here.
    return { kind: 'jump', scene: hooks.on_hunger_max, returnHere: true };
  }
  const inHookScene =
    here === hooks.on_death || here === hooks.on_turn || here === hooks.on_hunger_max || here === hooks.on_companion_turn;
  if (inHookScene) return undefined;
  const turned = state.party.find((who) => state.characters[who]?.status === 'infected');
  return turned === undefined ? undefined : { kind: 'companion', who: turned };
}

/**
 * Lets `minutes` act on the infection model, then returns the hook scene to
 * jump to, if any (see `dueEvent`). A turned companion leaves the party and
 * interrupts with `on_companion_turn`, which remembers where to return.
 */
function hookAfter(
  story: Story,
  draft: Draft<GameState>,
  before: GameState,
  minutes: number,
  hungerBefore: number,
  holdPlayer: boolean,
): string | undefined {
  const table = story.infection;
  // The hunger the time began at, read before passTime raises it by the whole span (in place, `before` is the draft).
  const was = before.characters.player;
  const hungerThen = was?.status === 'semi-infected' ? was.hunger : undefined;
  passTime(draft, table, minutes, before.characters, holdPlayer);
  const health = story.stats.health;
  const player = draft.characters.player!;
  if (player.status === 'semi-infected' && minutes > 0 && health !== undefined) {
    // A halfbie made by this very time starts at the table's hunger.
    const mending = table.healsWhileHungry ? minutes : minutesFed(table, hungerThen ?? player.hunger, minutes);
    const healed = (draft.stats.health ?? health.start) + (table.healingPerHour * mending) / 60;
    setStat(story, draft, 'health', Math.floor(healed));
  }
  const event = dueEvent(story, draft, hungerBefore);
  if (event === undefined) return undefined;
  if (event.kind === 'jump') {
    if (event.returnHere) draft.returnTo = draft.scene;
    return event.scene;
  }
  draft.party.splice(draft.party.indexOf(event.who), 1);
  const hook = story.hooks.on_companion_turn;
  if (hook === undefined) return undefined;
  draft.vars.turned_id = event.who;
  draft.vars.turned_name = story.characters[event.who]?.name ?? event.who;
  draft.returnTo = draft.scene;
  return hook;
}

/**
 * Of `minutes` that began at hunger `hunger`, those lived while not hungry
 * (below `hunger.hungry`): hunger rises steadily with time, so a halfbie fed
 * when a long wait begins mends until hunger comes back, not for none of it.
 */
function minutesFed(table: InfectionTable, hunger: number, minutes: number): number {
  const { hungry, perHour } = table.hunger;
  if (hunger >= hungry) return 0;
  if (perHour <= 0) return minutes;
  return Math.min(minutes, ((hungry - hunger) * 60) / perHour);
}
