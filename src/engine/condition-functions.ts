/**
 * The condition language's vocabulary beyond the story's own names: the
 * built-in names, the functions (`has`, `status`, `bond`…), what each
 * argument names, and the fixed values some functions return.
 */
import { bondOf } from './bonds.js';
import { bool, num, str, type ConditionType, type Typed } from './condition-closures.js';
import { FATE_NAMES, fateOf } from './fates.js';
import { powersOf, symptomsOf } from './infection.js';
import { own } from './records.js';
import type { InfectionStatus } from './state-types.js';

/** Names every condition can use without the story declaring them. */
export const BUILTINS: readonly string[] = ['day', 'hour', 'time', 'hunger', 'turn'];

const STATUSES: readonly InfectionStatus[] = ['healthy', 'exposed', 'infected', 'semi-infected', 'immune'];

/** What a function argument names; all but `who` must be a string literal. */
export type ArgKind = 'item' | 'character' | 'bonded' | 'scene' | 'var' | 'symptom' | 'power' | 'who';

/** A condition function: the argument lists it accepts and how to compile a call. */
export interface FunctionSpec {
  readonly result: ConditionType;
  readonly signatures: readonly (readonly ArgKind[])[];
  /** Builds the closure from the checked literal arguments (`who` resolved to an id). */
  readonly make: (args: readonly string[]) => Typed;
}

/** `[who, name]` for `symptom(name)` / `symptom(who, name)` and the like. */
function whoAndName(args: readonly string[]): [string, string] {
  return args.length === 2 ? [args[0] ?? '', args[1] ?? ''] : ['player', args[0] ?? ''];
}

/** The condition functions, by name. A Map, so `constructor` is never found by accident. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['has', { result: 'bool', signatures: [['item']], make: ([k = '']) => bool((s) => (own(s.items, k) ?? 0) > 0) }],
  ['count', { result: 'num', signatures: [['item']], make: ([k = '']) => num((s) => own(s.items, k) ?? 0) }],
  ['with', { result: 'bool', signatures: [['character']], make: ([k = '']) => bool((s) => s.party.includes(k)) }],
  ['visited', { result: 'num', signatures: [['scene']], make: ([k = '']) => num((s) => own(s.visits, k) ?? 0) }],
  [
    'status',
    { result: 'str', signatures: [['who']], make: ([k = '']) => str((s) => own(s.characters, k)?.status ?? 'healthy') },
  ],
  [
    'symptom',
    {
      result: 'bool',
      signatures: [['symptom'], ['who', 'symptom']],
      make: (args) => {
        const [who, name] = whoAndName(args);
        return bool((s) => (symptomsOf(s, who) as readonly string[]).includes(name));
      },
    },
  ],
  [
    'power',
    {
      result: 'bool',
      signatures: [['power'], ['who', 'power']],
      make: (args) => {
        const [who, name] = whoAndName(args);
        return bool((s) => (powersOf(s, who) as readonly string[]).includes(name));
      },
    },
  ],
  ['hunger', { result: 'num', signatures: [['who']], make: ([k = '']) => num((s) => own(s.characters, k)?.hunger ?? 0) }],
  ['var', { result: 'str', signatures: [['var']], make: ([k = '']) => str((s) => own(s.vars, k) ?? '') }],
  ['fate', { result: 'str', signatures: [['character']], make: ([k = '']) => str((s) => fateOf(s, k)) }],
  [
    'since_exposed',
    {
      result: 'num',
      signatures: [['who']],
      make: ([k = '']) =>
        num((s) => {
          const at = own(s.characters, k)?.exposedAt;
          return at === undefined ? -1 : s.time - at;
        }),
    },
  ],
  ['bond', { result: 'num', signatures: [['bonded']], make: ([k = '']) => num((s) => bondOf(s, k)) }],
]);

/**
 * The string values a function's result can take, for those whose values
 * are a fixed set: comparing one with anything else is an author's mistake.
 */
export const RESULT_VALUES: ReadonlyMap<string, { readonly values: readonly string[]; readonly what: string; readonly example: string }> =
  new Map([
    ['status', { values: STATUSES, what: 'an infection status', example: 'infected' }],
    ['fate', { values: ['', ...FATE_NAMES], what: 'a fate', example: 'killed' }],
  ]);

/** How a message names each kind of argument, with an example. */
export const ARG_WORDS: Readonly<Record<ArgKind, { readonly what: string; readonly example: string }>> = {
  item: { what: "item's id", example: 'water' },
  character: { what: "character's id", example: 'onjo' },
  bonded: { what: "character's id", example: 'onjo' },
  scene: { what: "scene's id", example: 's1.library' },
  var: { what: "variable's name", example: 'name' },
  symptom: { what: "symptom's name", example: 'fever' },
  power: { what: "power's name", example: 'hearing' },
  who: { what: "character's id", example: 'onjo' },
};
