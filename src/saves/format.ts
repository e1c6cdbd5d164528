/**
 * The save document: its versions, and the zod schemas that check an
 * untrusted file field by field. `saves/save.schema.json` is generated from
 * `saveDocumentSchema` (scripts/gen-save-schema.ts), so editors and tools
 * see the same rules the loader applies.
 */
import * as z from 'zod/mini';
import { ONE_PRINTABLE_LINE } from '../engine/control-chars.js';
import { FATE_NAMES } from '../engine/fates.js';
import { describe } from '../story/zod.js';
import { MAX_HISTORY, SAVE_FORMAT, SAVE_FORMAT_VERSION } from './versions.js';

export { MAX_HISTORY, MIN_LOADABLE_VERSION, SAVE_FORMAT, SAVE_FORMAT_VERSION } from './versions.js';

// Display strings are printed in a terminal by `hyosan saves`: no control
// characters, so a hand-edited save cannot send escape sequences.
const printable = (max: number) => z.string().check(z.maxLength(max), z.regex(ONE_PRINTABLE_LINE, 'contains control characters'));
const name = (max: number) => printable(max).check(z.minLength(1));
// Ids are the author's (scene and choice ids); the 1 MiB file limit bounds them anyway.
const ID_MAX = 1000;

const storyRefSchema = describe(
  z.strictObject({
    id: describe(name(ID_MAX), "The story's id (`id` in story.yaml); a save loads only into the same story."),
    version: describe(printable(100), "The story's version when the game was saved."),
    hash: describe(
      printable(ID_MAX),
      "A hash of the story's files; when it differs, the history is replayed to check it still fits.",
    ),
  }),
  'The story the game was played in.',
);

/** A whole number, 0 or more. */
const wholeNumber = () => z.number().check(z.int(), z.minimum(0));
/** A whole number that fits in 32 bits unsigned: a seed, the PRNG's state. */
const uint32 = () => z.number().check(z.int(), z.minimum(0), z.maximum(0xffff_ffff));

const seedSchema = describe(
  uint32(),
  'The PRNG seed the game started with; with the history it rebuilds the game exactly.',
);

const moveFields = {
  scene: describe(name(ID_MAX), 'The scene the choice was made in.'),
  choice: describe(name(ID_MAX), "The choice's id (stable across story edits)."),
  input: describe(
    z.optional(z.string().check(z.maxLength(10_000))),
    'What the player typed, for a choice that asks for an answer.',
  ),
};
/** Versions 2 to 4: a move is its scene, its choice and a typed answer. */
const moveV4Schema = describe(z.strictObject(moveFields), 'One choice made.');

/** A forced roll's outcome: `pass` takes a chance's or check's `then`, `fail` its `else`. */
const rollsSchema = () => z.array(z.enum(['pass', 'fail'])).check(z.maxLength(MAX_HISTORY));

const moveSchema = describe(
  z.strictObject({
    ...moveFields,
    force: describe(z.optional(rollsSchema()), 'Outcomes forced for the coming rolls just before this choice.'),
  }),
  'One choice made.',
);

