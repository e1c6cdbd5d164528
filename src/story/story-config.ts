/**
 * story.yaml: validated, and its names gathered even when parts of it are
 * wrong, so one mistake there does not turn every scene's use of a stat
 * into a second, misleading error.
 */
import { minuteOfTime } from '../engine/clock.js';
import { DEFAULT_INFECTION_TABLE } from '../engine/infection-table.js';
import { applyInfectionOverrides } from './infection-schema.js';
import type { Condition } from '../engine/condition-types.js';
import type { Clock, StatDef, Story } from '../engine/story-types.js';
import type { FileContext } from './context.js';
import { CHARACTER_ID, NAME, PLAYER, SCENE_ID, isReserved } from './names.js';
import { NOT_A_STORY_FILE, isForeignStoryFile } from './foreign-file.js';
import { positiveMinutes } from './durations.js';
import { type DataPath, isMapping } from './parse-yaml.js';
import { didYouMean } from './suggest.js';
import { type StoryData, storySchema } from './story-schema.js';

/** The names story.yaml declares, read from the raw data (valid or not). */
export interface DeclaredNames {
  readonly stats: ReadonlySet<string>;
  readonly characters: ReadonlySet<string>;
  /** Characters declared with a `bond:`. */
  readonly bonds: ReadonlySet<string>;
  readonly vars: ReadonlySet<string>;
  readonly flags: ReadonlySet<string>;
  readonly clock: Clock;
}

/** The compiled parts of story.yaml that become the `Story`'s settings: all but its scenes and hash. */
export type StorySettings = Omit<Story, 'hash' | 'scenes'>;

const DEFAULT_CLOCK: Clock = { day: 1, minute: 0 };

function keysOf(raw: unknown, pattern: RegExp): Set<string> {
  if (!isMapping(raw)) return new Set();
  return new Set(Object.keys(raw).filter((k) => pattern.test(k) && !isReserved(k)));
}

/** Reads the names story.yaml declares, tolerating mistakes in the rest of it. */
export function declaredNames(raw: unknown): DeclaredNames {
  const data = isMapping(raw) ? raw : {};
  const clock = storySchema.shape.clock.safeParse(data.clock);
  return {
    // Counters are read and changed like stats.
    stats: new Set([...keysOf(data.stats, NAME), ...keysOf(data.counters, NAME)]),
    characters: new Set([...keysOf(data.characters, CHARACTER_ID)].filter((c) => c !== PLAYER)),
    bonds: new Set(
      [...keysOf(data.characters, CHARACTER_ID)].filter(
        (c) => c !== PLAYER && isMapping(data.characters) && isMapping(data.characters[c]) && data.characters[c].bond !== undefined,
      ),
    ),
    vars: keysOf(data.vars, NAME),
    flags: keysOf(data.flags, NAME),
    clock:
      clock.success && clock.data !== undefined
        ? { day: clock.data.day, minute: minuteOfTime(clock.data.time) }
        : DEFAULT_CLOCK,
  };
}

/** A record that cannot reach Object.prototype, frozen once filled. */
function record<T>(entries: Iterable<readonly [string, T]>): Readonly<Record<string, T>> {
  const out: Record<string, T> = Object.create(null);
  for (const [k, v] of entries) out[k] = v;
  return Object.freeze(out);
}

