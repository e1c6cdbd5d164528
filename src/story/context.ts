/**
 * What compiling one file needs: the names the story knows, and a way to
 * report a problem at a data path of that file (mapped back to line:col).
 */
import { compileCondition, compileNumber, type ConditionNames, type ConditionProblem } from '../engine/condition.js';
import type { Condition, NumberExpr } from '../engine/condition-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Template } from '../engine/text-types.js';
import type { Located } from './issues.js';
import { validate } from './issues.js';
import { type DataPath, type YamlFile, positionInScalar, positionOf } from './parse-yaml.js';
import { BACK, RETURN } from './names.js';
import type { Problem } from './problem.js';
import { didYouMean } from './suggest.js';
import { compileTemplateParts, isSimple, parseTemplate } from './template.js';
import type * as z from 'zod/mini';

/** Names placeholders may use besides variables and stats. */
const CLOCK_PLACEHOLDERS = ['day', 'clock'];

// Conditions compiled in one load, by source: a condition means the same
// wherever it is written (given the same names), and many choices share one.
const compiledConditions = new WeakMap<ConditionNames, Map<string, Condition>>();

/** A file of the story that could not be read, and where its own first error is. */
export interface UnreadFile {
  readonly path: string;
  readonly text: string;
  /** `file:line:col` of the file's first error. */
  readonly cause: string;
}

/**
 * References to names that are unknown only because the file that would
 * declare them could not be read: counted per referring file and unread
 * file, to be reported as one line each (`followOnProblems`).
 */
export class FollowOns {
  private readonly byPair = new Map<string, { at: Problem; readonly unread: UnreadFile; count: number }>();

  constructor(readonly unread: readonly UnreadFile[]) {}

