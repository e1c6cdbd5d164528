import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  parseCondition,
  referencesOf,
  type ConditionNames,
  type ConditionProblem,
} from '../src/engine/condition.js';
import { POWERS, SYMPTOMS, healthyCharacter, powersOf, symptomsOf } from '../src/engine/infection.js';
import type { Expr } from '../src/engine/condition-types.js';
import type { CharacterState, GameState, InfectionStatus } from '../src/engine/state-types.js';

const NAMES: ConditionNames = {
  stats: new Set(['stamina', 'noise', 'health']),
  flags: new Set(['saw_teacher', 's1.met_onjo', 'door_open']),
  characters: new Set(['onjo', 'suhyeok']),
  bonds: new Set(['onjo']),
  scenes: new Set(['s1.lab', 's1.library']),
  vars: new Set(['name']),
  clock: { day: 1, minute: 8 * 60 + 40 },
};

function character(status: InfectionStatus, hunger = 0): CharacterState {
  return { ...healthyCharacter(0.5), status, hunger };
}

function makeState(over: Partial<GameState> = {}): GameState {
  return {
    scene: 's1.lab',
    chapter: '',
    turn: 0,
    time: 0,
    rng: 1,
    flags: [],
    stats: {},
    items: {},
    party: [],
    vars: {},
    visits: {},
    characters: { player: character('healthy') },
    said: [],
    ...over,
  };
}

function holds(src: string, state: GameState = makeState(), names: ConditionNames = NAMES): boolean {
  const result = compileCondition(src, names);
  if (!result.ok) throw new Error(`${src}: ${JSON.stringify(result.problems)}`);
  return result.condition.test(state);
}

function problemsOf(src: string, names: ConditionNames = NAMES): ConditionProblem[] {
  const result = compileCondition(src, names);
  if (result.ok) throw new Error(`expected '${src}' to be rejected`);
  return result.problems;
}

function syntaxProblems(src: string): ConditionProblem[] {
  const result = parseCondition(src);
  if (result.ok) throw new Error(`expected '${src}' to be a syntax error`);
  return result.problems;
}

/** The AST without offsets, to compare shapes. */
function shape(e: Expr): unknown {
  switch (e.kind) {
    case 'num':
    case 'str':
    case 'bool':
      return { kind: e.kind, value: e.value };
    case 'name':
      return { kind: 'name', name: e.name };
    case 'call':
      return { kind: 'call', fn: e.fn, args: e.args.map(shape) };
    case 'not':
      return { kind: 'not', arg: shape(e.arg) };
    case 'and':
    case 'or':
      return { kind: e.kind, left: shape(e.left), right: shape(e.right) };
    case 'cmp':
    case 'arith':
      return { kind: e.kind, op: e.op, left: shape(e.left), right: shape(e.right) };
    default: {
      const never: never = e;
      return never;
    }
  }
}

function parsedShape(src: string): unknown {
  const result = parseCondition(src);
  if (!result.ok) throw new Error(`${src}: ${JSON.stringify(result.problems)}`);
  return shape(result.ast);
}

