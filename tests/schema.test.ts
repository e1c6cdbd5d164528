import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateSchemas } from '../scripts/gen-schema.js';
import { effectVerbLoadSchemas } from '../src/story/effect-schema.js';

type Json = { [key: string]: unknown };

const generated = generateSchemas();
const parsed = (path: string) => JSON.parse(generated[path] ?? 'null') as Json;

/** Every `properties` entry in a JSON Schema, with where it is. */
function properties(node: unknown, at = ''): { at: string; schema: Json }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${at}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  const obj = node as Json;
  const own =
    typeof obj.properties === 'object' && obj.properties !== null
      ? Object.entries(obj.properties as Json).map(([k, v]) => ({ at: `${at}/${k}`, schema: v as Json }))
      : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => properties(v, `${at}/${k}`))];
}

describe('the generated JSON Schemas', () => {
  it('match the committed schema/*.schema.json files', async () => {
    for (const [path, text] of Object.entries(generated)) {
      const committed = await readFile(new URL(`../${path}`, import.meta.url), 'utf8').catch(() => '(missing)');
      expect(committed, `${path} is out of date: run \`npm run schema\` and commit the result`).toBe(text);
    }
  });

  it('are pretty JSON with a trailing newline, a $schema, a title and a description', () => {
    for (const [path, text] of Object.entries(generated)) {
      expect(text.endsWith('}\n'), path).toBe(true);
      expect(text).toContain('\n  "');
      const schema = parsed(path);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(typeof schema.title).toBe('string');
      expect(typeof schema.description).toBe('string');
    }
  });

  it('describe every field, for editor hover docs', () => {
    for (const path of Object.keys(generated)) {
      const undocumented = properties(parsed(path))
        // The infection table's numbers are defined (and documented) in src/story/infection-schema.ts.
        .filter(({ at }) => !at.startsWith('/properties/infection/'))
        .filter(({ schema }) => typeof schema.description !== 'string' && typeof schema.$ref !== 'string')
        .map(({ at }) => at);
      expect(undocumented, path).toEqual([]);
    }
  });

  it('refuse unknown fields, as the loader does', () => {
    const scene = parsed('schema/scene.schema.json') as { $defs: { Scene: Json; Choice: Json } };
    expect(scene.$defs.Scene.additionalProperties).toBe(false);
    expect(scene.$defs.Choice.additionalProperties).toBe(false);
    expect(parsed('schema/story.schema.json').additionalProperties).toBe(false);
  });

  it('offer every effect verb the loader knows', () => {
    const scene = parsed('schema/scene.schema.json') as { $defs: { Effect: { anyOf: Json[] } } };
    const verbs = scene.$defs.Effect.anyOf.map((option) => {
      const required = option.required as string[];
      return required[0];
    });
    expect(verbs).toEqual(Object.keys(effectVerbLoadSchemas));
  });

  it('accept the same scene ids as the loader (patterns carry no regex flags)', () => {
    const scene = parsed('schema/scene.schema.json') as { $defs: { Scene: { properties: { id: { pattern: string } } } } };
    const pattern = new RegExp(scene.$defs.Scene.properties.id.pattern);
    expect(pattern.test('S1.Science-Lab_2')).toBe(true);
    expect(pattern.test('a b')).toBe(false);
  });
});
