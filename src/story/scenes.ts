/**
 * Scenes and their choices: validated field by field and compiled into the
 * engine's `Scene`. A scene with a mistake is still walked, so its choices'
 * mistakes are reported in the same run.
 */
import { parseTimeOfDay } from '../engine/time-of-day.js';
import type { Effect } from '../engine/effect-types.js';
import type { Choice, DriftRule, Scene, SceneDrift, TimeOfDay } from '../engine/story-types.js';
import type { Paragraph, Template } from '../engine/text-types.js';
import type { FileContext } from './context.js';
import { alwaysRedirects } from '../engine/effects.js';
import { positiveMinutes } from './durations.js';
import { compileEffects } from './effects.js';
import { deriveChoiceId } from './names.js';
import { type DataPath, isLiteralBlock, isMapping } from './parse-yaml.js';
import { choiceLoadSchema, sceneLoadSchema } from './scene-schema.js';
import { didYouMean } from './suggest.js';
import { splitParagraphs } from './template.js';

const DEFAULT_INPUT_MAX = 40;

/** Compiles the scene at `path`; undefined (with problems reported) if it has errors. */
export function compileScene(raw: unknown, path: DataPath, ctx: FileContext): Scene | undefined {
  const before = ctx.errors;
  const data = ctx.check(sceneLoadSchema, raw, path);
  const rawChoices = isMapping(raw) && Array.isArray(raw.choices) ? raw.choices : [];
  const choices = compileChoices(rawChoices, [...path, 'choices'], ctx);
  if (data === undefined) {
    if (isMapping(raw) && Array.isArray(raw.on_enter)) compileEffects(raw.on_enter, [...path, 'on_enter'], ctx);
    return undefined;
  }
  const text = compileText(data.text, [...path, 'text'], ctx);
  const back = data.back === undefined ? undefined : compileText(data.back, [...path, 'back'], ctx);
  const onEnter = compileEffects(data.on_enter ?? [], [...path, 'on_enter'], ctx);
  const drift = data.drift === undefined ? undefined : compileSceneDrift(data.drift, [...path, 'drift'], ctx);
  let timeOfDay: TimeOfDay | undefined;
  if (data.time_of_day !== undefined) {
    const parsed = parseTimeOfDay(data.time_of_day);
    if (typeof parsed === 'string') ctx.error([...path, 'time_of_day'], parsed);
    else timeOfDay = parsed;
  }
  if (text === undefined || choices === undefined || ctx.errors > before) return undefined;
  if (data.ending === undefined && rawChoices.length === 0 && !alwaysRedirects(onEnter)) {
    ctx.error(
      [...path, 'id'],
      `scene '${data.id}' has no choices and is not an ending; add choices or an \`ending:\``,
    );
    return undefined;
  }
  return Object.freeze({
    id: data.id,
    title: data.title ?? '',
    ...(data.chapter === undefined ? {} : { chapter: data.chapter }),
    ...(timeOfDay === undefined ? {} : { timeOfDay }),
    ...(drift === undefined ? {} : { drift }),
    text,
    ...(back === undefined ? {} : { back }),
    onEnter,
    choices,
    ...(data.ending === undefined
      ? {}
      : {
          ending: {
            title: data.ending.title,
            ...(data.ending.summary === undefined ? {} : { summary: data.ending.summary }),
            ...(data.ending.death === true ? { death: true } : {}),
          },
        }),
    source: ctx.source(path),
  });
}

/** A scene's `drift:`, its stats checked and its lengths of time read; undefined (reported) when wrong. */
function compileSceneDrift(
  raw: 'off' | Record<string, 'off' | { every: string | number; by: number }>,
  path: DataPath,
  ctx: FileContext,
): SceneDrift | undefined {
  if (raw === 'off') return 'off';
  const out: Record<string, DriftRule | 'off'> = Object.create(null) as Record<string, DriftRule | 'off'>;
  for (const [stat, rule] of Object.entries(raw)) {
    if (!ctx.names.stats.has(stat)) {
      ctx.unknownName(stat, [...path, stat], `unknown stat '${stat}': declare it under stats: in story.yaml${didYouMean(stat, ctx.names.stats)}`, 'key');
      continue;
    }
    if (rule === 'off') {
      out[stat] = 'off';
      continue;
    }
    const every = positiveMinutes(rule.every);
    if (typeof every === 'string') {
      ctx.error([...path, stat, 'every'], every);
      continue;
    }
    out[stat] = { every, by: rule.by };
  }
  return Object.freeze(out);
}

/** A raw paragraph of a `text` list, as validated. */
export type TextItem =
  | string
  | { if: string | boolean; text: string; else?: string | undefined }
  | { first: { if?: string | boolean | undefined; text: string }[] };

/**
 * Paragraphs from a text string, or from a list of strings, `{ if, text,
 * else }` items and `{ first: [...] }` cases (an `else` is a second case).
 */
