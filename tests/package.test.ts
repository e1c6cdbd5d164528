/**
 * Issue 15, item 17: what the packed README points to is in the package.
 * `npm pack --dry-run` lists the files a tarball would hold; every relative
 * link in README.md, and the schema/ folder it tells authors to use, must be
 * among them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/run-cli.js';

describe('the npm package', () => {
  const listing = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' }),
  ) as { files: { path: string }[] }[];
  const packed = new Set(listing[0]!.files.map((f) => f.path));
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

  it("holds every file the README links to", () => {
    const links = [...readme.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z]+:/i.test(target));
    expect(links.length).toBeGreaterThan(1);
    for (const target of links) {
      const found = packed.has(target) || [...packed].some((p) => p.startsWith(target.endsWith('/') ? target : `${target}/`));
      expect(found, `README links to ${target}, which the package does not hold`).toBe(true);
    }
  });

  it('holds the JSON Schemas the README tells authors to point their editor at', () => {
    expect(readme).toContain('schema/scene.schema.json');
    expect(packed.has('schema/scene.schema.json')).toBe(true);
    expect(packed.has('schema/story.schema.json')).toBe(true);
  });
});