// Precedence levels for printing: or 1, and 2, not 3, comparison 4, + - 5, unary minus 6, primary 7.
function print(e: Expr, min = 0): string {
  let prec: number;
  let text: string;
  switch (e.kind) {
    case 'num':
      [prec, text] = e.value < 0 ? [6, `-${-e.value}`] : [7, String(e.value)];
      break;
    case 'str':
      [prec, text] = [7, `"${e.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`];
      break;
    case 'bool':
      [prec, text] = [7, String(e.value)];
      break;
    case 'name':
      [prec, text] = [7, e.name];
      break;
    case 'call':
      [prec, text] = [7, `${e.fn}(${e.args.map((a) => print(a)).join(', ')})`];
      break;
    case 'not':
      [prec, text] = [3, `not ${print(e.arg, 3)}`];
      break;
    case 'and':
      [prec, text] = [2, `${print(e.left, 2)} and ${print(e.right, 3)}`];
      break;
    case 'or':
      [prec, text] = [1, `${print(e.left, 1)} or ${print(e.right, 2)}`];
      break;
    case 'cmp':
      [prec, text] = [4, `${print(e.left, 5)} ${e.op} ${print(e.right, 5)}`];
      break;
    case 'arith':
      [prec, text] = [5, `${print(e.left, 5)} ${e.op} ${print(e.right, 6)}`];
      break;
    default: {
      const never: never = e;
      return never;
    }
  }
  return prec < min ? `(${text})` : text;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const at = { start: 0, end: 0 };
const arbName = fc
  .stringMatching(/^[a-z_][a-z0-9_]{0,5}(\.[a-z_][a-z0-9_]{0,4})?$/)
  .filter((n) => !KEYWORDS.has(n));
const arbExpr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 5, depthSize: 'small' },
    fc.oneof(
      fc.integer({ min: -1000, max: 100_000 }),
      fc.integer({ min: 1, max: 4000 }).map((n) => n / 4),
    ).map((value): Expr => ({ kind: 'num', value, ...at })),
    fc.string({ maxLength: 8 }).map((value): Expr => ({ kind: 'str', value, ...at })),
    fc.boolean().map((value): Expr => ({ kind: 'bool', value, ...at })),
    arbName.map((name): Expr => ({ kind: 'name', name, ...at })),
    fc
      .tuple(arbName, fc.array(tie('expr'), { maxLength: 3 }))
      .map(([fn, args]): Expr => ({ kind: 'call', fn, args, ...at })),
    tie('expr').map((arg): Expr => ({ kind: 'not', arg, ...at })),
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), tie('expr'), tie('expr'))
      .map(([kind, left, right]): Expr => ({ kind, left, right, ...at })),
    fc
      .tuple(fc.constantFrom('==' as const, '!=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'cmp', op, left, right, ...at })),
    fc
      .tuple(fc.constantFrom('+' as const, '-' as const), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'arith', op, left, right, ...at })),
  ),
})).expr;

