/**
 * The effects a choice or a scene entry has on the game state, compiled by
 * the loader (src/story/effects.ts) and applied by effects.ts.
 */
import type { Condition, NumberExpr } from './condition-types.js';
import type { SourceRef } from './source-ref.js';
import type { Emotion, ExposureOutcome, Fate, Route } from './state-types.js';
import type { Template } from './text-types.js';

/** Who an infection effect or condition is about: the player or a character id. */
export type Who = 'player' | (string & {});

/** What a choice or a scene entry does to the game state, in order. */
export type Effect =
  | { readonly kind: 'set'; readonly flags: readonly string[] }
  | { readonly kind: 'clear'; readonly flags: readonly string[] }
  /** Amounts are numbers, or computed from the state (`add: { stamina: "-noise" }`). */
  | { readonly kind: 'add'; readonly stats: Readonly<Record<string, number | NumberExpr>> }
  | { readonly kind: 'setStat'; readonly stats: Readonly<Record<string, number | NumberExpr>> }
  | { readonly kind: 'give'; readonly item: string; readonly count: number }
  | { readonly kind: 'take'; readonly item: string; readonly count: number }
  | { readonly kind: 'join'; readonly who: string }
  | { readonly kind: 'leave'; readonly who: string }
  | { readonly kind: 'time'; readonly minutes: number }
  /** Time that passes off-screen ("months later"): the clock jumps; hunger and healing don't count it. */
  | { readonly kind: 'skipTime'; readonly minutes: number }
  | { readonly kind: 'goto'; readonly scene: string }
  | { readonly kind: 'setVar'; readonly name: string; readonly value: Template }
  /** A line shown to the player before the next scene's text. */
  | { readonly kind: 'say'; readonly text: Template }
  | {
      readonly kind: 'chance';
      readonly percent: number;
      readonly then: readonly Effect[];
      readonly else: readonly Effect[];
      /** The author says the next scene's text tells the outcome (no `say` needed). */
      readonly told?: 'next-scene';
      readonly source?: SourceRef;
    }
  | {
      readonly kind: 'check';
      readonly stat: string;
      readonly difficulty: number;
      readonly then: readonly Effect[];
      readonly else: readonly Effect[];
      /** The author says the next scene's text tells the outcome (no `say` needed). */
      readonly told?: 'next-scene';
      readonly source?: SourceRef;
    }
  | {
      readonly kind: 'if';
      readonly cond: Condition;
      readonly then: readonly Effect[];
      readonly else: readonly Effect[];
    }
  | {
      readonly kind: 'expose';
      readonly who: Who;
      readonly route: Route;
      readonly emotion: Emotion;
      /** The character the virus comes from; absent for a zombie. An immune source never transmits. */
      readonly from?: string;
      /** The outcome the author decided: the exposure always takes hold and resolves to it. */
      readonly outcome?: ExposureOutcome;
    }
  /** Records what became of a character; `who` is a character id or `turned` (the companion who just turned). */
  | { readonly kind: 'fate'; readonly who: string; readonly fate: Fate }
  /** Raises or lowers characters' bonds with the player (kept within 0–10). */
  | { readonly kind: 'bond'; readonly changes: Readonly<Record<string, number>> }
  | { readonly kind: 'feed'; readonly who: Who; readonly amount: number }
  | { readonly kind: 'stress'; readonly who: Who; readonly amount: number }
  | { readonly kind: 'cure'; readonly who: Who }
  | {
      readonly kind: 'setStatus';
      readonly who: Who;
      readonly status: 'healthy' | 'immune' | 'semi-infected';
    };
