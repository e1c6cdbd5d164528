/**
 * Effects, checked one list item at a time: find the item's verb, validate it
 * against that verb's schema alone (so a typo gives one clear message, not a
 * union's worth), then compile it and check the names it uses.
 */
import type * as z from 'zod/mini';
import type { NumberExpr } from '../engine/condition-types.js';
import type { Effect, Who } from '../engine/effect-types.js';
import type { FileContext } from './context.js';
import { parseDuration } from './durations.js';
import { describeValue } from './issues.js';
import { TURNED } from '../engine/fates.js';
import { NAME, PLAYER, isReserved } from './names.js';
import { type DataPath, isMapping } from './parse-yaml.js';
import { type EffectVerb, effectVerbLoadSchemas } from './effect-schema.js';
import { didYouMean } from './suggest.js';

const VERBS = Object.keys(effectVerbLoadSchemas) as EffectVerb[];
const VERB_SET: ReadonlySet<string> = new Set(VERBS);
const BRANCH_KEYS = new Set(['then', 'else', 'difficulty', 'told']);
/** How deep `then:`/`else:` may nest: far beyond any story, well within the stack. */
export const MAX_BRANCH_DEPTH = 32;

/** Compiles a list of effects; invalid items are reported and left out. */
export function compileEffects(raw: readonly unknown[], path: DataPath, ctx: FileContext): Effect[] {
  let depth = 0;
  for (const key of path) if (key === 'then' || key === 'else') depth++;
  if (depth > MAX_BRANCH_DEPTH && raw.length > 0) {
    ctx.error(path, `branches nested more than ${MAX_BRANCH_DEPTH} deep; split this into scenes`);
    return [];
  }
  const out: Effect[] = [];
  raw.forEach((item, i) => {
    const compiled = compileEffect(item, [...path, i], ctx);
    if (Array.isArray(compiled)) out.push(...compiled);
    else if (compiled !== undefined) out.push(compiled);
  });
  // A copy at its exact size: a list grown by push keeps room for 16 items, and a
  // large story keeps a hundred thousand small lists (effects, choices, paragraphs).
  return out.slice();
}

/** The verb of an effect mapping, or undefined (reported) when it has none or several. */
function verbOf(raw: unknown, path: DataPath, ctx: FileContext): EffectVerb | undefined {
  if (!isMapping(raw)) {
    const shorthand = typeof raw === 'string' && raw.length < 80 ? /^([a-z_]+)\s+(\S.*)$/.exec(raw) : null;
    const hint =
      shorthand && VERB_SET.has(shorthand[1] ?? '') ? ` — did you mean \`${shorthand[1]}: ${shorthand[2]}\`?` : '';
    ctx.error(path, `an effect is a mapping with one verb, such as \`set: flag\` or \`time: 10m\`; got ${describeValue(raw)}${hint}`);
    return undefined;
  }
  const keys = Object.keys(raw);
  const verbs = keys.filter((k) => VERB_SET.has(k)) as EffectVerb[];
  if (verbs.length === 0) {
    const unknown = keys.filter((k) => !BRANCH_KEYS.has(k));
    const key = unknown[0] ?? keys[0];
    if (key === undefined) {
      ctx.error(path, `an empty effect: write one verb, one of ${VERBS.join(', ')}`);
    } else {
      ctx.error(
        [...path, key],
        `unknown effect '${key}': expected one of ${VERBS.join(', ')}${didYouMean(key, VERBS)}`,
        'key',
      );
    }
    return undefined;
  }
  if (verbs.length > 1) {
    ctx.error(
      [...path, verbs[1] ?? ''],
      `one effect per list item: '${verbs[0]}' and '${verbs[1]}' are both here; start each with its own '- '`,
      'key',
    );
    return undefined;
  }
  return verbs[0];
}

/** One effect, or the several a `set_var` of several variables compiles to; undefined (reported) if it is invalid. */
function compileEffect(raw: unknown, path: DataPath, ctx: FileContext): Effect | Effect[] | undefined {
  const verb = verbOf(raw, path, ctx);
  if (verb === undefined || !isMapping(raw)) return undefined;
  let invalid = false;
  const parse: Parse = <V extends EffectVerb>(v: V) => {
    const schema = effectVerbLoadSchemas[v] as unknown as z.ZodMiniType<VerbData<V>>;
    const data = ctx.check(schema, raw, path);
    if (data === undefined) invalid = true;
    return data;
  };
  const effect = compileVerb(verb, parse, path, ctx);
  if (invalid) {
    // The branches may still hold mistakes worth reporting in the same run.
    for (const key of ['then', 'else']) {
      const list = raw[key];
      if (Array.isArray(list)) compileEffects(list, [...path, key], ctx);
    }
  }
  return effect;
}

type VerbData<V extends EffectVerb> = z.output<(typeof effectVerbLoadSchemas)[V]>;
type Parse = <V extends EffectVerb>(v: V) => VerbData<V> | undefined;

