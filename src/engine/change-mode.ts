/**
 * The two ways a move can change a state: copy-on-write for a state that is
 * kept (the player's game, its saves), in place for a state one caller owns
 * (random playtests, replays), which is several times faster.
 */
import { produce, type Draft } from 'immer';
import type { GameState } from './state-types.js';

/** A game state that one caller owns and changes in place. */
export type OwnedState = Draft<GameState>;

/**
 * How a move changes a state: `copyOnWrite` makes a new state that shares
 * what did not change with the old one (immer's `produce`); `inPlace`
 * changes a state its caller owns and returns the same object.
 */
export interface Mode {
  readonly change: (state: GameState, recipe: (draft: Draft<GameState>) => void) => GameState;
  /** Whether states share records, which must then stay cheap to copy. */
  readonly sharing: boolean;
}

/** A new state sharing what did not change with the old one. */
export const copyOnWrite: Mode = { change: (state, recipe) => produce(state, recipe), sharing: true };

/** The same state, changed. */
export const inPlace: Mode = {
  change: (state, recipe) => {
    recipe(state as Draft<GameState>);
    return state;
  },
  sharing: false,
};
