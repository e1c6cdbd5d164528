/**
 * What a save file says it is: its format name and version, apart from the
 * zod schemas in format.ts, so that recognising a save (the title screen's
 * Continue) does not load zod.
 */

/** The `format` every save carries, so a stray JSON file is told apart from a save. */
export const SAVE_FORMAT = 'hyosan-save';

// Save-format changelog. Bump SAVE_FORMAT_VERSION for any change to the
// document, add a schema for the new version in format.ts and a migration step in
// migrate.ts; raise MIN_LOADABLE_VERSION only when a step is dropped.
//
//   1  The foundation's draft: `history` was a list of choice ids, without
//      the scene each was made in, and typed answers were not recorded.
//   2  `history` holds moves `{ scene, choice, input? }`, so a save can be
//      replayed against an edited story and tell exactly where it stops
//      fitting; `start` records the scene the game began at (`--start-at`).
//   3  The state snapshot keeps `flags` as a sorted list of the flags set
//      (the engine's new representation) instead of a `{ flag: true }` map.
//   4  The snapshot keeps `said` (the lines `say` effects showed in the last
//      move), and each character may carry `exposedAt` (when last exposed to
//      the virus) and `fate` (what the story recorded became of them).
//   5  A game begun with `--start-at` and setup options records its `setup`
//      (flags, items, party, stats, clock, variables, statuses, forced rolls),
//      which the replay applies before the first scene; a move may carry
//      `force` (rolls forced just before it), the document `force` (rolls
//      forced since the last move), and the snapshot `forced` (the queue).
//   6  The snapshot may keep `bonds` (each bonded character's bond with the
//      player), `drift` (minutes lived toward each drifting stat's next step)
//      and `atMin` (minutes lived at the minimum toward each at_min stat's
//      next cost).
//   7  A game played with story packs records them: `packs`, each pack's id,
//      version and title (absent when none), so loading it without one can
//      say which pack is missing.
//   8  The snapshot may keep `checked`: the stats a check has been rolled on
//      for the player, sorted, so a choice can name the stat its check tests.

/** The version `encodeSave` writes. */
export const SAVE_FORMAT_VERSION = 8;
/** The oldest version `decodeSave` still migrates forward. */
export const MIN_LOADABLE_VERSION = 1;

/** More moves than this is no game anyone played; refuse rather than replay for minutes. */
export const MAX_HISTORY = 100_000;