/** Validates story.yaml and compiles its settings; undefined (with problems reported) if invalid. */
export function compileSettings(raw: unknown, ctx: FileContext): StorySettings | undefined {
  if (isMapping(raw) && isForeignStoryFile(raw)) {
    ctx.error([], NOT_A_STORY_FILE);
    return undefined;
  }
  const data: StoryData | undefined = ctx.check(storySchema, raw, []);
  if (data === undefined) return undefined;
  let ok = true;
  for (const [name, s] of Object.entries(data.stats ?? {})) {
    if (s.min > s.max) {
      ctx.error(['stats', name, 'max'], `max (${s.max}) is below min (${s.min})`);
      ok = false;
    } else if (s.start < s.min || s.start > s.max) {
      ctx.error(['stats', name, 'start'], `start (${s.start}) must be between min (${s.min}) and max (${s.max})`);
      ok = false;
    }
  }
  for (const name of Object.keys(data.counters ?? {})) {
    if (data.stats !== undefined && Object.hasOwn(data.stats, name)) {
      ctx.error(['counters', name], `'${name}' is already a stat: a counter needs a name of its own`, 'key');
      ok = false;
    }
  }
  const timed = new Map<string, Pick<StatDef, 'drift' | 'atMin'> | undefined>();
  for (const [name, s] of Object.entries(data.stats ?? {})) {
    const rules = timeRulesOf(name, s, ctx);
    if (rules === undefined) ok = false;
    timed.set(name, rules);
  }
  const counters = Object.entries(data.counters ?? {}).map(([k, c]) => [k, counterOf(k, c, ctx)] as const);
  if (counters.some(([, c]) => c === undefined)) ok = false;
  if (data.characters !== undefined && Object.hasOwn(data.characters, PLAYER)) {
    ctx.error(['characters', PLAYER], "'player' is reserved for the player; give the character another id", 'key');
    ok = false;
  }
  const infection = applyInfectionOverrides(DEFAULT_INFECTION_TABLE, data.infection);
  for (const [outcome, range] of Object.entries(data.infection?.incubationMinutes ?? {})) {
    if (range !== undefined && range[0] > range[1]) {
      ctx.error(['infection', 'incubationMinutes', outcome], `[min, max] with min (${range[0]}) above max (${range[1]})`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return {
    id: data.id,
    title: data.title,
    ...(data.tagline === undefined || data.tagline.trim() === '' ? {} : { tagline: data.tagline.trim() }),
    version: data.version === undefined ? '0.0.0' : String(data.version),
    start: data.start,
    clock: data.clock ? { day: data.clock.day, minute: minuteOfTime(data.clock.time) } : DEFAULT_CLOCK,
    stats: record([
      ...Object.entries(data.stats ?? {}).map(
        ([k, s]) =>
          [
            k,
            {
              label: s.label ?? k,
              min: s.min,
              max: s.max,
              start: s.start,
              visible: s.visible ?? true,
              ...(s.about === undefined || s.about.trim() === '' ? {} : { about: s.about.trim() }),
              ...timed.get(k),
            },
          ] as const,
      ),
      ...counters.map(([k, c]) => [k, c!] as const),
    ]),
    items: record(
      Object.entries(data.items ?? {}).map(([k, i]) => [k, { label: i.label ?? k, key: i.key ?? false }]),
    ),
    startItems: record(Object.entries(data.start_items ?? {})),
    characters: record(
      Object.entries(data.characters ?? {}).map(([k, c]) => [
        k,
        { name: c.name, startsInParty: c.party ?? false, ...(c.bond === undefined ? {} : { bond: c.bond }) },
      ]),
    ),
    vars: record(Object.entries(data.vars ?? {})),
    flags: record(Object.entries(data.flags ?? {}).map(([k, v]) => [k, v ?? ''])),
    hooks: Object.freeze({ ...(data.hooks ?? {}) }),
    infection,
  };
}

/**
 * Checks that `start` and every hook name an existing scene. Reads the raw
 * data, so these are checked even while another part of story.yaml is wrong.
 */
export function checkSceneRefs(raw: unknown, ctx: FileContext): void {
  if (!isMapping(raw)) return;
  if (typeof raw.start === 'string' && SCENE_ID.test(raw.start)) ctx.sceneRef(raw.start, ['start'], false);
  if (!isMapping(raw.hooks)) return;
  for (const [hook, scene] of Object.entries(raw.hooks)) {
    if (typeof scene === 'string' && SCENE_ID.test(scene)) ctx.sceneRef(scene, ['hooks', hook], false);
  }
}

/** A stat's `drift` and `at_min`, compiled; undefined (reported) when one is wrong. */
function timeRulesOf(
  name: string,
  s: NonNullable<StoryData['stats']>[string],
  ctx: FileContext,
): Pick<StatDef, 'drift' | 'atMin'> | undefined {
  let ok = true;
  const everyOf = (raw: string | number, path: DataPath): number => {
    const minutes = positiveMinutes(raw);
    if (typeof minutes === 'number') return minutes;
    ctx.error(path, minutes);
    ok = false;
    return 0;
  };
  // A rule's `if` compiles as a choice's does, against every name the story knows.
  const runsIf = (src: string | boolean | undefined, path: DataPath): { if?: Condition } => {
    if (src === undefined) return {};
    const cond = ctx.condition(src, path);
    if (cond === undefined) ok = false;
    return cond === undefined ? {} : { if: cond };
  };
  const out: { drift?: StatDef['drift']; atMin?: StatDef['atMin'] } = {};
  if (s.drift !== undefined) {
    out.drift = {
      every: everyOf(s.drift.every, ['stats', name, 'drift', 'every']),
      by: s.drift.by,
      ...runsIf(s.drift.if, ['stats', name, 'drift', 'if']),
    };
  }
  if (s.at_min !== undefined) {
    const add: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [stat, by] of Object.entries(s.at_min.add)) {
      if (!ctx.names.stats.has(stat)) {
        ctx.unknownName(
          stat,
          ['stats', name, 'at_min', 'add', stat],
          `unknown stat '${stat}': declare it under stats: in story.yaml${didYouMean(stat, ctx.names.stats)}`,
          'key',
        );
        ok = false;
      } else add[stat] = by;
    }
    const say = s.at_min.say?.trim();
    out.atMin = {
      every: everyOf(s.at_min.every, ['stats', name, 'at_min', 'every']),
      add,
      ...(say === undefined || say === '' ? {} : { say }),
      ...runsIf(s.at_min.if, ['stats', name, 'at_min', 'if']),
    };
  }
  return ok ? out : undefined;
}

/** A counter as the engine keeps it: a hidden stat, unbounded unless bounds are given. */
function counterOf(
  name: string,
  raw: number | { start?: number | undefined; min?: number | undefined; max?: number | undefined },
  ctx: FileContext,
): StatDef | undefined {
  const c = typeof raw === 'number' ? { start: raw } : raw;
  const start = c.start ?? 0;
  const min = c.min ?? -Number.MAX_SAFE_INTEGER;
  const max = c.max ?? Number.MAX_SAFE_INTEGER;
  if (min > max) {
    ctx.error(['counters', name, 'max'], `max (${max}) is below min (${min})`);
    return undefined;
  }
  if (start < min || start > max) {
    ctx.error(['counters', name], `start (${start}) must be between min and max`);
    return undefined;
  }
  return { label: name, min, max, start, visible: false, counter: true };
}
