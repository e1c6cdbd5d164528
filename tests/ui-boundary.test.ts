/**
 * The play layers' boundaries, checked mechanically: the UI reaches files,
 * clocks and randomness only through its ports, and plain mode never loads
 * React or Ink (the Ink screen is imported lazily, only for a terminal).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The modules a source file loads at run time (`import ... from 'x'`; not `import type`, not `import('x')`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1]!);
}

/** A relative import's file on disk (`./x.js` is `x.ts` or `x.tsx`). */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx']) {
    try {
      readFileSync(base + ext);
      return base + ext;
    } catch {
      // try the next extension
    }
  }
  return undefined;
}

/** Every package a module reaches through static imports. */
function packagesReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      const next = resolveImport(file, spec);
      if (next === undefined) {
        if (!spec.startsWith('.')) packages.add(spec);
      } else visit(next);
    }
  };
  visit(entry);
  return packages;
}

describe('layer boundaries', () => {
  it('plain mode and the command line never load React or Ink', () => {
    for (const entry of ['src/cli/main.ts', 'src/ui/plain/plain.ts', 'src/cli/play.ts']) {
      const reached = [...packagesReached(join(root, entry))];
      expect(reached.filter((p) => /^(ink|ink-select-input|react)(\/|$)/.test(p)), entry).toEqual([]);
    }
  });

  it('the UI reaches the disk, the clock and chance only through its ports', () => {
    const files = readdirSync(join(root, 'src/ui'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files).toContain('plain/plain.ts');
    // Plain mode reads its input a line at a time; that is the one module of node's it may use.
    const allowed = new Set(['node:readline']);
    for (const name of files) {
      const file = join(root, 'src/ui', name);
      const imports = staticImports(file);
      expect(
        imports.filter((i) => (i.startsWith('node:') && !allowed.has(i)) || i.includes('/cli/') || /saves\/(index|store|files)\.js$/.test(i)),
        name,
      ).toEqual([]);
      expect(readFileSync(file, 'utf8'), name).not.toMatch(/Math\.random|new Date\(|Date\.now\(/);
    }
  });
});
