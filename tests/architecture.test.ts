/**
 * The layers stay apart, mechanically: the engine is pure (no React, Ink,
 * files, clock, randomness or environment), and nothing imports upward
 * (engine ← story, saves ← ui ← cli).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

/** The src/ folder a relative import from `file` lands in, or undefined for a package. */
function layerOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const parts = join(file, '..', specifier).split('/');
  return parts[parts.indexOf('src') + 1];
}

describe('the engine', () => {
  const files = sources('src/engine');

  it('imports only itself and immer', () => {
    const outside = files.flatMap((f) =>
      importsOf(f)
        .filter((s) => (s.startsWith('.') ? layerOf(f, s) !== 'engine' : s !== 'immer'))
        .map((s) => `${f}: ${s}`),
    );
    expect(outside).toEqual([]);
  });

  it('never touches files, the clock, Math.random, the process or eval', () => {
    const banned = /\b(Math\.random|Date\.now|new Date|process\.|require\(|eval\(|new Function|performance\.now)/;
    const hits = files.filter((f) => banned.test(readFileSync(f, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')));
    expect(hits).toEqual([]);
  });

  it('has files to check (the test would pass vacuously otherwise)', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(importsOf('src/engine/play.ts')).toContain('immer');
  });
});

describe('the layers', () => {
  // Which src/ folders each folder may import from.
  const allowed: Record<string, readonly string[]> = {
    engine: ['engine'],
    story: ['engine', 'story'],
    saves: ['engine', 'story', 'saves'],
    ui: ['engine', 'story', 'saves', 'ui'],
    cli: ['engine', 'story', 'saves', 'ui', 'cli'],
  };

  it('never import upward: the UI wraps the engine, the command line wraps the UI', () => {
    const wrong: string[] = [];
    for (const [layer, may] of Object.entries(allowed)) {
      for (const file of sources(join('src', layer))) {
        for (const s of importsOf(file)) {
          const target = layerOf(file, s);
          if (target !== undefined && !may.includes(target)) wrong.push(`${file} imports ${s}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keep React and Ink in the UI alone', () => {
    const wrong = ['engine', 'story', 'saves'].flatMap((layer) =>
      sources(join('src', layer)).flatMap((f) =>
        importsOf(f)
          .filter((s) => /^(react|ink)(\/|$)|^ink-/.test(s))
          .map((s) => `${f}: ${s}`),
      ),
    );
    expect(wrong).toEqual([]);
  });
});

describe('the bundle (dist/, built by npm test before the tests)', () => {
  /** Every file dist/cli.js loads before its first line runs: its static imports, transitively. */
  function loadedAtStart(): Map<string, string> {
    const loaded = new Map<string, string>();
    const pending = ['dist/cli.js'];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (loaded.has(file)) continue;
      const text = readFileSync(file, 'utf8');
      loaded.set(file, text);
      // Static imports only (`import … from "./x.js"`, `import "./x.js"`): `import("./x.js")` waits until used.
      for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*"(\.\.?\/[^"]+)"/g)) pending.push(join(file, '..', m[1]!));
    }
    return loaded;
  }

  it('starts a game without loading zod, the YAML parser, Ink, crypto or worker threads (they are imported when needed)', () => {
    const loaded = loadedAtStart();
    expect(loaded.size).toBeGreaterThan(1);
    const heavy = [...loaded].flatMap(([file, text]) =>
      [
        ['zod', '_zod'],
        ['yaml', 'YAMLParseError'],
        ['Ink', '"ink-box"'],
        ['node:crypto', '"node:crypto"'],
        ['node:worker_threads', 'worker_threads"'],
      ]
        .filter(([, mark]) => text.includes(mark!))
        .map(([name]) => `${file}: ${name}`),
    );
    expect(heavy).toEqual([]);
  });
});
