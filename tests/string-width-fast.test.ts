import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without type declarations.
import { narrowCharacterClass, patchStringWidth } from '../scripts/string-width-fast.mjs';

type StringWidth = (text: unknown, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** Every copy of string-width the bundle takes in (Ink's, and wrap-ansi's older one). */
const COPIES = ['node_modules/string-width/index.js', 'node_modules/wrap-ansi/node_modules/string-width/index.js'];

function storyLines(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...storyLines(full));
    else if (entry.name.endsWith('.yaml')) out.push(...readFileSync(full, 'utf8').split('\n'));
  }
  return out;
}

describe.each(COPIES)('string-width as the build changes it (%s)', (copy) => {
  let original: StringWidth;
  let changed: StringWidth;
  let scratch: string;

  beforeAll(async () => {
    original = ((await import(pathToFileURL(join(process.cwd(), copy)).href)) as { default: StringWidth }).default;
    const source = readFileSync(copy, 'utf8');
    scratch = await mkdtemp(join(tmpdir(), 'hyosan-string-width-'));
    const result = await build({
      stdin: { contents: patchStringWidth(source, narrowCharacterClass(original)), resolveDir: dirname(join(process.cwd(), copy)), loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    const file = join(scratch, 'string-width.mjs');
    await writeFile(file, result.outputFiles[0]?.text ?? '');
    changed = ((await import(pathToFileURL(file).href)) as { default: StringWidth }).default;
  }, 60_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('measures every character of the Basic Multilingual Plane as the original does', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (changed(c) !== original(c) || changed(`${c}a${c}`) !== original(`${c}a${c}`)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('measures every line of the story as the original does, with either width for ambiguous characters', () => {
    for (const line of storyLines('story')) {
      expect(changed(line), line).toBe(original(line));
      expect(changed(line, { ambiguousIsNarrow: false }), line).toBe(original(line, { ambiguousIsNarrow: false }));
    }
  });

  it('measures any text as the original does: emoji, combining marks, Hangul, escapes, anything', () => {
    const pieces = fc.constantFrom('a', '—', '“', '’', 'é', 'e\u0301', '한', '\u1100\u1161', '👍', '👨‍👩‍👧', '\u001b[31m', '\u200b', 'ｱ', '\t', '❯', '→');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }))), (parts) => {
        const text = parts.join('');
        expect(changed(text)).toBe(original(text));
        expect(changed(text, { countAnsiEscapeCodes: true })).toBe(original(text, { countAnsiEscapeCodes: true }));
      }),
      { numRuns: 500 },
    );
    expect(changed(undefined)).toBe(original(undefined));
    expect(changed('')).toBe(0);
  });
});

describe('the string-width change', () => {
  it('fails loudly when the package no longer has the lines it changes', () => {
    expect(() => patchStringWidth('export default function width(s) { return s.length; }', 'a')).toThrow(/string-width/);
  });
});
