/**
 * What hyosan's schemas need besides `zod/mini` itself. They are written in
 * `zod/mini`, the same zod 4 with functions in place of methods, so that
 * the bundle holds only the parts they use (a start loads the save
 * schemas). Two things `zod` does by itself are done here instead: its
 * English messages are installed (save errors quote them), and
 * `describe`/`meta` copy a schema before labelling it, as `zod`'s methods of
 * those names do, so a schema used in several places keeps a description
 * per use. Every module that builds schemas imports this one.
 */
import { config, globalRegistry, type ZodMiniType, type core } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

/** `schema` with a description (an editor's hover text in the JSON Schemas), as a copy. */
export function describe<T extends ZodMiniType>(schema: T, description: string): T {
  return meta(schema, { description });
}

/** `schema` with JSON Schema metadata (an `id`, a `title`, a `description`), as a copy. */
export function meta<T extends ZodMiniType>(schema: T, data: core.GlobalMeta): T {
  const copy = schema.clone();
  globalRegistry.add(copy, data);
  return copy;
}
