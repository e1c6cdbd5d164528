/**
 * The pack format as zod schemas: `pack.yaml` (what a pack is, the story it
 * extends, the names it adds) and extend files (what it adds to the story's
 * own scenes). The same definitions serve the loader and the JSON Schemas
 * editors use (`npm run schema`: schema/pack.schema.json,
 * schema/extend.schema.json). The rules that need the story (names in the
 * pack's namespace, nothing of the story replaced) are packs' own, in
 * pack-compile.ts.
 */
import * as z from 'zod/mini';
import { effectSchema, looseEffect } from './effect-schema.js';
import { CHOICE_ID } from './names.js';
import { jsonChoice, jsonScene, paragraphs, scenesWrapper } from './scene-schema.js';
import { characterId, flagName, itemName, named, optional, sceneId, statName, varName } from './schema-fields.js';
import { characterDef, counterDef, hooks, itemDef, statDef } from './story-schema.js';
import { describe, meta } from './zod.js';

/** A pack's id: lower-case letters, digits and `_`, starting with a letter; every name it adds starts with it and a `.`. */
export const PACK_ID = /^[a-z][a-z0-9_]{0,31}$/;
/** What a pack id may look like, in words. */
export const PACK_ID_RULE = "use 1 to 32 lower-case letters, digits and '_', starting with a letter (it begins every name the pack adds)";

/** The fields of story.yaml that are the story's alone: a pack.yaml that sets one is told so. */
export const STORY_ONLY_FIELDS = ['start', 'clock', 'start_items', 'infection', 'tagline'] as const;

const packIdSchema = describe(
  named(PACK_ID, 'pack id', PACK_ID_RULE),
  'The pack\'s id, e.g. `stacks`. Every scene, flag, item, stat, character and variable the pack adds starts with it and a dot: `stacks.door`.',
);

/** The fields of pack.yaml that say what the pack is. */
const identity = {
  id: packIdSchema,
  title: describe(z.string().check(z.minLength(1)), "The pack's title, shown by `hyosan packs` and in Settings."),
  version: describe(
    z.union([z.string(), z.number()]),
    'The pack\'s own version, MAJOR.MINOR.PATCH (e.g. "1.0.0"); saves record it.',
  ),
  author: describe(z.string().check(z.minLength(1)), 'Who wrote the pack.'),
  description: optional(z.string(), 'A line or two on what the pack adds, shown by `hyosan packs`.'),
  story: describe(
    z.strictObject({
      id: describe(z.string(), 'The id of the story the pack extends (`id` in its story.yaml), e.g. `hyosan`.'),
      versions: describe(
        z.string(),
        'The story versions the pack was written for: ">=0.1.0 <0.2.0", "^0.1.0", "~0.1.2", "0.1.x", "0.1.0 - 0.3.0", alternatives joined by "||".',
      ),
    }),
    'The story this pack adds to, and the range of its versions the pack was written for.',
  ),
};

/** The fields of pack.yaml that add names, in story.yaml's form (checked as story.yaml's are). */
const sections = {
  vars: optional(z.record(varName, z.string()), 'String variables the pack adds (each `PACKID.name`), with their defaults.'),
  stats: optional(z.record(statName, statDef), 'Stats the pack adds (each `PACKID.name`).'),
  counters: optional(z.record(statName, counterDef), 'Counters the pack adds (each `PACKID.name`).'),
  items: optional(z.record(itemName, itemDef), 'Labels for the items the pack adds (each `PACKID.name`).'),
  characters: optional(z.record(characterId, characterDef), 'Characters the pack adds (each `PACKID.name`).'),
  flags: optional(
    z.record(flagName, z.nullable(z.string())),
    'What each flag the pack adds means (each `PACKID.name`). Declaring flags is optional.',
  ),
  hooks: optional(hooks, "Hooks the story leaves unset, which the pack sets (the story's own hooks cannot be replaced)."),
};

/** The names of pack.yaml's sections that add names. */
export const PACK_SECTIONS = Object.keys(sections) as (keyof typeof sections)[];

/** pack.yaml for loading: what the pack is; the sections are checked as story.yaml's are (pack-manifest.ts). */
export const packLoadSchema = z.strictObject({
  ...identity,
  ...Object.fromEntries(PACK_SECTIONS.map((k) => [k, z.optional(z.unknown())])),
} as typeof identity & Record<keyof typeof sections, z.ZodMiniOptional<z.ZodMiniUnknown>>);

/** pack.yaml for editors. */
export const packFileSchema = meta(z.strictObject({ ...identity, ...sections }), {
  title: 'hyosan pack.yaml',
  description: "A story pack's settings: its id, title, version, author, the story it extends, and the names it adds.",
});

const choiceIdSchema = describe(
  named(CHOICE_ID, 'choice id', "use letters, digits, '.', '-' and '_'"),
  'The id of a choice the scene already has.',
);

function extendEntrySchema(effect: z.ZodMiniType, choice: z.ZodMiniType) {
  return describe(
    z.strictObject({
      scene: describe(sceneId, "The id of the story's scene to add to, e.g. `s1.library`."),
      text: z.optional(
        describe(paragraphs, "Paragraphs added after the scene's own (the same forms as a scene's `text`)."),
      ),
      choices: optional(
        z.array(choice),
        "Choices added after the scene's own. Their ids start with the pack's id: `id: door` is kept as `PACKID.door`.",
      ),
      choice: optional(choiceIdSchema, 'A choice of the scene, to add `effects` to.'),
      effects: optional(
        z.array(effect),
        'With `choice`: effects run after the choice\'s own, when it is made. No `goto`: where the story\'s choice leads is the story\'s.',
      ),
    }),
    "Additions to one of the story's scenes: paragraphs and choices after its own, or effects after one of its choices' own.",
  );
}

/** An extend file: `extend:` with one addition to a story scene, or a list of them. */
function extendFile(entry: z.ZodMiniType) {
  return z.strictObject({
    extend: describe(z.union([entry, z.array(entry).check(z.minLength(1))]), "What the pack adds to the story's scenes."),
  });
}

/** An extend entry for loading: its choices and effects are checked one at a time. */
export const extendLoadSchema = extendEntrySchema(looseEffect, describe(z.unknown(), 'A choice.'));

const extendFileSchema = meta(
  extendFile(extendEntrySchema(effectSchema, jsonChoice)),
  {
    title: 'hyosan pack extend file',
    description: "What a pack adds to the story's own scenes: `extend:` with one entry, or a list of them.",
  },
);

/** A pack's scene file for editors: a scene file, or an extend file. */
export const packSceneFileSchema = meta(
  z.union([jsonScene, scenesWrapper(jsonScene), extendFileSchema]),
  {
    title: 'hyosan pack scene file',
    description: "A pack's scene file: one scene, `scenes:` with a list of them, or `extend:` with additions to the story's scenes.",
  },
);

/** pack.yaml as the loader reads it. */
export type PackData = z.output<typeof packLoadSchema>;
/** One extend entry as the loader reads it. */
export type ExtendData = z.output<typeof extendLoadSchema>;