describe('evaluating conditions', () => {
  it('reads literals, with a number meaning "more than zero"', () => {
    expect(holds('true')).toBe(true);
    expect(holds('false')).toBe(false);
    expect(holds('1')).toBe(true);
    expect(holds('0')).toBe(false);
    expect(holds('-1')).toBe(false);
    expect(holds('3.5 > 3')).toBe(true);
    expect(holds('"onjo" == \'onjo\'')).toBe(true);
    expect(holds(`'it\\'s' == "it's"`)).toBe(true);
    expect(holds(`"a\\\\b\\"" == 'a\\\\b"'`)).toBe(true);
  });

  it('reads flags, including dotted names', () => {
    const state = makeState({ flags: ['s1.met_onjo', 'saw_teacher'] });
    expect(holds('saw_teacher', state)).toBe(true);
    expect(holds('s1.met_onjo and not door_open', state)).toBe(true);
    expect(holds('door_open', state)).toBe(false);
  });

  it('reads stats, a missing one being 0', () => {
    const state = makeState({ stats: { stamina: 3 } });
    expect(holds('stamina > 2', state)).toBe(true);
    expect(holds('stamina == 3 and noise == 0', state)).toBe(true);
    expect(holds('stamina', state)).toBe(true);
    expect(holds('noise', state)).toBe(false);
    expect(holds('stamina - 3 <= noise', state)).toBe(true);
    expect(holds('-stamina == 0 - 3', state)).toBe(true);
    expect(holds('stamina + 1 >= 4 and stamina != 4', state)).toBe(true);
  });

  it('computes day and hour from the story clock', () => {
    expect(holds('day == 1 and hour == 8 and time == 0')).toBe(true);
    // 08:40 plus 15h20m is midnight of day 2.
    const midnight = makeState({ time: 15 * 60 + 20 });
    expect(holds('day == 2 and hour == 0 and time == 920', midnight)).toBe(true);
    expect(holds('day == 1', makeState({ time: 15 * 60 + 19 }))).toBe(true);
    expect(holds('hour == 23', makeState({ time: 15 * 60 + 19 }))).toBe(true);
  });

  it('reads turn and the player\'s hunger', () => {
    const state = makeState({ turn: 7, characters: { player: character('semi-infected', 72) } });
    expect(holds('turn == 7 and hunger > 70', state)).toBe(true);
    expect(holds('hunger', makeState({ characters: {} }))).toBe(false);
  });

  it('has() and count() read the inventory', () => {
    const state = makeState({ items: { water: 2, rope: 0 } });
    expect(holds('has("water") and count("water") >= 2', state)).toBe(true);
    expect(holds('has("rope")', state)).toBe(false);
    expect(holds('has("torch") or count("torch") != 0', state)).toBe(false);
  });

  it('with() reads the party and visited() counts entries', () => {
    const state = makeState({ party: ['onjo'], visits: { 's1.lab': 2 } });
    expect(holds('with("onjo") and not with("suhyeok")', state)).toBe(true);
    expect(holds('visited("s1.lab") == 2 and visited("s1.lab")', state)).toBe(true);
    expect(holds('visited("s1.library")', state)).toBe(false);
  });

  it('status() reads the true status, healthy when unknown', () => {
    const state = makeState({ characters: { player: character('semi-infected'), onjo: character('exposed') } });
    expect(holds('status(player) == "semi-infected"', state)).toBe(true);
    expect(holds('status("player") == "semi-infected"', state)).toBe(true);
    expect(holds("status('onjo') == 'exposed'", state)).toBe(true);
    expect(holds('status("suhyeok") == "healthy"', state)).toBe(true);
    expect(holds('"immune" != status("onjo")', state)).toBe(true);
  });

  it('symptom() and power() agree with the infection model, for the player or a character', () => {
    const states = (['healthy', 'infected', 'semi-infected', 'immune'] as const).map((status) =>
      makeState({ characters: { player: character(status, 50), onjo: character(status, 50) } }),
    );
    for (const state of states) {
      for (const name of SYMPTOMS) {
        expect(holds(`symptom("${name}")`, state)).toBe(symptomsOf(state, 'player').includes(name));
        expect(holds(`symptom("onjo", "${name}")`, state)).toBe(symptomsOf(state, 'onjo').includes(name));
      }
      for (const name of POWERS) {
        expect(holds(`power(player, "${name}")`, state)).toBe(powersOf(state, 'player').includes(name));
        expect(holds(`power("onjo", "${name}")`, state)).toBe(powersOf(state, 'onjo').includes(name));
      }
    }
    const halfbie = makeState({ characters: { player: character('semi-infected') } });
    expect(holds('power("hearing")', halfbie)).toBe(true);
  });

  it('hunger() reads a character\'s hunger, 0 when unknown', () => {
    const state = makeState({ characters: { player: character('healthy', 10), onjo: character('semi-infected', 80) } });
    expect(holds('hunger("onjo") > 70 and hunger(player) == 10', state)).toBe(true);
    expect(holds('hunger("suhyeok") == 0', state)).toBe(true);
  });

  it('var() reads a string variable, empty when unset', () => {
    expect(holds('var("name") == "Min"', makeState({ vars: { name: 'Min' } }))).toBe(true);
    expect(holds('var("name") == ""')).toBe(true);
  });

  it('folds constant parts without changing the answer', () => {
    expect(holds('1 + 2 == 3')).toBe(true);
    expect(holds('2 - 1 - 1 == 0')).toBe(true);
    expect(holds('"a" != \'a\'')).toBe(false);
    expect(holds('true == false')).toBe(false);
    expect(holds('not 0 and (0 or 1)')).toBe(true);
    expect(holds('3 > stamina', makeState({ stats: { stamina: 2 } }))).toBe(true);
    expect(holds('10 - stamina == 8', makeState({ stats: { stamina: 2 } }))).toBe(true);
    expect(holds('saw_teacher and true', makeState({ flags: ['saw_teacher'] }))).toBe(true);
    expect(holds('false or saw_teacher')).toBe(false);
  });
});

