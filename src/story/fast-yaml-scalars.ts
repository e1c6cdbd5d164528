/**
 * The fast YAML path's scalars (fast-yaml.ts): plain scalars resolved under
 * the core schema exactly as the `yaml` package resolves them, the escapes
 * of double-quoted scalars, and the keys the fast path leaves to `yaml`.
 */
import { isReserved } from './names.js';

/** Thrown inside the fast reader to give up on a file; never escapes it. */
class GiveUp {}
const GIVE_UP = new GiveUp();

/** Gives up on the file being read (the `yaml` package will read it). */
export function giveUp(): never {
  throw GIVE_UP;
}

/** Whether `error` is the fast reader giving up. */
export function isGiveUp(error: unknown): boolean {
  return error === GIVE_UP;
}

const DASH = 45;
const BOOL_OR_NULL_KEY = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;
// Characters a plain scalar may not start with (YAML indicators), besides `-` and `?`/`:` followed by a space.
const INDICATORS = new Set([...',[]{}#&*!|>\'"%@`?:']);

/** A key the `yaml` package reads as true, false or null, or that reaches Object.prototype: left to it. */
export function oddKey(key: string): boolean {
  return ((key.length === 4 || key.length === 5) && BOOL_OR_NULL_KEY.test(key)) || isReserved(key);
}

/** A `\` escape in a double-quoted scalar at `at`: its text and the offset after it. */
export function escapeAt(t: string, at: number): [string, number] {
  const c = t[at + 1];
  switch (c) {
    case '\\':
    case '"':
    case '/':
      return [c, at + 2];
    case 'n':
      return ['\n', at + 2];
    case 't':
      return ['\t', at + 2];
    case 'r':
      return ['\r', at + 2];
    case '0':
      return ['\0', at + 2];
    case 'x':
    case 'u':
    case 'U': {
      const digits = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = t.slice(at + 2, at + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) giveUp();
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) giveUp();
      return [String.fromCodePoint(code), at + 2 + digits];
    }
    default:
      return giveUp();
  }
}

/** Whether a plain scalar may start like this (not with an indicator, nor `- `/`? `/`: `). */
export function plainStartOk(raw: string): boolean {
  const c = raw[0];
  if (c === undefined) return false;
  if (c === '-' && (raw[1] === undefined || raw[1] === ' ')) return false;
  return !INDICATORS.has(c);
}

/** A plain scalar's value under the core schema, tried in the `yaml` package's order. */
export function resolvePlain(raw: string): unknown {
  // Only a short word can be null or a boolean.
  if (raw.length <= 5) {
    if (/^(?:~|[Nn]ull|NULL)?$/.test(raw)) return null;
    if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  }
  const c = raw.charCodeAt(0);
  // Only something that starts like a number can be one.
  if (!((c >= 48 && c <= 57) || c === DASH || c === 43 || c === 46)) return raw;
  if (/^0o[0-7]+$/.test(raw)) return Number.parseInt(raw.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return Number.parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return Number.parseInt(raw.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
    return raw.slice(-3).toLowerCase() === 'nan' ? Number.NaN : raw[0] === '-' ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw)) return Number.parseFloat(raw);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return Number.parseFloat(raw);
  return raw;
}
