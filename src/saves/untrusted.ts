/**
 * Reading JSON that anyone could have written: size, nesting and dangerous
 * keys are checked before a single field of it is trusted.
 */
import { SaveError } from './errors.js';

/** Saves larger than this are refused before parsing (a real save is a few KiB). */
export const MAX_SAVE_BYTES = 1024 * 1024;
/** Deeper JSON nesting than this is refused (a real save nests 5 levels). */
export const MAX_JSON_DEPTH = 64;
/** Keys that would reach `Object.prototype` if a careless reader copied the object. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * How deeply `text` nests arrays and objects, scanning no further than
 * `limit + 1`, so a hostile file of a million `[` costs nothing to refuse.
 */
export function nestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/** The path of the first forbidden key in a parsed tree, or undefined when there is none. */
export function findForbiddenKey(value: unknown, path = ''): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // JSON.parse makes `__proto__` an own data property, so Object.hasOwn sees it.
  for (const key of FORBIDDEN_KEYS) {
    if (Object.hasOwn(value, key)) return path === '' ? key : `${path}.${key}`;
  }
  for (const key of Object.keys(value)) {
    const found = findForbiddenKey((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `line 3, column 7` of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Parses untrusted JSON text, or says in one line why it cannot be used. */
export function parseUntrustedJson(text: string, where: string): { readonly value: unknown } | SaveError {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SAVE_BYTES) {
    return new SaveError('too-large', where, `is ${bytes} bytes, more than a save can be (${MAX_SAVE_BYTES})`);
  }
  // Editors on some systems put a byte-order mark first; JSON.parse refuses it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return new SaveError('not-json', where, 'is empty');
  if (nestingDepth(body) > MAX_JSON_DEPTH) {
    return new SaveError('too-deep', where, `nests deeper than ${MAX_JSON_DEPTH} levels, which no save does`);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // The parser's own message quotes the text, and a "save" may be any file at all: only where it failed.
    const at = /at position (\d+)/.exec((error as Error).message);
    const position = at === null ? '' : ` (${lineAndColumn(body, Number(at[1]))})`;
    return new SaveError('not-json', where, `is not valid JSON${position}`);
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden !== undefined) {
    return new SaveError('forbidden-key', where, `has a key "${forbidden}" that no save has and hyosan refuses to read`);
  }
  return { value };
}
