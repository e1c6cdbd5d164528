/**
 * Saves: the versioned JSON codec, migrations, replay-based loading, and the
 * file store. The game's start path imports the modules it needs directly:
 * this index also loads the codec, and with it zod.
 */
export { SaveError, type SaveErrorKind } from './errors.js';
export {
  SAVE_FORMAT,
  SAVE_FORMAT_VERSION,
  MIN_LOADABLE_VERSION,
  MAX_HISTORY,
  saveDocumentSchema,
  type AnySave,
  type SaveDocument,
  type SaveMeta,
  type StoryRef,
} from './format.js';
export { migrateToCurrent } from './migrate.js';
export { buildSaveDocument, decodeSave, encodeSave, readSaveDocument } from './codec.js';
export {
  forceNextRolls,
  newGame,
  playChoice,
  replayMoves,
  rewind,
  type ReplayOutcome,
  type ReplayStop,
  type SavedGame,
  type StopReason,
} from './game.js';
export type { LoadedGame } from './resume.js';
export { SaveStore, type SaveEntry, type SaveStoreOptions, type StoredGame } from './store.js';
export { autosaveSlot, checkSlotName, chooseSaveDir, defaultSaveDir, SLOT_NAME } from './slots.js';
export { formatSavedAt, summarize, type SaveSummary } from './summary.js';
export { MAX_JSON_DEPTH, MAX_SAVE_BYTES } from './untrusted.js';