export function compileText(text: string | readonly TextItem[] | undefined, path: DataPath, ctx: FileContext): Paragraph[] | undefined {
  if (text === undefined) return [];
  const out: Paragraph[] = [];
  let ok = true;
  /** The paragraphs of the string at `at`, compiled. */
  const templates = (value: string, at: DataPath): Template[] => {
    const list: Template[] = [];
    for (const p of splitParagraphs(value, isLiteralBlock(ctx.yaml, at))) {
      const template = ctx.template(p.text, at, p.offset);
      if (template === undefined) ok = false;
      else list.push(template);
    }
    return list;
  };
  const cond = (src: string | boolean | undefined, at: DataPath) => {
    if (src === undefined) return undefined;
    const c = ctx.condition(src, at);
    if (c === undefined) ok = false;
    return c;
  };
  if (typeof text === 'string') {
    for (const t of templates(text, path)) out.push({ text: t });
    return ok ? out.slice() : undefined;
  }
  text.forEach((item, i) => {
    const at = [...path, i];
    if (typeof item === 'string') {
      for (const t of templates(item, at)) out.push({ text: t });
    } else if ('first' in item) {
      const cases = item.first.map((c, j) => {
        const when = cond(c.if, [...at, 'first', j, 'if']);
        const texts = templates(c.text, [...at, 'first', j, 'text']);
        return when === undefined ? { text: texts } : { if: when, text: texts };
      });
      out.push({ first: cases });
    } else if (item.else !== undefined) {
      const when = cond(item.if, [...at, 'if']);
      const then = templates(item.text, [...at, 'text']);
      const otherwise = templates(item.else, [...at, 'else']);
      if (when !== undefined) out.push({ first: [{ if: when, text: then }, { text: otherwise }] });
    } else {
      const when = cond(item.if, [...at, 'if']);
      for (const t of templates(item.text, [...at, 'text'])) out.push(when === undefined ? { text: t } : { text: t, if: when });
    }
  });
  return ok ? out.slice() : undefined; // at its exact size, as compileEffects explains
}

/** Compiles every choice, checking ids are unique within the scene. */
export function compileChoices(raw: readonly unknown[], path: DataPath, ctx: FileContext): Choice[] | undefined {
  const out: Choice[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  raw.forEach((item, i) => {
    const at = [...path, i];
    const choice = compileChoice(item, at, ctx);
    if (choice === undefined) {
      ok = false;
      return;
    }
    const first = seen.get(choice.id);
    if (first !== undefined) {
      ok = false;
      const explicit = isMapping(item) && item.id !== undefined;
      const other = `choice ${first + 1}, line ${ctx.source([...path, first]).line}`;
      const fix = explicit ? 'give one of them another `id`' : 'give this one an explicit `id`';
      ctx.error(
        explicit ? [...at, 'id'] : [...at, 'text'],
        `two choices in this scene have the id '${choice.id}' (the other is ${other}); ${fix}`,
      );
      return;
    }
    seen.set(choice.id, i);
    out.push(choice);
  });
  return ok ? out.slice() : undefined; // at its exact size, as compileEffects explains
}

function compileChoice(raw: unknown, path: DataPath, ctx: FileContext): Choice | undefined {
  const before = ctx.errors;
  const data = ctx.check(choiceLoadSchema, raw, path);
  if (data === undefined) {
    if (isMapping(raw) && Array.isArray(raw.effects)) compileEffects(raw.effects, [...path, 'effects'], ctx);
    return undefined;
  }
  const id = data.id ?? deriveChoiceId(data.text);
  if (id === '') {
    ctx.error([...path, 'text'], 'no id can be derived from this text (it has no letters or digits); add an explicit `id`');
  }
  const text = ctx.template(data.text, [...path, 'text']);
  const cond = data.if === undefined ? undefined : ctx.condition(data.if, [...path, 'if']);
  const requires = data.requires === undefined ? undefined : ctx.condition(data.requires, [...path, 'requires']);
  const effectErrors = ctx.errors;
  const effects: Effect[] = compileEffects(data.effects ?? [], [...path, 'effects'], ctx);
  // A broken goto effect would make "no goto" a second, misleading message.
  if (data.goto === undefined && data.call === undefined && ctx.errors === effectErrors && !alwaysRedirects(effects)) {
    ctx.error(path, `choice '${id}' has no \`goto\`: add one, or end every path through its effects with a goto`);
  }
  if (data.goto !== undefined) ctx.sceneRef(data.goto, [...path, 'goto'], true);
  if (data.call !== undefined) ctx.sceneRef(data.call, [...path, 'call'], false);
  if (data.input !== undefined && !ctx.names.vars.has(data.input.var)) {
    ctx.unknownName(
      data.input.var,
      [...path, 'input', 'var'],
      `unknown variable '${data.input.var}': declare it under vars: in story.yaml${didYouMean(data.input.var, ctx.names.vars)}`,
    );
  }
  if (ctx.errors > before || text === undefined) return undefined;
  return Object.freeze({
    id,
    text,
    ...(cond === undefined ? {} : { if: cond }),
    ...(requires === undefined ? {} : { requires }),
    ...(data.hint === undefined ? {} : { hint: data.hint }),
    effects,
    ...(data.goto === undefined ? {} : { goto: data.goto }),
    ...(data.input === undefined
      ? {}
      : { input: { var: data.input.var, prompt: data.input.prompt, maxLength: data.input.max ?? DEFAULT_INPUT_MAX } }),
    ...(data.once === true ? { once: true } : {}),
    ...(data.call === undefined ? {} : { call: data.call }),
    source: ctx.source(path),
  });
}