const SETUP_LIST_MAX = 1000;
const setupNames = () => z.array(name(ID_MAX)).check(z.maxLength(SETUP_LIST_MAX));
const setupSchema = describe(
  z.strictObject({
    at: describe(
      z.optional(z.strictObject({ day: wholeNumber(), minute: z.number().check(z.int(), z.minimum(0), z.maximum(1439)) })),
      'The clock the game began at: a day number and minutes after midnight.',
    ),
    set: describe(z.optional(setupNames()), 'Flags set.'),
    clear: describe(z.optional(setupNames()), 'Flags cleared.'),
    give: describe(
      z.optional(
        z.array(z.strictObject({ item: name(ID_MAX), count: z.number().check(z.int(), z.minimum(1)) })).check(
          z.maxLength(SETUP_LIST_MAX),
        ),
      ),
      'Items given on top of the starting items.',
    ),
    take: describe(z.optional(setupNames()), 'Items taken away entirely.'),
    join: describe(z.optional(setupNames()), 'Characters who joined the party.'),
    leave: describe(z.optional(setupNames()), 'Characters who left the party.'),
    stats: describe(
      z.optional(
        z.array(z.strictObject({ stat: name(ID_MAX), value: z.number() })).check(z.maxLength(SETUP_LIST_MAX)),
      ),
      'Stats set (within their bounds).',
    ),
    bonds: describe(
      z.optional(
        z.array(z.strictObject({ who: name(ID_MAX), value: z.number() })).check(z.maxLength(SETUP_LIST_MAX)),
      ),
      'Bonds set (within 0–10).',
    ),
    vars: describe(
      z.optional(
        z.array(z.strictObject({ name: name(ID_MAX), value: z.string().check(z.maxLength(10_000)) })).check(
          z.maxLength(SETUP_LIST_MAX),
        ),
      ),
      'String variables set.',
    ),
    status: describe(
      z.optional(
        z
          .array(
            z.strictObject({
              who: name(ID_MAX),
              status: z.enum(['healthy', 'exposed', 'infected', 'semi-infected', 'immune']),
              outcome: z.optional(z.enum(['infected', 'semi-infected', 'immune'])),
            }),
          )
          .check(z.maxLength(SETUP_LIST_MAX)),
      ),
      "Infection statuses to begin with; an `exposed` one's `outcome` decides how it ends.",
    ),
    force: describe(z.optional(rollsSchema()), 'Outcomes forced for the first rolls.'),
  }),
  'How the game was set up to begin (`--start-at` with `--set`, `--give`, `--status`…).',
);

const characterFields = {
  status: z.enum(['healthy', 'exposed', 'infected', 'semi-infected', 'immune']),
  immunity: z.number().check(z.minimum(0), z.maximum(1)),
  hunger: z.number(),
  bitten: z.boolean(),
  incubation: z.optional(
    z.looseObject({
      outcome: z.enum(['infected', 'semi-infected', 'immune']),
      exposedAt: z.number(),
      resolvesAt: z.number(),
      route: z.enum(['bite', 'scratch', 'blood']),
      emotion: z.enum(['fear', 'rage', 'resolve', 'calm']),
    }),
  ),
};
const characterV3Schema = z.looseObject(characterFields);
/** Version 4 added when a character was last exposed, and the fate the story recorded. */
const characterSchema = z.looseObject({
  ...characterFields,
  exposedAt: z.optional(z.number()),
  fate: z.optional(z.enum(FATE_NAMES)),
});

