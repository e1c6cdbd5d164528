/**
 * Scene text as the engine keeps it: templates with `{name}` placeholders,
 * inline conditions and variations, parsed at load time, and the paragraphs
 * (plain or first-match) a scene's text is made of.
 */
import type { Condition } from './condition-types.js';

/**
 * One piece of a text template: literal text, a `{name}` to fill in, an
 * inline condition (`{if hurt: limping | walking}`), or a variation by visit
 * (`{seq: first time | every time after}`).
 */
export type TemplatePart =
  | string
  | { readonly name: string }
  | {
      readonly kind: 'if';
      readonly cond: Condition;
      readonly then: readonly TemplatePart[];
      readonly else: readonly TemplatePart[];
    }
  | { readonly kind: 'vary'; readonly mode: VaryMode; readonly options: readonly (readonly TemplatePart[])[] };

/**
 * How a variation picks its option on the scene's n-th visit: `seq` the
 * n-th, then the last for ever; `cycle` round and round; `once` the n-th,
 * then nothing; `shuffle` one at random (from the game's seed, so a replay
 * shows the same).
 */
export type VaryMode = 'seq' | 'cycle' | 'once' | 'shuffle';

/** A text with `{name}` placeholders, parsed at load time. */
export interface Template {
  readonly src: string;
  readonly parts: readonly TemplatePart[];
}

/** A paragraph of scene text, shown only when its condition (if any) holds. */
export interface PlainParagraph {
  readonly text: Template;
  readonly if?: Condition;
}

/**
 * First-match text: the paragraphs of the first case whose condition holds
 * (a case without one always does); nothing when none does. An `if` with an
 * `else` is two cases.
 */
export interface FirstParagraph {
  readonly first: readonly FirstCase[];
}

/** One case of first-match text. */
export interface FirstCase {
  readonly if?: Condition;
  readonly text: readonly Template[];
}

/** A paragraph of scene text. */
export type Paragraph = PlainParagraph | FirstParagraph;
