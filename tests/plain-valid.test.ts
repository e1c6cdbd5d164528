import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z as zod } from 'zod';
import * as z from 'zod/mini';
import { generateStory } from '../bench/gen-story.js';
import { plainlyValid } from '../src/story/plain-valid.js';
import { effectVerbLoadSchemas } from '../src/story/effect-schema.js';
import { choiceLoadSchema, sceneLoadSchema, scenesLoadSchema } from '../src/story/scene-schema.js';
import { storySchema } from '../src/story/story-schema.js';

/** A value from a story file and the schema the loader validates it with. */
interface Sample {
  readonly schema: z.core.$ZodType;
  readonly value: unknown;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every scene, choice and effect in a file's data, with the schema each is checked against. */
function samplesIn(data: unknown): Sample[] {
  if (!isMapping(data)) return [];
  if ('start' in data) return [{ schema: storySchema, value: data }];
  const out: Sample[] = [];
  const effects = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const effect of list) {
      if (!isMapping(effect)) continue;
      const verb = Object.keys(effect).find((k) => Object.hasOwn(effectVerbLoadSchemas, k));
      if (verb === undefined) continue;
      out.push({ schema: effectVerbLoadSchemas[verb as keyof typeof effectVerbLoadSchemas], value: effect });
      effects(effect.then);
      effects(effect.else);
    }
  };
  const scenes = 'scenes' in data ? data.scenes : [data];
  if ('scenes' in data) out.push({ schema: scenesLoadSchema, value: data });
  for (const scene of Array.isArray(scenes) ? scenes : []) {
    out.push({ schema: sceneLoadSchema, value: scene });
    if (!isMapping(scene)) continue;
    effects(scene.on_enter);
    for (const choice of Array.isArray(scene.choices) ? scene.choices : []) {
      out.push({ schema: choiceLoadSchema, value: choice });
      if (isMapping(choice)) effects(choice.effects);
    }
  }
  return out;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

const texts = [...yamlFilesUnder('story').map((f) => readFileSync(f, 'utf8')), ...generateStory(60).map((f) => f.text)];
const samples = texts.flatMap((text) => samplesIn(parse(text)));
const effectSamples = samples.filter((s) => Object.values(effectVerbLoadSchemas).includes(s.schema as never));

/** What zod makes of `value`: whether it is valid, and the data it gives back. */
function zodSays(schema: z.core.$ZodType, value: unknown): { valid: boolean; data?: unknown } {
  const result = z.safeParse(schema, value);
  return result.success ? { valid: true, data: result.data } : { valid: false };
}

describe('the quick test for valid data', () => {
  it('finds every scene, choice and effect of the shipped and a generated story valid, as zod does', () => {
    expect(samples.length).toBeGreaterThan(1000);
    for (const { schema, value } of samples) {
      if (schema === storySchema) continue;
      expect(plainlyValid(schema, value), JSON.stringify(value).slice(0, 300)).toBe(true);
      expect(zodSays(schema, value)).toEqual({ valid: true, data: value });
    }
    // Every effect verb the story uses is recognised quickly, not only the generated story's few.
    expect(new Set(effectSamples.map((s) => s.schema)).size).toBeGreaterThan(10);
  });

  it('never calls a value valid that zod refuses or would give back changed, on altered scenes, choices and effects', () => {
    const odd = fc.oneof(
      fc.constantFrom<unknown>(
        '', 'x', 'two words', '__proto__', 'constructor', '@return', 'c0.s1', '1abc', 'a..b', 'player', 'onjo',
        'bite', 'fear', 'healthy', '10m', '1h30m', 'xm', 0, -1, 1, 1.5, 7, 100, 101, 200, 201, -0,
        Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, true, false, null,
        [], {}, [1], ['a'], ['a', 'b'], { a: 1 }, { item: 'torch', count: 2 }, { who: 'player', amount: 1 },
        { if: 'a', text: 'b' }, [{ set: 'a' }],
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    // An alteration: a path into the value (a key or index at each step), and what to do there.
    const alteration = fc.record({
      steps: fc.array(fc.nat(), { maxLength: 3 }),
      action: fc.constantFrom('replace', 'delete', 'add'),
      key: fc.constantFrom('id', 'text', 'if', 'then', 'else', 'goto', 'title', 'count', 'who', 'extra', 'set', 'time', 'a-b', '1abc', 'two words'),
      value: odd,
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(alteration, { minLength: 1, maxLength: 3 }), ({ schema, value }, changes) => {
        const altered = structuredClone(value);
        for (const change of changes) alter(altered, change);
        if (!plainlyValid(schema, altered)) return;
        accepted++;
        expect(zodSays(schema, altered)).toEqual({ valid: true, data: altered });
      }),
      { numRuns: 3000 },
    );
    // The property above says nothing unless many altered values were still found valid.
    expect(accepted).toBeGreaterThan(300);
  });

  // Written with zod's methods (the schemas use zod/mini, the same zod underneath), to reach every kind of check.
  it('leaves to zod a schema with anything it does not model', () => {
    expect(plainlyValid(zod.email(), 'a@b.co')).toBe(false);
    expect(plainlyValid(zod.string().transform((s) => s.length), 'abc')).toBe(false);
    expect(plainlyValid(zod.object({ a: z.string() }), { a: 'x', b: 1 })).toBe(false);
    expect(plainlyValid(zod.strictObject({ n: zod.number().multipleOf(2) }), { n: 4 })).toBe(false);
    expect(plainlyValid(zod.string().superRefine(() => undefined), 'a')).toBe(false);
    expect(plainlyValid(zod.string().check(() => undefined), 'a')).toBe(false);
    expect(plainlyValid(zod.string().refine((s) => s !== 'b'), 'a')).toBe(true);
    expect(plainlyValid(zod.strictObject({ n: zod.int().min(1) }), { n: 4 })).toBe(true);
  });
});

/** Applies one alteration to `root` in place: walks `steps` into it, then replaces, deletes or adds there. */
function alter(root: unknown, change: { steps: number[]; action: string; key: string; value: unknown }): void {
  let node = root;
  for (const step of change.steps) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : isMapping(node) ? Object.keys(node) : [];
    const next = keys.length === 0 ? undefined : (node as Record<string | number, unknown>)[keys[step % keys.length] as string];
    if (typeof next !== 'object' || next === null) break;
    node = next;
  }
  const value = structuredClone(change.value);
  if (Array.isArray(node)) {
    const at = change.steps.length % (node.length + 1);
    if (change.action === 'delete') node.splice(at, 1);
    else if (change.action === 'add') node.splice(at, 0, value);
    else node[at] = value;
  } else if (isMapping(node)) {
    const keys = Object.keys(node);
    const key = change.action === 'add' || keys.length === 0 ? change.key : (keys[change.steps.length % keys.length] as string);
    if (change.action === 'delete') delete node[key];
    else node[key] = value;
  }
}