// Loose objects: the snapshot is the engine's state, which may gain fields in
// later versions; it is only listed and cross-checked, never played from.
const snapshotFields = {
    scene: name(ID_MAX),
    chapter: z.string(),
    turn: wholeNumber(),
    time: z.number(),
    rng: uint32(),
    flags: z.array(z.string()),
    stats: z.record(z.string(), z.number()),
    items: z.record(z.string(), z.number()),
    party: z.array(z.string()),
    vars: z.record(z.string(), z.string()),
    visits: z.record(z.string(), wholeNumber()),
    characters: z.record(z.string(), characterV3Schema),
    returnTo: z.optional(z.string()),
};
const SNAPSHOT_ABOUT = 'The game state when saved. Listed and cross-checked; the game itself is rebuilt by replaying the history.';
/** Version 3: flags as a sorted list. */
const snapshotV3Schema = describe(z.looseObject(snapshotFields), SNAPSHOT_ABOUT);
/** Version 4: what was said in the last move; characters' exposure times and fates. */
const snapshotV4Schema = describe(
  z.looseObject({
    ...snapshotFields,
    characters: z.record(z.string(), characterSchema),
    said: z.array(z.string()),
  }),
  SNAPSHOT_ABOUT,
);
/** Version 5: the queue of forced rolls. */
const snapshotV5Schema = describe(
  z.looseObject({
    ...snapshotFields,
    characters: z.record(z.string(), characterSchema),
    said: z.array(z.string()),
    forced: z.optional(rollsSchema()),
  }),
  SNAPSHOT_ABOUT,
);
const snapshotV6Fields = {
  ...snapshotFields,
  characters: z.record(z.string(), characterSchema),
  said: z.array(z.string()),
  forced: z.optional(rollsSchema()),
  bonds: describe(z.optional(z.record(z.string(), z.number())), "Each bonded character's bond with the player (0–10)."),
  drift: describe(
    z.optional(z.record(z.string(), z.number().check(z.minimum(0)))),
    "Minutes lived toward each drifting stat's next step.",
  ),
  atMin: describe(
    z.optional(z.record(z.string(), z.number().check(z.minimum(0)))),
    "Minutes lived at its minimum toward each at_min stat's next cost.",
  ),
};
/** Versions 6 and 7: bonds, and the minutes toward the next drift and at_min steps. */
const snapshotV6Schema = describe(z.looseObject(snapshotV6Fields), SNAPSHOT_ABOUT);
/** Version 8: the stats the player has met a check on. */
const snapshotSchema = describe(
  z.looseObject({
    ...snapshotV6Fields,
    checked: describe(
      z.optional(z.array(z.string()).check(z.maxLength(SETUP_LIST_MAX))),
      'The stats a check has been rolled on for the player, sorted (absent before the first).',
    ),
  }),
  SNAPSHOT_ABOUT,
);
/** Versions 1 and 2 kept the flags as a `{ flag: true }` map. */
const snapshotV2Schema = describe(
  z.looseObject({ ...snapshotFields, flags: z.record(z.string(), z.literal(true)) }),
  SNAPSHOT_ABOUT,
);

const metaSchema = describe(
  z.strictObject({
    sceneTitle: describe(printable(200), "The current scene's title."),
    chapter: describe(printable(200), 'The current chapter ("" before the first one).'),
    clock: describe(printable(50), 'The in-game time, as `Day 1, 08:40`.'),
    savedAt: describe(z.iso.datetime({ offset: true }), 'When the game was saved (ISO 8601).'),
    playerName: describe(z.optional(printable(200)), "The player's name (`vars.name`), if the story has one."),
    condition: describe(
      printable(50),
      'The infection stage as the player knows it: well, bitten, recovered, unwell, changed, turned.',
    ),
    turn: describe(wholeNumber(), 'Choices made so far.'),
  }),
  'What `hyosan saves` shows; never used to rebuild the game.',
);

const common = {
  format: describe(z.literal(SAVE_FORMAT), 'Always "hyosan-save".'),
  story: storyRefSchema,
  seed: seedSchema,
  meta: metaSchema,
};

/** Version 1, the foundation's draft: history is bare choice ids. */
export const saveV1Schema = z.strictObject({
  ...common,
  state: snapshotV2Schema,
  version: z.literal(1),
  history: z.array(name(ID_MAX)).check(z.maxLength(MAX_HISTORY)),
});

/** Version 2: moves with their scenes; flags as a map in the snapshot. */
export const saveV2Schema = z.strictObject({
  ...common,
  state: snapshotV2Schema,
  version: z.literal(2),
  start: name(ID_MAX),
  history: z.array(moveV4Schema).check(z.maxLength(MAX_HISTORY)),
});

/** Version 3: flags as a sorted list; no `said`, exposure times or fates. */
export const saveV3Schema = z.strictObject({
  ...common,
  state: snapshotV3Schema,
  version: z.literal(3),
  start: name(ID_MAX),
  history: z.array(moveV4Schema).check(z.maxLength(MAX_HISTORY)),
});

/** Version 4: no setup, no forced rolls. */
export const saveV4Schema = z.strictObject({
  ...common,
  state: snapshotV4Schema,
  version: z.literal(4),
  start: name(ID_MAX),
  history: z.array(moveV4Schema).check(z.maxLength(MAX_HISTORY)),
});

