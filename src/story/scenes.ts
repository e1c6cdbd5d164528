/**
 * Scenes and their choices: validated field by field and compiled into the
 * engine's `Scene`. A scene with a mistake is still walked, so its choices'
 * mistakes are reported in the same run.
 */
import { parseTimeOfDay } from '../engine/time-of-day.js';
import type { Choice, Effect, Paragraph, Scene, TimeOfDay } from '../engine/types.js';
import type { FileContext } from './context.js';
import { alwaysRedirects } from '../engine/effects.js';
import { compileEffects } from './effects.js';
import { deriveChoiceId } from './names.js';
import { type DataPath, isLiteralBlock, isMapping } from './parse-yaml.js';
import { choiceLoadSchema, sceneLoadSchema } from './schema.js';
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
  const onEnter = compileEffects(data.on_enter ?? [], [...path, 'on_enter'], ctx);
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
    text,
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

/** Paragraphs from a text string, or from a list of strings and `{ if, text }` items. */
function compileText(
  text: string | readonly (string | { if: string | boolean; text: string })[] | undefined,
  path: DataPath,
  ctx: FileContext,
): Paragraph[] | undefined {
  if (text === undefined) return [];
  const out: Paragraph[] = [];
  let ok = true;
  const add = (value: string, at: DataPath, cond?: Paragraph['if']) => {
    for (const p of splitParagraphs(value, isLiteralBlock(ctx.yaml, at))) {
      const template = ctx.template(p.text, at, p.offset);
      if (template === undefined) ok = false;
      else out.push(cond === undefined ? { text: template } : { text: template, if: cond });
    }
  };
  if (typeof text === 'string') {
    add(text, path);
  } else {
    text.forEach((item, i) => {
      if (typeof item === 'string') return add(item, [...path, i]);
      const cond = ctx.condition(item.if, [...path, i, 'if']);
      if (cond === undefined) ok = false;
      add(item.text, [...path, i, 'text'], cond);
    });
  }
  return ok ? out.slice() : undefined; // at its exact size, as compileEffects explains
}

/** Compiles every choice, checking ids are unique within the scene. */
function compileChoices(raw: readonly unknown[], path: DataPath, ctx: FileContext): Choice[] | undefined {
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
  if (data.goto === undefined && ctx.errors === effectErrors && !alwaysRedirects(effects)) {
    ctx.error(path, `choice '${id}' has no \`goto\`: add one, or end every path through its effects with a goto`);
  }
  if (data.goto !== undefined) ctx.sceneRef(data.goto, [...path, 'goto'], true);
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
    source: ctx.source(path),
  });
}