describe('precedence', () => {
  const n = (name: string) => ({ kind: 'name', name });

  it('binds and tighter than or, and not tighter than and', () => {
    expect(parsedShape('a or b and c')).toEqual({ kind: 'or', left: n('a'), right: { kind: 'and', left: n('b'), right: n('c') } });
    expect(parsedShape('not a and b')).toEqual({ kind: 'and', left: { kind: 'not', arg: n('a') }, right: n('b') });
    expect(parsedShape('not not a')).toEqual({ kind: 'not', arg: { kind: 'not', arg: n('a') } });
  });

  it('lets not take a whole comparison', () => {
    expect(parsedShape('not a > 1')).toEqual({
      kind: 'not',
      arg: { kind: 'cmp', op: '>', left: n('a'), right: { kind: 'num', value: 1 } },
    });
    expect(holds('not stamina > 2', makeState({ stats: { stamina: 1 } }))).toBe(true);
  });

  it('groups + and - to the left, below comparison', () => {
    expect(parsedShape('a - b + c == d')).toEqual({
      kind: 'cmp',
      op: '==',
      left: { kind: 'arith', op: '+', left: { kind: 'arith', op: '-', left: n('a'), right: n('b') }, right: n('c') },
      right: n('d'),
    });
  });

  it('folds a minus into a number, and makes 0 - x of anything else', () => {
    expect(parsedShape('-3')).toEqual({ kind: 'num', value: -3 });
    expect(parsedShape('--3')).toEqual({ kind: 'num', value: 3 });
    expect(parsedShape('a - -3')).toEqual({ kind: 'arith', op: '-', left: n('a'), right: { kind: 'num', value: -3 } });
    expect(parsedShape('-a')).toEqual({ kind: 'arith', op: '-', left: { kind: 'num', value: 0 }, right: n('a') });
  });

  it('lets parentheses override, and spans take them in', () => {
    const result = parseCondition('(a or b) and c');
    expect(result.ok && shape(result.ast)).toEqual({ kind: 'and', left: { kind: 'or', left: n('a'), right: n('b') }, right: n('c') });
    expect(result.ok && result.ast.start).toBe(0);
    expect(result.ok && result.ast.kind === 'and' && [result.ast.left.start, result.ast.left.end]).toEqual([0, 8]);
  });

  it('records calls with their arguments and offsets', () => {
    const result = parseCondition('x and has("key")');
    expect(result.ok && result.ast).toEqual({
      kind: 'and',
      start: 0,
      end: 16,
      left: { kind: 'name', name: 'x', start: 0, end: 1 },
      right: { kind: 'call', fn: 'has', start: 6, end: 16, args: [{ kind: 'str', value: 'key', start: 10, end: 15 }] },
    });
  });
});

