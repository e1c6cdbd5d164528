/**
 * The engine's public moves: `start` a game, `step` to the next state (or
 * `advance` an owned one in place), and `replay` a history. All pure: the
 * same story, seed and choices always give the same state. What the player
 * sees of a state is views.ts; entering a scene, enter-scene.ts; what time
 * and the hooks do after a move, hooks.ts.
 */
import { freeze, produce } from 'immer';
import { startingBonds } from './bonds.js';
import { copyOnWrite, inPlace, type Mode, type OwnedState } from './change-mode.js';
import { withoutUnsafe } from './control-chars.js';
import { startingDrift } from './drift.js';
import { applyEffects, type EffectOutcome } from './effects.js';
import { RETURN, enter } from './enter-scene.js';
import { ChoiceError, StoryRuntimeError } from './errors.js';
import { settle } from './hooks.js';
import { healthyCharacter } from './infection.js';
import { hashUnit, seedOf } from './rng.js';
import { queueRolls } from './rolls.js';
import { applySetup, type Setup } from './setup.js';
import { plain, withAdded } from './sorted.js';
import { availability, sceneOf, takenKey } from './views.js';
import type { CharacterState, GameState, Roll } from './state-types.js';
import type { Story } from './story-types.js';

/** One choice made: what a save's history records. */
export interface Move {
  readonly scene: string;
  readonly choice: string;
  readonly input?: string;
  /** Outcomes forced for the coming rolls just before this choice was made (plain mode's `force`). */
  readonly force?: readonly Roll[];
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
  const driftedBefore = state.drifted !== undefined;
  const resumedBefore = state.resumed !== undefined;
  const exposedBefore = state.characters.player?.status === 'exposed';
  let skipped = 0;
  const entered = mode.change(state, (draft) => {
    // What was said belongs to one move: this one starts with nothing said.
    if (saidBefore) draft.said = [];
    // So is what time did to the stats.
    if (driftedBefore) delete draft.drifted;
    // And whether it came back into a scene with `@back`.
    if (resumedBefore) delete draft.resumed;
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
