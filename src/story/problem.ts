/**
 * A problem found while loading a story: an author's mistake, located in a
 * file so an editor or a terminal can jump to it.
 */
import { oneLine } from '../engine/control-chars.js';

export interface Problem {
  /** The file as given to the loader (or the story folder, for story-wide problems). */
  readonly file: string;
  /** 1-based line; 0 when the problem concerns the whole file or folder. */
  readonly line: number;
  /** 1-based column; 0 when the problem concerns the whole file or folder. */
  readonly col: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /**
   * Set on a follow-on problem: one that exists only because another file
   * could not be read (`file:line:col` of that file's own error). Fix the
   * cause and it goes away.
   */
  readonly cause?: string;
}

/** `path:line:col: severity: message`, the form editors and terminals recognise. */
export function formatProblem(p: Problem): string {
  // A message may quote the story (a bad value, a file's name): never a control character raw.
  const where = p.line > 0 ? `${oneLine(p.file)}:${p.line}:${p.col}` : oneLine(p.file);
  return `${where}: ${p.severity}: ${oneLine(p.message)}`;
}

/** Orders problems by file, then line, then column, and drops exact duplicates. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const p of problems) {
    const key = `${p.file}\0${p.line}\0${p.col}\0${p.severity}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return unique.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}
