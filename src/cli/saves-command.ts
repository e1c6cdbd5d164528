/**
 * `hyosan saves`: the saves in the save folder as a table (slot, scene,
 * chapter, in-game time, real date), or with `--json` as an array for tools.
 */
import { oneLine, terminalJson } from '../engine/control-chars.js';
import type { Story } from '../engine/story-types.js';
import { SaveStore, formatSavedAt, summarize, type SaveEntry, type SaveSummary } from '../saves/index.js';

/** One save in `hyosan saves --json`. Fields are null when the save cannot be read. */
export interface SaveListingJson {
  readonly slot: string;
  readonly file: string;
  readonly storyId: string | null;
  readonly storyVersion: string | null;
  /** Whether the save belongs to the story being played (others cannot be loaded into it). */
  readonly sameStory: boolean;
  readonly formatVersion: number | null;
  readonly scene: string | null;
  readonly sceneTitle: string | null;
  readonly chapter: string | null;
  readonly clock: string | null;
  readonly savedAt: string | null;
  readonly playerName: string | null;
  readonly condition: string | null;
  readonly turn: number | null;
  /** The listing comes from the slot's backup, because the main file is damaged. */
  readonly fromBackup: boolean;
  /** Why the main file cannot be read, as one line. */
  readonly error: string | null;
}

/** Lists the saves; resolves to the exit code (1 when the folder cannot be read). */
export async function savesCommand(
  opts: { saveDir?: string; json: boolean; story: Story },
  out: NodeJS.WritableStream,
): Promise<number> {
  const store = new SaveStore(opts.saveDir === undefined ? {} : { dir: opts.saveDir });
  const entries = await store.list();
  if (!Array.isArray(entries)) {
    out.write(opts.json ? '[]\n' : `hyosan: ${entries.message}\n`);
    return 1;
  }
  const rows = entries.map((e) => toJson(e, opts.story));
  if (opts.json) {
    out.write(`${terminalJson(rows, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    out.write(`No saves yet in ${oneLine(store.dir)}\n`);
    return 0;
  }
  out.write(`Saves in ${oneLine(store.dir)}\n\n${table(rows)}`);
  return 0;
}

function toJson(entry: SaveEntry, story: Story): SaveListingJson {
  const s: Partial<SaveSummary> = entry.save === undefined ? {} : summarize(entry.save);
  return {
    slot: entry.slot,
    file: entry.file,
    storyId: s.storyId ?? null,
    storyVersion: s.storyVersion ?? null,
    sameStory: s.storyId === story.id,
    formatVersion: s.formatVersion ?? null,
    scene: s.scene ?? null,
    sceneTitle: s.sceneTitle ?? null,
    chapter: s.chapter ?? null,
    clock: s.clock ?? null,
    savedAt: s.savedAt ?? null,
    playerName: s.playerName ?? null,
    condition: s.condition ?? null,
    turn: s.turn ?? null,
    fromBackup: entry.fromBackup,
    error: entry.error?.message ?? null,
  };
}

const HEADERS = ['SLOT', 'SCENE', 'CHAPTER', 'TIME', 'SAVED'] as const;
const MAX_CELL = 32;

/** The rows as an aligned text table, with a note column only when some row needs one. */
function table(rows: readonly SaveListingJson[]): string {
  const cells = rows.map((r) => [
    r.slot,
    r.sceneTitle ?? '-',
    r.chapter === null || r.chapter === '' ? '-' : r.chapter,
    r.clock ?? '-',
    r.savedAt === null ? '-' : formatSavedAt(r.savedAt),
  ]);
  const notes = rows.map((row) => oneLine(noteOf(row)));
  // What a save says is the save's to choose: one safe line per cell. The
  // slot is shown whole, as --load needs it (hyosan's own are up to 64 long).
  const clipped = cells.map((row) => row.map((c, i) => (i === 0 ? oneLine(c) : clip(oneLine(c), MAX_CELL))));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...clipped.map((row) => width(row[i]!))));
  const line = (row: readonly string[], note: string) =>
    `${row.map((c, i) => pad(c, widths[i]!)).join('  ')}${note === '' ? '' : `  ${note}`}`.trimEnd();
  const anyNote = notes.some((n) => n !== '');
  const header = line(HEADERS, anyNote ? 'NOTE' : '');
  const body = clipped.map((row, i) => line(row, notes[i]!));
  const problems = rows.filter((r) => r.error !== null).map((r) => `  ${oneLine(r.error ?? '')}`);
  return `${[header, ...body].join('\n')}\n${problems.length === 0 ? '' : `\n${problems.join('\n')}\n`}`;
}

function noteOf(row: SaveListingJson): string {
  if (row.error !== null && !row.fromBackup) return 'damaged (see below)';
  if (row.fromBackup) return 'damaged; its backup will load';
  if (!row.sameStory) return `another story: ${row.storyId ?? '?'}`;
  return '';
}

function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