describe('syntax errors', () => {
  const cases: [string, ConditionProblem[]][] = [
    ['a && b', [{ start: 2, end: 4, message: "unexpected '&&': use 'and'" }]],
    ['a || b', [{ start: 2, end: 4, message: "unexpected '||': use 'or'" }]],
    ['!a', [{ start: 0, end: 1, message: "unexpected '!': use 'not'" }]],
    ['stamina = 2', [{ start: 8, end: 9, message: "unexpected '=': use '==' to compare" }]],
    ['stamina === 2', [{ start: 8, end: 11, message: "unexpected '===': use '=='" }]],
    [
      'a && b || !c',
      [
        { start: 2, end: 4, message: "unexpected '&&': use 'and'" },
        { start: 7, end: 9, message: "unexpected '||': use 'or'" },
        { start: 10, end: 11, message: "unexpected '!': use 'not'" },
      ],
    ],
    ['(a and b', [{ start: 8, end: 8, message: "expected ')' to close '(' at column 1" }]],
    ['x or (a and b', [{ start: 13, end: 13, message: "expected ')' to close '(' at column 6" }]],
    ['a and\n  (b or c', [{ start: 15, end: 15, message: "expected ')' to close '(' at line 2, column 3" }]],
    ['has("x"', [{ start: 7, end: 7, message: "expected ',' or ')' after an argument of has() at column 4" }]],
    ['has("x" "y")', [{ start: 8, end: 11, message: "expected ',' or ')' after an argument of has() at column 4" }]],
    ['1 < stamina < 3', [{ start: 12, end: 13, message: "comparisons cannot be chained: write 'a < b and b < c'" }]],
    ['', [{ start: 0, end: 0, message: 'the condition is empty: write one, e.g. has("key")' }]],
    ['   ', [{ start: 0, end: 3, message: 'the condition is empty: write one, e.g. has("key")' }]],
    ['a and', [{ start: 5, end: 5, message: "expected a value after 'and'" }]],
    ['a and or b', [{ start: 6, end: 8, message: "expected a value before 'or'" }]],
    ['a b', [{ start: 2, end: 3, message: "unexpected 'b': join conditions with 'and' or 'or'" }]],
    ['a)', [{ start: 1, end: 2, message: "unexpected ')': there is no '(' for it to close" }]],
    ['has("x",)', [{ start: 8, end: 9, message: "expected a value before ')'" }]],
    ['a == not b', [{ start: 5, end: 8, message: "unexpected 'not' here: wrap it in parentheses, e.g. 'a == (not b)'" }]],
    ['"abc', [{ start: 0, end: 4, message: 'unterminated string: add the closing "' }]],
    ["x == 'abc", [{ start: 5, end: 9, message: "unterminated string: add the closing '" }]],
    [
      '"a\\nb" == x',
      [{ start: 2, end: 4, message: `unknown escape '\\n' in a string: only \\", \\' and \\\\ are allowed` }],
    ],
    ['1e5 > 2', [{ start: 0, end: 3, message: "'1e5' is not a number: write numbers like 12 or 3.5" }]],
    ['3. > 2', [{ start: 0, end: 2, message: "'3.' is not a number: write numbers like 12 or 3.5" }]],
    ['s1. > 2', [{ start: 0, end: 3, message: "'s1.' is not a name: each part after a '.' starts with a letter or '_'" }]],
    ['a @ b', [{ start: 2, end: 3, message: "unexpected character '@'" }]],
    [
      'has(“key”)',
      [
        { start: 4, end: 5, message: `unexpected character '“': use straight quotes, " or '` },
        { start: 8, end: 9, message: `unexpected character '”': use straight quotes, " or '` },
      ],
    ],
    ['x == 😀', [{ start: 5, end: 7, message: "unexpected character '😀'" }]],
    ['a'.repeat(2001), [{ start: 0, end: 2001, message: 'the condition is too long: 2001 characters, at most 2000' }]],
  ];

  it.each(cases)('%j is reported exactly', (src, expected) => {
    expect(syntaxProblems(src)).toEqual(expected);
    expect(problemsOf(src)).toEqual(expected);
  });

  it('accepts 50 levels of nesting and refuses 51 with a clean error', () => {
    expect(holds(`${'('.repeat(50)}true${')'.repeat(50)}`)).toBe(true);
    const message = 'nested too deeply (more than 50 levels): simplify the condition';
    expect(syntaxProblems(`${'('.repeat(51)}true${')'.repeat(51)}`)).toEqual([{ start: 50, end: 51, message }]);
    expect(syntaxProblems(`${'not '.repeat(60)}true`)).toEqual([{ start: 200, end: 203, message }]);
    expect(syntaxProblems(`${'-'.repeat(60)}1`)).toEqual([{ start: 50, end: 51, message }]);
    expect(syntaxProblems(`${'has('.repeat(60)}"x"${')'.repeat(60)}`)).toEqual([{ start: 203, end: 204, message }]);
  });
});

