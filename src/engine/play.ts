/**
 * The engine's public moves: `start` a game, list a state's `choicesOf`,
 * `step` to the next state, and `replay` a history. All pure: the same story,
 * seed and choices always give the same state.
 */
import { freeze, isDraft, original, produce, type Draft } from 'immer';
import { formatClock } from './clock.js';
import { withoutUnsafe } from './control-chars.js';
import { startingBonds } from './bonds.js';
import { startingDrift } from './drift.js';
import { applyEffects, type EffectOutcome } from './effects.js';
import { healthyCharacter, isDue, passTime } from './infection.js';
import { own } from './records.js';
import { hashUnit, seedOf } from './rng.js';
import { queueRolls } from './rolls.js';
import { applySetup, type Setup } from './setup.js';
import { testedStat, type TestedStat } from './skills.js';
import { plain, sortedHas, withAdded } from './sorted.js';
import { setStat } from './stats.js';
import { renderParagraphs, renderTemplate } from './text.js';
import type { CharacterState, Choice, Ending, GameState, Roll, Scene, Story } from './types.js';

/** The scene id a choice's `goto` uses to resume after an interrupting event. */
export const RETURN = '@return';
/** The pseudo-scene a `goto` names to come back from a sub-scene a choice `call`ed. */
export const BACK = '@back';

// A story whose scenes redirect to each other forever (on_enter gotos, hooks
// that fire again) is an author's bug; stop following it after this many hops.
const MAX_HOPS = 64;

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

/** One choice made: what a save's history records. */
export interface Move {
  readonly scene: string;
  readonly choice: string;
  readonly input?: string;
  /** Outcomes forced for the coming rolls just before this choice was made (plain mode's `force`). */
  readonly force?: readonly Roll[];
}

/** A choice that cannot be made in this state: a caller's bug, or a stale save. */
export class ChoiceError extends Error {
  override readonly name = 'ChoiceError';
  constructor(
    message: string,
    readonly scene: string,
    readonly choice: string,
  ) {
    super(message);
  }
}

/** A story that loops or points nowhere at run time (the loader prevents most). */
export class StoryRuntimeError extends Error {
  override readonly name = 'StoryRuntimeError';
}

/** The scene a state is in. */
export function sceneOf(story: Story, state: GameState): Scene {
  const scene = story.scenes.get(state.scene);
  if (scene === undefined) throw new StoryRuntimeError(`no scene '${state.scene}' in story '${story.id}'`);
  return scene;
}

/** A new game at the story's start scene, set up by `setup` (see setup.ts) when one is given. */
export function start(story: Story, seed: number, setup?: Setup): GameState {
  const game = startOwned(story, seed, setup);
  return freeze(game, true);
}

/**
 * A new game that the caller owns outright and may `advance` in place: for
 * runs that keep no state between moves (random playtests, replaying a
 * save). Nothing in it is shared with the story or with any other state.
 */
export function startOwned(story: Story, seed: number, setup?: Setup): OwnedState {
  const s = seedOf(seed);
  const characters: Record<string, CharacterState> = { player: healthyCharacter(hashUnit(s, 'player')) };
  for (const id of Object.keys(story.characters).sort()) {
    characters[id] = healthyCharacter(hashUnit(s, `character:${id}`));
  }
  const stats: Record<string, number> = {};
  for (const [id, def] of Object.entries(story.stats)) stats[id] = def.start;
  const bonds = startingBonds(story);
  const game: OwnedState = {
    scene: story.start,
    chapter: '',
    turn: 0,
    time: 0,
    rng: s,
    flags: [],
    stats,
    items: { ...story.startItems },
    party: Object.keys(story.characters)
      .sort()
      .filter((id) => story.characters[id]!.startsInParty),
    vars: { ...story.vars },
    visits: {},
    characters,
    said: [],
    ...(bonds === undefined ? {} : { bonds }),
    ...startingDrift(story),
  };
  if (setup !== undefined) applySetup(story, game, setup);
  // The clock a setup moved on was not lived through: no hunger, no incubation for it.
  const from = game.time;
  const hunger = game.characters.player?.hunger ?? 0;
  const skipped = enter(story, game, story.start, false, inPlace);
  settle(story, game, from + skipped, hunger, inPlace, true);
  return game;
}

