/**
 * Saves to JSON text and back. `encodeSave` writes the current format;
 * `readSaveDocument` checks an untrusted text of any loadable version without
 * a story (for listing); `decodeSave` also migrates it and rebuilds the game
 * by replaying its history against the story.
 */
import { sceneView, visibleCondition } from '../engine/index.js';
import type { GameState, Story } from '../engine/index.js';
import { SaveError, oneLine } from './errors.js';
import {
  MIN_LOADABLE_VERSION,
  SAVE_FORMAT,
  SAVE_FORMAT_VERSION,
  SCHEMAS_BY_VERSION,
  saveDocumentSchema,
  type AnySave,
  type SaveDocument,
  type SaveMeta,
} from './format.js';
import type { SavedGame } from './game.js';
import { migrateToCurrent } from './migrate.js';
import { resumeSave, type LoadedGame } from './resume.js';
import { MAX_SAVE_BYTES, parseUntrustedJson } from './untrusted.js';

/** The save document for a game at `now`. */
export function buildSaveDocument(story: Story, game: SavedGame, now: Date): SaveDocument {
  const view = sceneView(story, game.state);
  const name = game.state.vars.name;
  const meta: SaveMeta = {
    sceneTitle: display(view.title, 200),
    chapter: display(view.chapter, 200),
    clock: display(view.clock, 50),
    savedAt: now.toISOString(),
    ...(name === undefined || name === '' ? {} : { playerName: display(name, 200) }),
    condition: visibleCondition(game.state, 'player', story.infection).label,
    turn: game.state.turn,
  };
  return {
    format: SAVE_FORMAT,
    version: SAVE_FORMAT_VERSION,
    story: { id: story.id, version: story.version, hash: story.hash },
    ...(story.packs === undefined || story.packs.length === 0
      ? {}
      : { packs: story.packs.map((p) => ({ id: p.id, version: display(p.version, 100), title: display(p.title, 200) })) }),
    seed: game.seed,
    start: game.start,
    // Plain data, written as it is: the schema check below catches any mismatch.
    ...(game.setup === undefined ? {} : { setup: game.setup as SaveDocument['setup'] }),
    history: game.history.map((m) => ({
      scene: m.scene,
      choice: m.choice,
      ...(m.input === undefined ? {} : { input: m.input }),
      ...(m.force === undefined ? {} : { force: [...m.force] }),
    })),
    ...(game.pendingForce === undefined ? {} : { force: [...game.pendingForce] }),
    state: snapshotOf(game.state),
    meta,
  };
}

/**
 * The state as a save's snapshot keeps it: all of it but `drifted`, what
 * time did in the last move, and `resumed`, whether the move came back into
 * its scene with `@back`. Those are only told to the player (the changes
 * line, the scene shown as come back to), and loading rebuilds them exactly
 * by replaying the history, as it rebuilds the rest; the snapshot is never
 * played from. Left out, they add nothing to the format to version and migrate.
 */
function snapshotOf(state: GameState): SaveDocument['state'] {
  const { drifted: _told, resumed: _shown, ...kept } = state;
  // Plain data, written as it is: the schema check in encodeSave catches any mismatch.
  return kept as SaveDocument['state'];
}

/**
 * A game as save-file text (JSON). Throws only on a bug: a document that
 * would not load back is never written.
 */
export function encodeSave(story: Story, game: SavedGame, now: Date): string {
  const doc = buildSaveDocument(story, game, now);
  const checked = saveDocumentSchema.safeParse(doc);
  if (!checked.success) {
    throw new Error(`hyosan would write a save it cannot read back: ${describeIssue(checked.error.issues)}`);
  }
  const pretty = `${JSON.stringify(doc, null, 2)}\n`;
  // Readable when it fits; a very long game falls back to compact JSON.
  return Buffer.byteLength(pretty) <= MAX_SAVE_BYTES ? pretty : `${JSON.stringify(doc)}\n`;
}

/** Checks save text of any loadable version without migrating it (for listing). */
export function readSaveDocument(text: string, where: string): AnySave | SaveError {
  const parsed = parseUntrustedJson(text, where);
  if (parsed instanceof SaveError) return parsed;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return new SaveError('not-a-save', where, 'is JSON but not a hyosan save');
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== SAVE_FORMAT) {
    return new SaveError('not-a-save', where, `is JSON but not a hyosan save (no "format": "${SAVE_FORMAT}")`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return new SaveError('invalid', where, 'has no whole-number save-format "version"');
  }
  if (version > SAVE_FORMAT_VERSION) {
    return new SaveError(
      'too-new',
      where,
      `was written by a newer hyosan (save format ${version}; this one reads up to ${SAVE_FORMAT_VERSION})`,
    );
  }
  if (version < MIN_LOADABLE_VERSION) {
    return new SaveError('too-old', where, `uses save format ${version}, older than ${MIN_LOADABLE_VERSION}`);
  }
  const schema = SCHEMAS_BY_VERSION[version as keyof typeof SCHEMAS_BY_VERSION];
  const checked = schema.safeParse(value);
  if (!checked.success) {
    return new SaveError('invalid', where, `is not a valid save: ${describeIssue(checked.error.issues)}`);
  }
  return checked.data;
}

/**
 * Loads save text into `story`: checks it, migrates it, and replays its
 * history. Never throws for bad input: the result is a game (maybe with
 * notices for the player) or a `SaveError`. `where` names the file in messages.
 */
export function decodeSave(text: string, story: Story, where: string): LoadedGame | SaveError {
  const doc = readSaveDocument(text, where);
  if (doc instanceof SaveError) return doc;
  if (doc.story.id !== story.id) {
    return new SaveError(
      'other-story',
      where,
      `is a save of the story "${doc.story.id}", not "${story.id}"`,
    );
  }
  return resumeSave(story, migrateToCurrent(doc, story), where);
}

/** One zod issue as a few words: `history[3].choice: expected string`. */
function describeIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (issue === undefined) return 'unknown problem';
  const path = issue.path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  const message = issue.message.replace(/^Invalid input: /, '');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${path === '' ? 'the document' : `"${path}"`}: ${message}${more}`;
}

/** Clips display text to `max` UTF-16 units (what the schema counts), on one printable line. */
function display(text: string, max: number): string {
  const clean = oneLine(text);
  if (clean.length <= max) return clean;
  let kept = '';
  for (const ch of clean) {
    if (kept.length + ch.length > max - 1) break;
    kept += ch;
  }
  return `${kept}…`;
}
