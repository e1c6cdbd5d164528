/**
 * Versions and version ranges, for a pack's `story: { versions: ... }`: the
 * story versions a pack was written for. The range language is the part of
 * npm's that authors write (no dependency: it is small):
 *
 * - comparators `>=0.1.0`, `>0.1.0`, `<0.2.0`, `<=0.2.0`, `=0.1.0` or
 *   `0.1.0`; comparators separated by spaces must all hold;
 * - `^0.1.0` (the same left-most non-zero part), `~0.1.0` (the same minor);
 * - `0.1.x`, `0.1`, `0.x`, `*` (any version with those leading parts);
 * - `0.1.0 - 0.3.0` (both ends included);
 * - `||` between alternatives: any of them may hold.
 *
 * Versions are `MAJOR.MINOR.PATCH` with an optional `-pre.release` (and a
 * `+build` that is ignored); a story version of one or two parts (`1`,
 * `1.2`) counts its missing parts as 0. Pre-releases order as semver orders
 * them (`1.0.0-rc.1 < 1.0.0`), and npm's rule that a range leaves them out
 * unless it names one is not followed: a story's pre-release is still that
 * story.
 */

/** A version, parsed. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers (`rc.1` → `['rc', '1']`); empty for a release. */
  readonly pre: readonly string[];
}

type Op = '<' | '<=' | '>' | '>=' | '=';

interface Comparator {
  readonly op: Op;
  readonly version: Version;
}

/** A parsed range: alternatives, each a list of comparators that must all hold (an empty list holds for any). */
export interface VersionRange {
  readonly src: string;
  readonly sets: readonly (readonly Comparator[])[];
}

const PART = String.raw`0|[1-9]\d{0,8}`;
const PRE = String.raw`[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*`;
const VERSION = new RegExp(`^v?(${PART})(?:\\.(${PART}))?(?:\\.(${PART}))?(?:-(${PRE}))?(?:\\+${PRE})?$`);
const FULL_VERSION = new RegExp(`^(${PART})\\.(${PART})\\.(${PART})(?:-(${PRE}))?(?:\\+${PRE})?$`);
/** A possibly partial version with wildcards: `1`, `1.2`, `1.x`, `1.2.*`, `*`. */
const PARTIAL = new RegExp(`^v?(${PART}|[xX*])(?:\\.(${PART}|[xX*]))?(?:\\.(${PART}|[xX*]))?(?:-(${PRE}))?(?:\\+${PRE})?$`);

/** A story's version: one to three parts (missing ones are 0), or undefined when it is none. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] === undefined ? [] : m[4].split('.') };
}

/** Whether `text` is a full `MAJOR.MINOR.PATCH` version (what a pack's own `version` must be). */
export function isFullVersion(text: string): boolean {
  return FULL_VERSION.test(text);
}

/** Orders two versions as semver does: -1, 0 or 1. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** The range `text` describes, or what is wrong with it. */
export function parseRange(text: string): VersionRange | { readonly error: string } {
  const src = text.trim();
  if (src === '') return { error: 'an empty range: write the versions the pack was written for, e.g. ">=0.1.0 <0.2.0"' };
  const sets: Comparator[][] = [];
  for (const alternative of src.split('||')) {
    const set = parseSet(alternative.trim());
    if ('error' in set) return set;
    sets.push(set);
  }
  return { src, sets };
}

/** Whether `version` lies in `range`. */
export function satisfies(version: Version, range: VersionRange): boolean {
  return range.sets.some((set) => set.every((c) => holds(c, version)));
}

function holds({ op, version }: Comparator, v: Version): boolean {
  const order = compareVersions(v, version);
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '=':
      return order === 0;
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

const HELP = 'write comparators such as ">=0.1.0 <0.2.0", "^0.1.0", "~0.1.2", "0.1.x" or "0.1.0 - 0.3.0", joined by "||" for alternatives';

function parseSet(text: string): Comparator[] | { readonly error: string } {
  if (text === '') return { error: `an empty alternative beside '||': ${HELP}` };
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen !== null) {
    const low = partial(hyphen[1]!);
    const high = partial(hyphen[2]!);
    if (low === undefined || high === undefined) return { error: `'${text}' is not a range: ${HELP}` };
    return [...lowerBound('>=', low), ...upperBound('<=', high)];
  }
  // `>= 0.1.0` with a space after the operator reads as one comparator.
  const words = text.replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1').split(/\s+/);
  const out: Comparator[] = [];
  for (const word of words) {
    const m = /^(<=|>=|<|>|=|\^|~)?(.*)$/.exec(word)!;
    const op = m[1] ?? '';
    const p = partial(m[2]!);
    if (p === undefined) return { error: `'${word}' is not a version or a comparator: ${HELP}` };
    out.push(...comparatorsOf(op, p));
  }
  return out;
}