  /** The unread file that mentions `name`, if any: the name was probably declared there. */
  sourceOf(name: string): UnreadFile | undefined {
    if (this.unread.length === 0 || name === '') return undefined;
    const word = new RegExp(`(?<![\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
    return this.unread.find((f) => word.test(f.text));
  }

  /** Counts a reference at `at` into `unread`. */
  add(at: Problem, unread: UnreadFile): void {
    const key = `${at.file}\u0000${unread.path}`;
    const seen = this.byPair.get(key);
    if (seen === undefined) {
      this.byPair.set(key, { at, unread, count: 1 });
      return;
    }
    seen.count++;
    // Reported at the first reference in the file, whatever order the parts were compiled in.
    if (at.line < seen.at.line || (at.line === seen.at.line && at.col < seen.at.col)) seen.at = at;
  }

  /** One problem per referring file and unread file, at the first reference, marked with its cause. */
  problems(): Problem[] {
    return [...this.byPair.values()].map(({ at, unread, count }) => ({
      file: at.file,
      line: at.line,
      col: at.col,
      severity: 'error',
      message:
        `${count === 1 ? '1 reference' : `${count} references`} into ${unread.path}, which could not be read ` +
        `(its error at ${unread.cause}): fix that file first`,
      cause: unread.cause,
    }));
  }
}

const NO_FOLLOW_ONS = new FollowOns([]);

/** Reports problems in one file and compiles the small languages embedded in it. */
export class FileContext {
  private reported = 0;

  constructor(
    readonly yaml: YamlFile,
    readonly names: ConditionNames,
    private readonly problems: Problem[],
    /** Where references into files that could not be read are counted, instead of reported one by one. */
    private readonly followOns: FollowOns = NO_FOLLOW_ONS,
  ) {}

  /** How many errors this context has reported so far (to tell whether a part compiled cleanly). */
  get errors(): number {
    return this.reported;
  }

  /** Where the value at `path` was written, as a SourceRef for compiled data. */
  source(path: DataPath): SourceRef {
    const p = positionOf(this.yaml, path);
    return { file: this.yaml.path, line: p.line, col: p.col };
  }

  /** An error at the value (or key) at `path`. */
  error(path: DataPath, message: string, at: 'key' | 'value' = 'value'): void {
    const p = positionOf(this.yaml, path, at);
    this.reported++;
    this.problems.push({ file: this.yaml.path, line: p.line, col: p.col, severity: 'error', message });
  }

  /** A warning at the value (or key) at `path`: the story loads, but the author should look. */
  warning(path: DataPath, message: string, at: 'key' | 'value' = 'value'): void {
    const p = positionOf(this.yaml, path, at);
    this.problems.push({ file: this.yaml.path, line: p.line, col: p.col, severity: 'warning', message });
  }

  /** An error at a character inside the string value at `path`. */
  errorInScalar(path: DataPath, offset: number, message: string): void {
    const p = positionInScalar(this.yaml, path, offset);
    this.reported++;
    this.problems.push({ file: this.yaml.path, line: p.line, col: p.col, severity: 'error', message });
  }

  /**
   * An unknown `name` at `path` (or at `offset` inside its string): an error,
   * or, when a file that could not be read mentions the name, a follow-on
   * of that file's error, counted instead of reported on its own.
   */
  unknownName(name: string, path: DataPath, message: string, at: 'key' | 'value' = 'value', offset?: number): void {
    const unread = this.followOns.sourceOf(name);
    if (unread === undefined) {
      if (offset === undefined) this.error(path, message, at);
      else this.errorInScalar(path, offset, message);
      return;
    }
    const p = offset === undefined ? positionOf(this.yaml, path, at) : positionInScalar(this.yaml, path, offset);
    this.reported++;
    this.followOns.add({ file: this.yaml.path, line: p.line, col: p.col, severity: 'error', message }, unread);
  }

  /** Reports issues found by `validate`. */
  report(issues: readonly Located[]): void {
    for (const i of issues) this.error(i.path, i.message, i.at);
  }

  /** Validates `data` (found at `path`) against `schema`, reporting every issue. */
  check<T>(schema: z.ZodMiniType<T>, data: unknown, path: DataPath): T | undefined {
    const result = validate(schema, data, path);
    if (result.ok) return result.data;
    this.report(result.issues);
    return undefined;
  }

  /**
   * Compiles the condition at `path`, reporting problems at their columns;
   * `within` is where it starts inside that string value when it is only a
   * part of it (an inline condition in a text).
   */
  condition(src: string | boolean, path: DataPath, within?: number): Condition | undefined {
    const text = String(src);
    if (text.trim() === '') {
      this.error(path, 'empty condition: write one, e.g. `stamina > 2`, or remove the field');
      return undefined;
    }
    let known = compiledConditions.get(this.names);
    if (known === undefined) {
      known = new Map();
      compiledConditions.set(this.names, known);
    }
    const same = known.get(text);
    if (same !== undefined) return same;
    let result: ReturnType<typeof compileCondition>;
    try {
      result = compileCondition(text, this.names);
    } catch (error) {
      // A bug in the condition compiler must not take the whole check down.
      this.error(path, `internal error while compiling this condition (please report it): ${(error as Error).message}`);
      return undefined;
    }
    if (result.ok) {
      known.set(text, result.condition);
      return result.condition;
    }
    this.expressionProblems(text, result.problems, path, typeof src === 'string' ? (within ?? 0) : undefined);
    return undefined;
  }

  /**
   * Reports a condition's or an amount's problems at their columns (`base`:
   * where the expression starts in the string at `path`; undefined when it
   * was not a string, as `if: 3`).
   */
  private expressionProblems(src: string, problems: readonly ConditionProblem[], path: DataPath, base: number | undefined): void {
    for (const p of problems) {
      // A flag, stat or scene named only in a file that failed to parse looks unknown here.
      const unknown = /^unknown [a-z]+ '/.test(p.message) ? src.slice(p.start, p.end).replace(/^["']|["']$/g, '') : '';
      const offset = base === undefined ? undefined : base + p.start;
      if (unknown !== '') this.unknownName(unknown, path, p.message, 'value', offset);
      else if (offset !== undefined) this.errorInScalar(path, offset, p.message);
      else this.error(path, p.message);
    }
  }

  /** Compiles the number expression at `path` (a computed amount), reporting problems at their columns. */
  number(src: string, path: DataPath): NumberExpr | undefined {
    if (src.trim() === '') {
      this.error(path, 'empty amount: write a number, or an expression such as "-noise" or "stamina + 1"');
      return undefined;
    }
    let result: ReturnType<typeof compileNumber>;
    try {
      result = compileNumber(src, this.names);
    } catch (error) {
      this.error(path, `internal error while compiling this amount (please report it): ${(error as Error).message}`);
      return undefined;
    }
    if (result.ok) return result.expr;
    this.expressionProblems(src, result.problems, path, 0);
    return undefined;
  }

  /**
   * Compiles a template: `text` is the string value at `path` from `offset`
   * on (a paragraph of it, or all of it).
   */
  template(text: string, path: DataPath, offset = 0): Template | undefined {
    const parsed = parseTemplate(text);
    for (const p of parsed.problems) this.errorInScalar(path, offset + p.offset, p.message);
    let ok = parsed.problems.length === 0;
    for (const ph of parsed.placeholders) {
      const { vars, stats } = this.names;
      if (vars.has(ph.name) || stats.has(ph.name) || CLOCK_PLACEHOLDERS.includes(ph.name)) continue;
      ok = false;
      const known = [...vars, ...stats, ...CLOCK_PLACEHOLDERS];
      this.unknownName(
        ph.name,
        path,
        `unknown placeholder '{${ph.name}}': use a variable (vars:), a stat, {day} or {clock}${didYouMean(ph.name, known)}`,
        'value',
        offset + ph.offset,
      );
    }
    if (!ok) return undefined;
    if (isSimple(parsed.parts)) return { src: text, parts: parsed.parts };
    const parts = compileTemplateParts(parsed.parts, (cond, at) => this.condition(cond, path, offset + at));
    return parts === undefined ? undefined : { src: text, parts };
  }

  /** Whether `id` names a scene (or `@return` where allowed); reports it if not. */
  sceneRef(id: string, path: DataPath, allowReturn: boolean): boolean {
    if (allowReturn && (id === RETURN || id === BACK)) return true;
    if (this.names.scenes.has(id)) return true;
    this.unknownName(id, path, `no scene has the id '${id}'${didYouMean(id, this.names.scenes)}`);
    return false;
  }
}