/** Whether a choice is shown, and whether it can be picked. */
function availability(choice: Choice, state: GameState): 'hidden' | 'disabled' | 'enabled' {
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

/** The current scene's title, chapter, visible paragraphs and ending. */
export function sceneView(story: Story, state: GameState): SceneView {
  const scene = sceneOf(story, state);
  const paragraphs = renderParagraphs(story, state, scene.text);
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

/**
 * Makes a choice: applies its effects, moves to its destination, runs the
 * destination's `on_enter`, then lets the infection model and the story's
 * hooks act. Throws `ChoiceError` if the choice is not available now.
 */
export function step(story: Story, state: GameState, choiceId: string, input?: string): GameState {
  return move(story, state, choiceId, input, copyOnWrite);
}

/**
 * `step`, changing a state the caller owns (from `startOwned`) in place. The
 * same rules run as in `step`, without the copy-on-write a kept state
 * needs: several times faster, for bulk runs. A `ChoiceError` leaves the
 * state as it was.
 */
export function advance(story: Story, state: OwnedState, choiceId: string, input?: string): void {
  move(story, state, choiceId, input, inPlace);
}

/** A game state that one caller owns and changes in place. */
export type OwnedState = Draft<GameState>;

/**
 * How a move changes a state: `copyOnWrite` makes a new state that shares
 * what did not change with the old one (immer's `produce`); `inPlace`
 * changes a state its caller owns and returns the same object.
 */
interface Mode {
  readonly change: (state: GameState, recipe: (draft: Draft<GameState>) => void) => GameState;
  /** Whether states share records, which must then stay cheap to copy. */
  readonly sharing: boolean;
}

const copyOnWrite: Mode = { change: (state, recipe) => produce(state, recipe), sharing: true };

const inPlace: Mode = {
  change: (state, recipe) => {
    recipe(state as Draft<GameState>);
    return state;
  },
  sharing: false,
};

function move(story: Story, state: GameState, choiceId: string, input: string | undefined, mode: Mode): GameState {
  const choice = sceneOf(story, state).choices.find((c) => c.id === choiceId);
  if (choice === undefined) {
    throw new ChoiceError(`scene '${state.scene}' has no choice '${choiceId}'`, state.scene, choiceId);
  }
  const a = availability(choice, state);
  if (a !== 'enabled') {
    throw new ChoiceError(`choice '${choiceId}' in scene '${state.scene}' is ${a} now`, state.scene, choiceId);
  }
  // Read before the move: in place, the move changes `state` itself.
  const since = state.time;
  const hungerBefore = state.characters.player?.hunger ?? 0;
  const saidBefore = state.said.length > 0;
  const exposedBefore = state.characters.player?.status === 'exposed';
  let skipped = 0;
  const entered = mode.change(state, (draft) => {
    // What was said belongs to one move: this one starts with nothing said.
    if (saidBefore) draft.said = [];
    if (choice.input !== undefined) {
      // An empty answer keeps the variable's current value (its default, e.g. the default name).
      const answer = cleanInput(input ?? '', choice.input.maxLength);
      if (answer !== '') draft.vars[choice.input.var] = answer;
    }
    const from = draft.scene;
    if (choice.once === true) draft.taken = withAdded(plain(draft.taken ?? []), takenKey(from, choice.id)) as string[];
    const outcome: EffectOutcome = {};
    applyEffects(story, draft, choice.effects, outcome);
    let destination = outcome.redirect ?? choice.goto;
    if (choice.call !== undefined) {
      // The sub-scene's `@back` comes to the choice's way on, or back into this scene as it was.
      const back = destination === undefined ? { to: from, resume: true } : { to: destination, resume: false };
      draft.calls = [...(draft.calls ?? []), back];
      destination = choice.call;
    }
    if (destination === undefined) {
      throw new StoryRuntimeError(`choice '${choice.id}' in scene '${draft.scene}' leads nowhere`);
    }
    draft.turn += 1;
    if (destination === RETURN) {
      const back = draft.returnTo ?? story.start;
      delete draft.returnTo;
      skipped = (outcome.skipped ?? 0) + enter(story, draft, back, true, mode);
    } else {
      skipped = (outcome.skipped ?? 0) + enter(story, draft, destination, false, mode);
    }
  });
  return settle(story, entered, since + skipped, hungerBefore, mode, !exposedBefore);
}

/**
 * The party as a choice's own effects leave it, before its destination's
 * `on_enter` and the hooks act: what the choice did to the party, as
 * opposed to what the scene it leads to tells. The same rolls come out as
 * in `step` (the generator's state is the state's). Undefined when the
 * choice cannot be made in `state`.
 */
export function partyAfterChoice(story: Story, state: GameState, choiceId: string): readonly string[] | undefined {
  const choice = sceneOf(story, state).choices.find((c) => c.id === choiceId);
  if (choice === undefined || availability(choice, state) !== 'enabled') return undefined;
  try {
    return produce(state, (draft) => {
      applyEffects(story, draft, choice.effects, {});
    }).party;
  } catch {
    // An effect that fails at run time fails the move itself, which says so.
    return undefined;
  }
}

/**
 * Enters a scene and follows any `on_enter` redirects. `resume` returns into
 * the scene without running its `on_enter` again (after an interruption).
 * Returns the minutes skipped off-screen on the way.
 */
function enter(story: Story, draft: Draft<GameState>, sceneId: string, resume: boolean, mode: Mode): number {
  let target: string | undefined = sceneId;
  let skipEntry = resume;
  let skipped = 0;
  for (let hops = 0; target !== undefined; hops++) {
    if (hops >= MAX_HOPS) {
      throw new StoryRuntimeError(`scene '${sceneId}' keeps redirecting (more than ${MAX_HOPS} hops)`);
    }
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
    }
    const scene = story.scenes.get(target);
    if (scene === undefined) throw new StoryRuntimeError(`no scene '${target}' to go to`);
    draft.scene = scene.id;
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
 * After a move: lets the time that passed (since `since`: time skipped
 * off-screen is already left out) act on the infection model and
 * fires the story's hooks, entering their scenes, until nothing more happens.
 * Checks the plain state first, so a move that touches no infection costs
 * no second draft (this runs on every choice of every random playtest).
 */
function settle(
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
  passTime(draft, table, minutes, before.characters, holdPlayer);
  const health = story.stats.health;
  const player = draft.characters.player!;
  const mending = table.healsWhileHungry || player.hunger < table.hunger.hungry;
  if (player.status === 'semi-infected' && minutes > 0 && health !== undefined && mending) {
    const healed = (draft.stats.health ?? health.start) + (table.healingPerHour * minutes) / 60;
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

/** Trims typed text to one printable line of at most `max` characters. */
function cleanInput(text: string, max: number): string {
  // Control characters would corrupt the terminal when the name is shown.
  const printable = withoutUnsafe(text).replace(/[\t\n]/g, '').trim();
  return Array.from(printable).slice(0, max).join('');
}

/** The result of replaying a history against a story. */
export interface Replay {
  readonly state: GameState;
  /** How many moves of the history were replayed. */
  readonly applied: number;
  /** Why the replay stopped early, if it did. */
  readonly stoppedBecause?: string;
}

/**
 * Replays a history of moves from a new game with `seed` (set up by `setup`,
 * as it began). Stops at the first move that no longer fits the story (a
 * scene or choice removed or changed by an edit) and returns the last state
 * that did: never throws for a stale move.
 */
export function replay(story: Story, seed: number, moves: readonly Move[], setup?: Setup): Replay {
  // The replay owns its state until it returns it: no copy per move.
  const state = startOwned(story, seed, setup);
  const done = (applied: number, stoppedBecause?: string): Replay => ({
    state: freeze(state, true),
    applied,
    ...(stoppedBecause !== undefined ? { stoppedBecause } : {}),
  });
  for (let i = 0; i < moves.length; i++) {
    const next = moves[i]!;
    if (next.scene !== state.scene) {
      return done(i, `move ${i + 1} was made in scene '${next.scene}', but the story now reaches '${state.scene}' there`);
    }
    const waiting = state.forced;
    try {
      if (next.force !== undefined) queueRolls(state, next.force);
      advance(story, state, next.choice, next.input);
    } catch (error) {
      if (!(error instanceof ChoiceError)) throw error;
      // The move was never made, so neither were the rolls forced for it.
      if (waiting === undefined) delete state.forced;
      else state.forced = waiting;
      return done(i, error.message);
    }
  }
  return done(moves.length);
}

/** How a taken once-only choice is recorded in `GameState.taken`. */
function takenKey(scene: string, choice: string): string {
  return `${scene}#${choice}`;
}