/** A version with some parts left open (`undefined`: `x`, `*` or missing). */
interface Partial {
  readonly major?: number;
  readonly minor?: number;
  readonly patch?: number;
  readonly pre: readonly string[];
}

function partial(text: string): Partial | undefined {
  const m = PARTIAL.exec(text);
  if (m === null) return undefined;
  const part = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const [major, minor, patch] = [part(m[1]), part(m[2]), part(m[3])];
  // `1.x.3` leaves a part open before a fixed one: no such range.
  if ((major === undefined && (minor !== undefined || patch !== undefined)) || (minor === undefined && patch !== undefined)) {
    return undefined;
  }
  return {
    ...(major === undefined ? {} : { major }),
    ...(minor === undefined ? {} : { minor }),
    ...(patch === undefined ? {} : { patch }),
    pre: m[4] === undefined ? [] : m[4].split('.'),
  };
}

const v = (major: number, minor: number, patch: number, pre: readonly string[] = []): Version => ({ major, minor, patch, pre });

/** The lowest version a partial one stands for (`1.2` → 1.2.0). */
function floor(p: Partial): Version {
  return v(p.major ?? 0, p.minor ?? 0, p.patch ?? 0, p.pre);
}

/** The first version past a partial one (`1.2` → 1.3.0-0, `1` → 2.0.0-0); undefined for `*`. */
function ceiling(p: Partial): Version | undefined {
  if (p.major === undefined) return undefined;
  if (p.minor === undefined) return v(p.major + 1, 0, 0, ['0']);
  if (p.patch === undefined) return v(p.major, p.minor + 1, 0, ['0']);
  return undefined;
}

function lowerBound(op: '>=' | '>', p: Partial): Comparator[] {
  if (p.major === undefined) return [];
  if (op === '>' && p.patch === undefined) {
    const past = ceiling(p);
    return past === undefined ? [] : [{ op: '>=', version: past }];
  }
  return [{ op, version: floor(p) }];
}

function upperBound(op: '<=' | '<', p: Partial): Comparator[] {
  if (p.major === undefined) return op === '<' ? [{ op: '<', version: v(0, 0, 0, ['0']) }] : [];
  if (p.patch === undefined) {
    const past = ceiling(p)!;
    return [{ op: '<', version: op === '<' ? floor(p) : past }];
  }
  return [{ op, version: floor(p) }];
}

function comparatorsOf(op: string, p: Partial): Comparator[] {
  switch (op) {
    case '>=':
    case '>':
      return lowerBound(op, p);
    case '<=':
    case '<':
      return upperBound(op, p);
    case '^': {
      const low = floor(p);
      const high =
        low.major > 0 || p.minor === undefined
          ? v(low.major + 1, 0, 0, ['0'])
          : low.minor > 0 || p.patch === undefined
            ? v(0, low.minor + 1, 0, ['0'])
            : v(0, 0, low.patch + 1, ['0']);
      return p.major === undefined ? [] : [{ op: '>=', version: low }, { op: '<', version: high }];
    }
    case '~': {
      if (p.major === undefined) return [];
      const low = floor(p);
      const high = p.minor === undefined ? v(low.major + 1, 0, 0, ['0']) : v(low.major, low.minor + 1, 0, ['0']);
      return [{ op: '>=', version: low }, { op: '<', version: high }];
    }
    default: {
      // `=1.2.3` or `1.2.3` exactly; `1.2` or `1.2.x` is every 1.2 version.
      if (p.major === undefined) return [];
      const past = ceiling(p);
      return past === undefined ? [{ op: '=', version: floor(p) }] : [{ op: '>=', version: floor(p) }, { op: '<', version: past }];
    }
  }
}