describe('name and type errors', () => {
  const unknownName = "not a stat, a flag that is set anywhere, or a built-in (day, hour, time, hunger, turn)";
  const cases: [string, ConditionProblem[]][] = [
    ['stamnia > 2', [{ start: 0, end: 7, message: `unknown name 'stamnia': ${unknownName} — did you mean 'stamina'?` }]],
    ['foo', [{ start: 0, end: 3, message: `unknown name 'foo': ${unknownName}` }]],
    ['dya == 1', [{ start: 0, end: 3, message: `unknown name 'dya': ${unknownName} — did you mean 'day'?` }]],
    [
      'player',
      [{ start: 0, end: 6, message: "'player' only works inside status(), hunger(), symptom(), power() or since_exposed(), e.g. status(player)" }],
    ],
    ['has("a", "b")', [{ start: 0, end: 13, message: 'has() takes 1 argument, got 2' }]],
    ['symptom()', [{ start: 0, end: 9, message: 'symptom() takes 1 or 2 arguments, got 0' }]],
    ['has(extinguisher)', [{ start: 4, end: 16, message: `has() needs the item's id in quotes: "extinguisher"` }]],
    ['has(1)', [{ start: 4, end: 5, message: `has() needs the item's id written as a string, e.g. "water"` }]],
    ['has("a" + "b")', [{ start: 4, end: 13, message: `has() needs the item's id written as a string, e.g. "water"` }]],
    [
      'with("onjoo")',
      [{ start: 5, end: 12, message: "unknown character 'onjoo': not declared under characters: in story.yaml — did you mean 'onjo'?" }],
    ],
    [
      'visited("s1.libary")',
      [{ start: 8, end: 19, message: "unknown scene 's1.libary': no scene has this id — did you mean 's1.library'?" }],
    ],
    [
      'var("nmae") == "x"',
      [{ start: 4, end: 10, message: "unknown variable 'nmae': not declared under vars: in story.yaml — did you mean 'name'?" }],
    ],
    [
      'symptom("fevre")',
      [{ start: 8, end: 15, message: `unknown symptom 'fevre': the symptoms are ${SYMPTOMS.join(', ')} — did you mean 'fever'?` }],
    ],
    [
      'power(player, "flight")',
      [{ start: 14, end: 22, message: `unknown power 'flight': the powers are ${POWERS.join(', ')}` }],
    ],
    ['status(onjo) == "healthy"', [{ start: 7, end: 11, message: `status() needs the character's id in quotes: "onjo"` }]],
    [
      'status(1) == "healthy"',
      [{ start: 7, end: 8, message: `status() needs player or a character's id in quotes, e.g. status(player) or status("onjo")` }],
    ],
    [
      'hunger("cheongsan") > 1',
      [{ start: 7, end: 18, message: "unknown character 'cheongsan': not declared under characters: in story.yaml" }],
    ],
    [
      'status(player) == "zombie"',
      [{ start: 18, end: 26, message: "'zombie' is not an infection status: use healthy, exposed, infected, semi-infected, immune" }],
    ],
    [
      '"infeted" != status("onjo")',
      [
        {
          start: 0,
          end: 9,
          message: "'infeted' is not an infection status: use healthy, exposed, infected, semi-infected, immune — did you mean 'infected'?",
        },
      ],
    ],
    [
      'foo(1)',
      [{ start: 0, end: 3, message: "unknown function 'foo': the functions are has, count, with, visited, status, symptom, power, hunger, var, fate, since_exposed, bond" }],
    ],
    [
      'cout("water") > 1',
      [
        {
          start: 0,
          end: 4,
          message: "unknown function 'cout': the functions are has, count, with, visited, status, symptom, power, hunger, var, fate, since_exposed, bond — did you mean 'count'?",
        },
      ],
    ],
    [
      'symptom(player)',
      [{ start: 8, end: 14, message: `symptom() needs the symptom's name written as a string, e.g. "fever"` }],
    ],
    [
      'door_open or (foo(1))',
      [{ start: 14, end: 17, message: "unknown function 'foo': the functions are has, count, with, visited, status, symptom, power, hunger, var, fate, since_exposed, bond" }],
    ],
    ['day() > 1', [{ start: 0, end: 3, message: "'day' is not a function: write 'day' without '()'" }]],
    ['saw_teacher()', [{ start: 0, end: 11, message: "'saw_teacher' is not a function: write 'saw_teacher' without '()'" }]],
    ['stamina == true', [{ start: 0, end: 7, message: "'stamina' is a number; compare it, e.g. 'stamina > 0'" }]],
    [
      'false != visited("s1.lab")',
      [{ start: 9, end: 26, message: `'visited("s1.lab")' is a number; compare it, e.g. 'visited("s1.lab") > 0'` }],
    ],
    [
      'stamina == "high"',
      [{ start: 0, end: 17, message: `'==' needs two values of the same type, but 'stamina' is a number and '"high"' is a string` }],
    ],
    ['saw_teacher < 3', [{ start: 0, end: 11, message: "'<' compares numbers, but 'saw_teacher' is true/false" }]],
    ['var("name") + 1 > 0', [{ start: 0, end: 11, message: `'+' adds numbers, but 'var("name")' is a string` }]],
    ['1 - true > 0', [{ start: 4, end: 8, message: `'-' subtracts numbers, but 'true' is true/false` }]],
    [
      'var("name")',
      [{ start: 0, end: 11, message: `'var("name")' is a string, not true/false: compare it, e.g. 'var("name") == "..."'` }],
    ],
    [
      'saw_teacher or not status(player)',
      [
        {
          start: 19,
          end: 33,
          message: `'status(player)' is a string, not true/false: compare it, e.g. 'status(player) == "infected"'`,
        },
      ],
    ],
    [
      'foo and has(x) or stamina == "x"',
      [
        { start: 0, end: 3, message: `unknown name 'foo': ${unknownName}` },
        { start: 12, end: 13, message: `has() needs the item's id in quotes: "x"` },
        { start: 18, end: 32, message: `'==' needs two values of the same type, but 'stamina' is a number and '"x"' is a string` },
      ],
    ],
  ];

  it.each(cases)('%j is reported exactly', (src, expected) => {
    expect(parseCondition(src).ok).toBe(true);
    expect(problemsOf(src)).toEqual(expected);
  });

  it('quotes long names shortened', () => {
    const long = 'x'.repeat(40);
    expect(problemsOf(long)[0]?.message).toBe(`unknown name '${'x'.repeat(27)}...': ${unknownName}`);
  });
});