function compileVerb(
  verb: EffectVerb,
  parse: Parse,
  path: DataPath,
  ctx: FileContext,
): Effect | Effect[] | undefined {
  const at = (...rest: PropertyKey[]): DataPath => [...path, verb, ...rest];
  const branches = (d: { then?: unknown[] | undefined; else?: unknown[] | undefined }) => ({
    then: compileEffects(d.then ?? [], [...path, 'then'], ctx),
    else: compileEffects(d.else ?? [], [...path, 'else'], ctx),
  });
  switch (verb) {
    case 'set':
    case 'clear': {
      const d = verb === 'set' ? parse('set')?.set : parse('clear')?.clear;
      if (d === undefined) return undefined;
      return { kind: verb, flags: typeof d === 'string' ? [d] : d };
    }
    case 'add':
    case 'set_stat': {
      const changes = verb === 'add' ? parse('add')?.add : parse('set_stat')?.set_stat;
      if (changes === undefined) return undefined;
      const stats: Record<string, number | NumberExpr> = Object.create(null);
      let ok = true;
      for (const [name, value] of Object.entries(changes)) {
        if (!knownStat(name, at(name), ctx, 'key')) ok = false;
        else if (typeof value === 'number') stats[name] = value;
        else {
          // A computed amount: a number expression, checked like a condition.
          const expr = ctx.number(value, at(name));
          if (expr === undefined) ok = false;
          else stats[name] = expr;
        }
      }
      if (!ok) return undefined;
      return verb === 'add' ? { kind: 'add', stats } : { kind: 'setStat', stats };
    }
    case 'give':
    case 'take': {
      const v = verb === 'give' ? parse('give')?.give : parse('take')?.take;
      if (v === undefined) return undefined;
      return typeof v === 'string'
        ? { kind: verb, item: v, count: 1 }
        : { kind: verb, item: v.item, count: v.count ?? 1 };
    }
    case 'join':
    case 'leave': {
      const who = verb === 'join' ? parse('join')?.join : parse('leave')?.leave;
      if (who === undefined || !knownWho(who, at(), ctx, false)) return undefined;
      return { kind: verb, who };
    }
    case 'time': {
      const d = parse('time');
      if (d === undefined) return undefined;
      const minutes = parseDuration(d.time);
      if (minutes === undefined) {
        ctx.error(at(), `'${String(d.time)}' is not a duration: write 10m, 2h, 1h30m, 1d or a number of minutes`);
        return undefined;
      }
      return { kind: 'time', minutes };
    }
    case 'skip_time': {
      const d = parse('skip_time');
      if (d === undefined) return undefined;
      const minutes = parseDuration(d.skip_time);
      if (minutes === undefined) {
        ctx.error(at(), `'${String(d.skip_time)}' is not a duration: write 240d, 8h, 1h30m or a number of minutes`);
        return undefined;
      }
      return { kind: 'skipTime', minutes };
    }
    case 'goto': {
      const d = parse('goto');
      return d !== undefined && ctx.sceneRef(d.goto, at(), true) ? { kind: 'goto', scene: d.goto } : undefined;
    }
    case 'set_var': {
      const d = parse('set_var');
      if (d === undefined) return undefined;
      let ok = true;
      // Several variables in one `set_var` compile to one effect each, in order.
      const effects: Effect[] = [];
      for (const [name, value] of Object.entries(d.set_var)) {
        if (!ctx.names.vars.has(name)) {
          ok = false;
          ctx.unknownName(
            name,
            at(name),
            `unknown variable '${name}': declare it under vars: in story.yaml${didYouMean(name, ctx.names.vars)}`,
            'key',
          );
          continue;
        }
        const template = ctx.template(value, at(name));
        if (template === undefined) ok = false;
        else effects.push({ kind: 'setVar', name, value: template });
      }
      return ok ? effects : undefined;
    }
    case 'say': {
      const d = parse('say');
      if (d === undefined) return undefined;
      if (d.say.trim() === '') {
        ctx.error(at(), 'an empty `say`: write the line the player should read, or remove the effect');
        return undefined;
      }
      const text = ctx.template(d.say, at());
      return text === undefined ? undefined : { kind: 'say', text };
    }
    case 'chance': {
      const d = parse('chance');
      if (d === undefined) return undefined;
      return { kind: 'chance', percent: d.chance, ...branches(d), ...toldOf(d), source: ctx.source(path) };
    }
    case 'check': {
      const d = parse('check');
      if (d === undefined) return undefined;
      const b = branches(d);
      if (!knownStat(d.check, at(), ctx, 'value')) return undefined;
      return { kind: 'check', stat: d.check, difficulty: d.difficulty, ...b, ...toldOf(d), source: ctx.source(path) };
    }
    case 'if': {
      const d = parse('if');
      if (d === undefined) return undefined;
      const cond = ctx.condition(d.if, at());
      const b = branches(d);
      return cond === undefined ? undefined : { kind: 'if', cond, ...b };
    }
    case 'expose': {
      const e = parse('expose')?.expose;
      if (e === undefined) return undefined;
      const whoOk = knownWho(e.who, at('who'), ctx, true);
      const fromOk = e.from === undefined || knownWho(e.from, at('from'), ctx, true);
      if (!whoOk || !fromOk) return undefined;
      return {
        kind: 'expose',
        who: e.who,
        route: e.route,
        emotion: e.emotion ?? 'fear',
        ...(e.from === undefined ? {} : { from: e.from }),
        ...(e.outcome === undefined ? {} : { outcome: e.outcome }),
      };
    }
    case 'fate': {
      const d = parse('fate')?.fate;
      if (d === undefined) return undefined;
      if (d.who === PLAYER) {
        ctx.error(at('who'), "a fate is recorded for a character, not the player: name a character, or `turned`");
        return undefined;
      }
      if (d.who !== TURNED && !knownWho(d.who, at('who'), ctx, false, TURNED)) return undefined;
      return { kind: 'fate', who: d.who, fate: d.is };
    }
    case 'feed':
    case 'stress': {
      const v = verb === 'feed' ? parse('feed')?.feed : parse('stress')?.stress;
      if (v === undefined) return undefined;
      if (typeof v === 'number') return { kind: verb, who: PLAYER, amount: v };
      const who: Who = v.who ?? PLAYER;
      if (!knownWho(who, at('who'), ctx, true)) return undefined;
      return { kind: verb, who, amount: v.amount };
    }
    case 'cure': {
      const d = parse('cure');
      return d !== undefined && knownWho(d.cure, at(), ctx, true) ? { kind: 'cure', who: d.cure } : undefined;
    }
    case 'set_status': {
      const d = parse('set_status')?.set_status;
      if (d === undefined || !knownWho(d.who, at('who'), ctx, true)) return undefined;
      return { kind: 'setStatus', who: d.who, status: d.status };
    }
    case 'bond': {
      const d = parse('bond')?.bond;
      if (d === undefined) return undefined;
      const changes: Record<string, number> = Object.create(null) as Record<string, number>;
      let ok = true;
      for (const [who, by] of Object.entries(d)) {
        if (who === PLAYER) {
          ctx.error(at(who), "a bond is between the player and a character: name a character", 'key');
          ok = false;
        } else if (!knownWho(who, at(who), ctx, false, undefined, 'key')) ok = false;
        else if (!ctx.names.bonds.has(who)) {
          ctx.error(at(who), `'${who}' has no bond: give them one under characters: in story.yaml, e.g. ${who}: { name: …, bond: 5 }`, 'key');
          ok = false;
        } else changes[who] = by;
      }
      return ok ? { kind: 'bond', changes } : undefined;
    }
    default: {
      const _never: never = verb;
      return undefined;
    }
  }
}