/** The fields versions 5 and 6 share beside their snapshot and version. */
const setupAndHistory = {
  start: describe(name(ID_MAX), 'The scene the game started at.'),
  setup: z.optional(setupSchema),
  history: describe(z.array(moveSchema).check(z.maxLength(MAX_HISTORY)), 'Every choice made, in order.'),
  force: describe(
    z.optional(rollsSchema()),
    'Outcomes forced (plain mode\'s `force`) since the last choice, waiting for the next rolls.',
  ),
};

/** Version 5: no bonds or drift in the snapshot. */
export const saveV5Schema = z.strictObject({
  ...common,
  state: snapshotV5Schema,
  version: z.literal(5),
  ...setupAndHistory,
});

const PACKS_MAX = 100;
const packsSchema = describe(
  z
    .array(
      z.strictObject({
        id: describe(name(ID_MAX), "The pack's id (`id` in its pack.yaml)."),
        version: describe(printable(100), "The pack's version when the game was saved."),
        title: describe(printable(200), "The pack's title, to name it when it is missing."),
      }),
    )
    .check(z.maxLength(PACKS_MAX)),
  'The story packs the game was played with (absent when none).',
);

/** Version 6: no packs. */
export const saveV6Schema = z.strictObject({
  ...common,
  state: snapshotV6Schema,
  version: z.literal(6),
  ...setupAndHistory,
});

/** Version 7: no stats met by a check in the snapshot. */
export const saveV7Schema = z.strictObject({
  ...common,
  packs: z.optional(packsSchema),
  state: snapshotV6Schema,
  version: z.literal(7),
  ...setupAndHistory,
});

/** Version 8, the current format. */
export const saveV8Schema = describe(
  z.strictObject({
    ...common,
    packs: z.optional(packsSchema),
    state: snapshotSchema,
    version: describe(z.literal(8), 'The save-format version.'),
    ...setupAndHistory,
  }),
  'A saved game of hyosan.',
);

/** The schema of the version `encodeSave` writes. */
export const saveDocumentSchema = saveV8Schema;

// Fails to compile when SAVE_FORMAT_VERSION is bumped without a schema for it.
const _writesCurrent: z.infer<typeof saveDocumentSchema>['version'] = SAVE_FORMAT_VERSION;

/** The schema of each version still loadable, by version number. */
export const SCHEMAS_BY_VERSION = {
  1: saveV1Schema,
  2: saveV2Schema,
  3: saveV3Schema,
  4: saveV4Schema,
  5: saveV5Schema,
  6: saveV6Schema,
  7: saveV7Schema,
  8: saveV8Schema,
} as const;

/** A version-1 save. */
export type SaveV1 = z.infer<typeof saveV1Schema>;
/** A version-2 save. */
export type SaveV2 = z.infer<typeof saveV2Schema>;
/** A version-3 save. */
export type SaveV3 = z.infer<typeof saveV3Schema>;
/** A version-4 save. */
export type SaveV4 = z.infer<typeof saveV4Schema>;
/** A version-5 save. */
export type SaveV5 = z.infer<typeof saveV5Schema>;
/** A version-6 save. */
export type SaveV6 = z.infer<typeof saveV6Schema>;
/** A version-7 save. */
export type SaveV7 = z.infer<typeof saveV7Schema>;
/** A version-8 save. */
export type SaveV8 = z.infer<typeof saveV8Schema>;
/** A save of any version this hyosan can load. */
export type AnySave = SaveV1 | SaveV2 | SaveV3 | SaveV4 | SaveV5 | SaveV6 | SaveV7 | SaveV8;
/** A save in the current format. */
export type SaveDocument = SaveV8;
/** A pack a save was played with. */
export type SavedPack = NonNullable<SaveDocument['packs']>[number];
/** The story a save belongs to. */
export type StoryRef = z.infer<typeof storyRefSchema>;
/** What `hyosan saves` shows about a save. */
export type SaveMeta = z.infer<typeof metaSchema>;
/** The state snapshot in a save. */
export type StateSnapshot = z.infer<typeof snapshotSchema>;