describe('hostile sources', () => {
  it('never reaches the host through names or calls', () => {
    expect(problemsOf('process.exit()')).toEqual([
      {
        start: 0,
        end: 12,
        message: "unknown function 'process.exit': the functions are has, count, with, visited, status, symptom, power, hunger, var, fate, since_exposed, bond",
      },
    ]);
    expect(problemsOf('constructor.constructor("x")()')).toEqual([
      { start: 28, end: 29, message: "unexpected '(': join conditions with 'and' or 'or'" },
    ]);
    expect(problemsOf('constructor("x")')[0]?.message).toMatch(/^unknown function 'constructor'/);
    expect(problemsOf('__proto__')[0]?.message).toMatch(/^unknown name '__proto__'/);
    expect(problemsOf('a.__proto__')[0]?.message).toMatch(/^unknown name 'a.__proto__'/);
    expect(problemsOf('toString')[0]?.message).toMatch(/^unknown name 'toString'/);
    expect(problemsOf('var("__proto__") == ""')[0]?.message).toMatch(/^unknown variable '__proto__'/);
  });

  it('does not find prototype properties in the state', () => {
    expect(holds('has("__proto__") or has("constructor") or has("toString")')).toBe(false);
    expect(holds('count("__proto__") == 0 and count("constructor") == 0')).toBe(true);
    expect(holds('status("constructor") == "healthy" and hunger("__proto__") == 0', makeState(), {
      ...NAMES,
      characters: new Set(['constructor', '__proto__']),
    })).toBe(true);
  });

  it('handles stats and flags an author named after prototype properties', () => {
    const names = { ...NAMES, stats: new Set(['constructor']), flags: new Set(['__proto__']) };
    expect(holds('constructor == 0 and not __proto__', makeState(), names)).toBe(true);
    const state = makeState({
      stats: JSON.parse('{"constructor": 4}') as Record<string, number>,
      flags: ['__proto__'],
    });
    expect(holds('constructor == 4 and __proto__', state, names)).toBe(true);
  });

  it('refuses 5000 nested parentheses cleanly', () => {
    const src = `${'('.repeat(5000)}true${')'.repeat(5000)}`;
    expect(syntaxProblems(src)).toEqual([
      { start: 0, end: src.length, message: `the condition is too long: ${src.length} characters, at most 2000` },
    ]);
  });

  it('compiles and runs the longest flat chains without overflowing', () => {
    const names = { ...NAMES, stats: new Set(['n']), flags: new Set(['f']) };
    const sum = `${Array.from({ length: 997 }, () => 'n').join('+')}>0`;
    expect(sum.length).toBe(1995);
    expect(holds(sum, makeState({ stats: { n: 1 } }), names)).toBe(true);
    const ors = Array.from({ length: 399 }, () => 'f').join(' or ');
    expect(holds(ors, makeState(), names)).toBe(false);
    expect(holds(`not ${ors}`, makeState(), names)).toBe(true);
  });
});