function knownStat(name: string, path: DataPath, ctx: FileContext, at: 'key' | 'value'): boolean {
  if (ctx.names.stats.has(name)) return true;
  ctx.unknownName(name, path, `unknown stat '${name}': declare it under stats: in story.yaml${didYouMean(name, ctx.names.stats)}`, at);
  return false;
}

/** The `told` of a `chance` or `check`, when the author gave one. */
function toldOf(d: { told?: 'next-scene' | undefined }): { told?: 'next-scene' } {
  return d.told === undefined ? {} : { told: d.told };
}

/** Whether `who` names a declared character (or the player, or `alias`, where allowed); reports it if not. */
function knownWho(
  who: string,
  path: DataPath,
  ctx: FileContext,
  playerAllowed: boolean,
  alias?: string,
  at: 'key' | 'value' = 'value',
): boolean {
  if (who === PLAYER) {
    if (playerAllowed) return true;
    ctx.error(path, "'player' cannot join or leave the party; name a character", at);
    return false;
  }
  if (ctx.names.characters.has(who)) return true;
  const other = playerAllowed ? PLAYER : alias;
  const also = other === undefined ? '' : `, or use ${other}`;
  const candidates = alias === undefined ? ctx.names.characters : [...ctx.names.characters, alias];
  ctx.unknownName(
    who,
    path,
    `unknown character '${who}': declare it under characters: in story.yaml${also}${didYouMean(who, candidates)}`,
    at,
  );
  return false;
}

/** Every flag a `set` or `clear` names, anywhere in a raw effect list (before validation). */
export function collectFlags(raw: unknown, into: Set<string>, depth = 0): void {
  if (!Array.isArray(raw) || depth > MAX_BRANCH_DEPTH) return;
  for (const item of raw) {
    if (!isMapping(item)) continue;
    addFlagNames(item.set, into);
    addFlagNames(item.clear, into);
    collectFlags(item.then, into, depth + 1);
    collectFlags(item.else, into, depth + 1);
  }
}

/** Adds the flags a raw `set` or `clear` names (one name, or a list of them) that are valid names. */
function addFlagNames(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const name of value) addFlagName(name, into);
  else addFlagName(value, into);
}

function addFlagName(name: unknown, into: Set<string>): void {
  if (typeof name === 'string' && NAME.test(name) && !isReserved(name)) into.add(name);
}
