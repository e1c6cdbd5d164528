/**
 * hyosan's version: inlined into the bundle by the build (esbuild `define`),
 * read from package.json when running from source (tests, tsx).
 */

import { readFileSync } from 'node:fs';

// Replaced by a string literal in dist/cli.js; undeclared when running from source.
declare const __HYOSAN_VERSION__: string | undefined;

/** The package's version, e.g. `0.1.0`. */
export function hyosanVersion(): string {
  if (typeof __HYOSAN_VERSION__ === 'string') return __HYOSAN_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
