/**
 * The layers stay apart, mechanically: the engine is pure (no React, Ink,
 * files, clock, randomness or environment), and nothing imports upward
 * (engine ← story ← tools; story ← saves ← ui ← cli; the command line
 * alone runs the authors' tools).
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
    // What authors run on a loaded story (check's analyses, randomtest, graph): never the player's screens or saves.
    tools: ['engine', 'story', 'tools'],
    saves: ['engine', 'story', 'saves'],
    ui: ['engine', 'story', 'saves', 'ui'],
    cli: ['engine', 'story', 'tools', 'saves', 'ui', 'cli'],
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

describe('the two frontends', () => {
  /** The part of src/ui a file is in: 'ink', 'plain' or the shared core. */
  function partOf(file: string): string {
    const parts = file.split('/');
    const at = parts.indexOf('ui');
    return at >= 0 && (parts[at + 1] === 'ink' || parts[at + 1] === 'plain') ? parts[at + 1]! : 'core';
  }

  it('stand side by side over the shared core: the core imports neither, and neither imports the other', () => {
    const wrong: string[] = [];
    for (const file of sources('src/ui')) {
      const from = partOf(file);
      for (const s of importsOf(file)) {
        if (!s.startsWith('.')) continue;
        const target = join(file, '..', s);
        if (layerOf(file, s) !== 'ui') continue;
        const to = partOf(target);
        if (to !== from && to !== 'core') wrong.push(`${file} imports ${s}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(sources('src/ui/ink').length).toBeGreaterThan(10);
    expect(sources('src/ui/plain').length).toBeGreaterThan(1);
  });

  it('keep React and Ink out of plain mode and the shared core', () => {
    const wrong = sources('src/ui')
      .filter((f) => partOf(f) !== 'ink')
      .flatMap((f) => importsOf(f).filter((s) => /^(react|ink)(\/|$)|^ink-/.test(s)).map((s) => `${f}: ${s}`));
    expect(wrong).toEqual([]);
  });
});

describe('the imports', () => {
  /** The source file a relative specifier names (`./x.js` is `x.ts` or `x.tsx`). */
  function resolved(file: string, specifier: string, files: ReadonlySet<string>): string | undefined {
    const base = join(file, '..', specifier).replace(/\.js$/, '');
    return [`${base}.ts`, `${base}.tsx`].find((f) => files.has(f));
  }

  it('run in no circle: each module can be read knowing only what it imports', () => {
    const files = new Set(sources('src'));
    const edges = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // Type-only imports vanish at run time but still tie the modules together for a reader.
      const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]!);
      edges.set(file, specs.flatMap((s) => resolved(file, s, files) ?? []));
    }
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...files].sort()) visit(file, []);
    expect(circles).toEqual([]);
    expect(edges.get('src/ui/ink/screen.ts')).toContain('src/ui/ink/screen-play.ts');
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