describe('referencesOf', () => {
  const astOf = (src: string): Expr => {
    const result = parseCondition(src);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.ast;
  };

  it('lists items, characters and scenes from function arguments, once each', () => {
    const src =
      'has("water") and count("rope") > 1 and has("water") and with("onjo") and visited("s1.lab") ' +
      'and status("suhyeok") == "healthy" and symptom("onjo", "fever") and hunger(player) > 2 and power("hearing")';
    expect(referencesOf(astOf(src))).toEqual({
      flags: [],
      stats: [],
      items: ['water', 'rope'],
      characters: ['onjo', 'suhyeok'],
      scenes: ['s1.lab'],
    });
  });

  it('tells stats from flags by how they are used, or exactly when given the stats', () => {
    const ast = astOf('saw_teacher and noise > 3 and stamina and health == 2 and door_open == true and day > 1');
    expect(referencesOf(ast)).toEqual({
      flags: ['saw_teacher', 'stamina', 'door_open'],
      stats: ['noise', 'health'],
      items: [],
      characters: [],
      scenes: [],
    });
    expect(referencesOf(ast, NAMES)).toMatchObject({
      flags: ['saw_teacher', 'door_open'],
      stats: ['noise', 'stamina', 'health'],
    });
  });
});

describe('properties', () => {
  const tokenSoup = fc
    .array(
      fc.constantFrom(
        'a', 'stamina', 's1.met_onjo', 'has', 'status', 'player', '(', ')', ',', '"x"', "'y'", '"', "'", '\\',
        '1', '2.5', '-', '+', '==', '!=', '<', '<=', '>', '>=', '=', '!', '&&', '||', 'and', 'or', 'not',
        'true', 'false', '.', ' ', '\n', '@', '__proto__',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));
  const anyString = fc.oneof(fc.string({ maxLength: 60, unit: 'binary' }), tokenSoup, fc.string({ maxLength: 2100, unit: 'grapheme-ascii' }));

  it('parseCondition never throws and keeps offsets inside the source', () => {
    fc.assert(
      fc.property(anyString, (src) => {
        const result = parseCondition(src);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(0 <= p.start && p.start <= p.end && p.end <= src.length).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('compileCondition never throws, and a compiled test returns a boolean', () => {
    fc.assert(
      fc.property(tokenSoup, (src) => {
        const result = compileCondition(src, NAMES);
        if (result.ok) {
          expect(typeof result.condition.test(makeState({ stats: { stamina: 2 } }))).toBe('boolean');
          return;
        }
        for (const p of result.problems) expect(0 <= p.start && p.start <= p.end && p.end <= src.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('printing an AST and parsing it back gives the same shape', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const src = print(e);
        fc.pre(src.length <= 2000);
        const result = parseCondition(src);
        if (!result.ok) throw new Error(`${src}: ${JSON.stringify(result.problems)}`);
        expect(shape(result.ast)).toEqual(shape(e));
        expect([result.ast.start, result.ast.end]).toEqual([0, src.length]);
      }),
      { numRuns: 1000 },
    );
  });
});
