/**
 * Writes saves/save.schema.json from the zod schema the save loader uses, so
 * editors, tools and the loader never disagree about what a save may hold.
 * `node --import tsx scripts/gen-save-schema.ts`; tests/saves-codec.test.ts
 * fails when the committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { saveDocumentSchema } from '../src/saves/format.js';

/** Where the schema lives, relative to the repository root. */
export const SAVE_SCHEMA_PATH = 'saves/save.schema.json';

/** The save schema file's contents: pretty JSON with a trailing newline. */
export function generateSaveSchema(): string {
  const schema = z.toJSONSchema(saveDocumentSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'hyosan save' }, null, 2)}\n`;
}

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Writes the schema under `dir` (the repository root by default). */
export async function writeSaveSchema(dir = root): Promise<string> {
  await writeFile(join(dir, SAVE_SCHEMA_PATH), generateSaveSchema());
  return SAVE_SCHEMA_PATH;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`wrote ${await writeSaveSchema()}`);
}
