/**
 * Writes schema/scene.schema.json, schema/story.schema.json and the pack
 * schemas (pack.schema.json, pack-scene.schema.json) from the zod
 * schemas the loader uses, so editors and the loader never disagree.
 * `npm run schema`; tests/schema.test.ts fails when the committed files are stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { packFileSchema, packSceneFileSchema } from '../src/story/pack-schema.js';
import { sceneFileSchema } from '../src/story/scene-schema.js';
import { storySchema } from '../src/story/story-schema.js';

/** The schema files' contents by path relative to the repository root: pretty JSON, trailing newline. */
export function generateSchemas(): Record<string, string> {
  const render = (schema: z.ZodMiniType) =>
    `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
  return {
    'schema/scene.schema.json': render(sceneFileSchema),
    'schema/story.schema.json': render(storySchema),
    'schema/pack.schema.json': render(packFileSchema),
    'schema/pack-scene.schema.json': render(packSceneFileSchema),
  };
}

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Writes every generated schema under `dir` (the repository root by default). */
export async function writeSchemas(dir = root): Promise<string[]> {
  const written: string[] = [];
  for (const [path, text] of Object.entries(generateSchemas())) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    written.push(path);
  }
  return written;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of await writeSchemas()) console.log(`wrote ${path}`);
}
