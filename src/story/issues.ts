/**
 * zod issues turned into messages an author can act on, each with the data
 * path it is about (the loader maps paths back to lines and columns).
 */
import type * as z from 'zod/mini';
import type { DataPath } from './parse-yaml.js';
import { plainlyValid } from './plain-valid.js';
import { didYouMean } from './suggest.js';

/** A problem at a data path: the value there, or (for a bad or unknown key) its key. */
export interface Located {
  readonly path: DataPath;
  readonly at: 'key' | 'value';
  readonly message: string;
}

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

// The error map sees no path, so a missing field is marked here and named
// in `flatten`, which does know the path.
const MISSING = '\u0000missing\u0000';
// One unrecognized_keys issue covers several keys; their messages travel
// joined by this and are split back per key.
const SEPARATOR = '\u0000';

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true/false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  null: 'nothing',
};

/** How an author would describe a YAML value: `a list`, `the number 3`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return v.length > 40 ? `the text '${v.slice(0, 37)}...'` : `the text '${v}'`;
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

function expected(name: string | undefined): string {
  return EXPECTED[name ?? ''] ?? name ?? 'something else';
}

function knownKeys(iss: RawIssue): string[] {
  const def = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def;
  return def?.shape ? Object.keys(def.shape) : [];
}

/** The per-parse error map: zod's defaults rewritten for authors. */
function errorMap(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type': {
      const want = expected(iss.expected);
      return iss.input === undefined ? `${MISSING}${want}` : `expected ${want}, got ${describeValue(iss.input)}`;
    }
    case 'unrecognized_keys': {
      const known = knownKeys(iss);
      return iss.keys
        .map((k) => {
          const hint = didYouMean(k, known);
          return hint !== ''
            ? `unknown field '${k}'${hint}`
            : `unknown field '${k}' (fields here: ${known.join(', ')})`;
        })
        .join(SEPARATOR);
    }
    case 'invalid_union': {
      const wants = iss.errors.flatMap((list) => {
        const first = list[0];
        return first?.code === 'invalid_type' && first.path.length === 0 ? [expected(first.expected)] : [];
      });
      const unique = [...new Set(wants)];
      return unique.length > 0
        ? `expected ${unique.join(' or ')}, got ${describeValue(iss.input)}`
        : 'this value has none of the accepted forms';
    }
    case 'invalid_value': {
      const values = iss.values.map(String);
      return `expected one of ${values.join(', ')}; got ${describeValue(iss.input)}${didYouMean(String(iss.input), values)}`;
    }
    case 'too_small': {
      const n = String(iss.minimum);
      if (iss.origin === 'array' || iss.origin === 'string' || iss.origin === 'set') {
        return iss.minimum === 1 ? 'must not be empty' : `must have at least ${n} entries`;
      }
      return iss.inclusive === false ? `must be more than ${n}` : `must be at least ${n}`;
    }
    case 'too_big': {
      const n = String(iss.maximum);
      if (iss.origin === 'array' || iss.origin === 'string') return `is too long (at most ${n})`;
      return iss.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`;
    }
    case 'invalid_format':
      return `'${String(iss.input)}' has the wrong form`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return undefined;
    default: {
      const _never: never = iss;
      return undefined;
    }
  }
}

function flatten(issue: Issue, prefix: DataPath): Located[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'invalid_union': {
      // Branches whose only complaint is "not my type" were never meant; when
      // exactly one branch remains, its issues are the real ones.
      const meant = issue.errors.filter(
        (list) => !(list.length === 1 && list[0]?.code === 'invalid_type' && list[0].path.length === 0),
      );
      const best = [...meant].sort((a, b) => a.length - b.length)[0];
      if (best !== undefined) return best.flatMap((i) => flatten(i, path));
      return [{ path, at: 'value', message: issue.message }];
    }
    case 'unrecognized_keys': {
      const messages = issue.message.split(SEPARATOR);
      return issue.keys.map((k, i) => ({
        path: [...path, k],
        at: 'key' as const,
        message: messages[i] ?? `unknown field '${k}'`,
      }));
    }
    case 'invalid_key':
      return [{ path, at: 'key', message: issue.issues[0]?.message ?? 'invalid key' }];
    case 'invalid_type':
      if (issue.message.startsWith(MISSING)) {
        const field = path[path.length - 1];
        const want = issue.message.slice(MISSING.length);
        return [{ path, at: 'value', message: `missing field '${String(field)}' (${want})` }];
      }
      return [{ path, at: 'value', message: issue.message }];
    default:
      return [{ path, at: 'value', message: issue.message }];
  }
}

/** Validates `data` against `schema`; on failure, every issue located under `prefix`. */
export function validate<T>(
  schema: z.ZodMiniType<T>,
  data: unknown,
  prefix: DataPath,
): { ok: true; data: T } | { ok: false; issues: Located[] } {
  // Valid data, the common case, is recognised without zod when it plainly
  // is, and otherwise checked without the error map: zod runs several times
  // slower when given one, and only failures need its words.
  if (plainlyValid(schema, data)) return { ok: true, data: data as T };
  const valid = schema.safeParse(data);
  if (valid.success) return { ok: true, data: valid.data };
  const result = schema.safeParse(data, { error: errorMap });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, issues: result.error.issues.flatMap((i) => flatten(i, prefix)) };
}
