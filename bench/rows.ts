/** What every benchmark reports: rows of one number each, with the target it is held to. */

/** A target a number is compared with (for the reader: the benchmark never fails on it). */
export interface Target {
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** One measured number. */
export interface Row {
  /** Stable across runs and sizes (`startup.ink.ratio`), for `--json` readers and the test. */
  readonly id: string;
  /** The section of the table it is printed in. */
  readonly section: string;
  /** What was measured, in words. */
  readonly label: string;
  /** NaN when it could not be measured (then `note` says why). */
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
  readonly note?: string;
}

/** Where and how the benchmarks run. */
export interface BenchContext {
  /** The repository: where package.json, story/ and dist/cli.js are. */
  readonly root: string;
  /** dist/cli.js, built before the run. */
  readonly cli: string;
  /** A scratch folder for this run, removed at the end. */
  readonly tmp: string;
  /** Tiny sizes and few repetitions, to keep the benchmarks working in CI. */
  readonly quick: boolean;
  /** Progress for the person waiting (stderr). */
  readonly log: (line: string) => void;
}

/** Whether `row` meets its target; undefined when it has none or no value. */
export function meetsTarget(row: Row): boolean | undefined {
  if (row.target === undefined || Number.isNaN(row.value)) return undefined;
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}

/** A row for a number that could not be measured, saying why. */
export function unmeasured(row: Omit<Row, 'value' | 'note'>, why: string): Row {
  return { ...row, value: Number.NaN, note: why };
}
