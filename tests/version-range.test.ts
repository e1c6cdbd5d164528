/** The story versions a pack was written for: npm's range language, the part authors write. */
import { describe, expect, it } from 'vitest';
import { compareVersions, isFullVersion, parseRange, parseVersion, satisfies, type VersionRange } from '../src/story/version-range.js';

function range(text: string): VersionRange {
  const r = parseRange(text);
  if ('error' in r) throw new Error(r.error);
  return r;
}

/** The versions among `versions` that `text` lets through. */
function within(text: string, versions: readonly string[]): string[] {
  const r = range(text);
  return versions.filter((v) => satisfies(parseVersion(v)!, r));
}

const VERSIONS = ['0.0.9', '0.1.0-rc.1', '0.1.0', '0.1.5', '0.2.0', '0.10.0', '1.0.0', '1.2.3', '2.0.0'];

describe('a range', () => {
  it('of comparators needs every one to hold', () => {
    expect(within('>=0.1.0 <0.2.0', VERSIONS)).toEqual(['0.1.0', '0.1.5']);
    expect(within('> 0.1.0 <= 1.0.0', VERSIONS)).toEqual(['0.1.5', '0.2.0', '0.10.0', '1.0.0']);
    expect(within('=1.2.3', VERSIONS)).toEqual(['1.2.3']);
    expect(within('1.2.3', VERSIONS)).toEqual(['1.2.3']);
  });

  it('with ^ and ~ keeps the left-most non-zero part, or the minor', () => {
    expect(within('^0.1.0', VERSIONS)).toEqual(['0.1.0', '0.1.5']);
    expect(within('^1.0.0', VERSIONS)).toEqual(['1.0.0', '1.2.3']);
    expect(within('~0.1.2', VERSIONS)).toEqual(['0.1.5']);
    expect(within('~1', VERSIONS)).toEqual(['1.0.0', '1.2.3']);
  });

  it('with x, * or missing parts takes every version with the parts given', () => {
    expect(within('0.1.x', VERSIONS)).toEqual(['0.1.0', '0.1.5']);
    expect(within('0.1', VERSIONS)).toEqual(['0.1.0', '0.1.5']);
    expect(within('1.x', VERSIONS)).toEqual(['1.0.0', '1.2.3']);
    expect(within('*', VERSIONS)).toEqual(VERSIONS);
    expect(within('<0.2', VERSIONS)).toEqual(['0.0.9', '0.1.0-rc.1', '0.1.0', '0.1.5']);
  });

  it('with a hyphen includes both ends; with || takes any alternative', () => {
    expect(within('0.1.0 - 0.2.0', VERSIONS)).toEqual(['0.1.0', '0.1.5', '0.2.0']);
    expect(within('^0.1.0 || >=2.0.0', VERSIONS)).toEqual(['0.1.0', '0.1.5', '2.0.0']);
  });

  it('that is not one says how to write one', () => {
    expect(parseRange('')).toEqual({ error: expect.stringContaining('an empty range') });
    expect(parseRange('>= banana')).toEqual({ error: expect.stringMatching(/^'>=banana' is not a version or a comparator: write comparators such as/) });
    expect(parseRange('1.x.3')).toEqual({ error: expect.stringContaining("'1.x.3' is not a version") });
    expect(parseRange('^1.0.0 ||')).toEqual({ error: expect.stringContaining("an empty alternative beside '||'") });
  });
});

describe('versions', () => {
  it('order as semver orders them, pre-releases before their release', () => {
    const sorted = ['1.0.0', '1.0.0-rc.10', '1.0.0-rc.2', '1.0.0-alpha', '0.9.9', '1.0.0-rc'].map((v) => parseVersion(v)!);
    sorted.sort(compareVersions);
    expect(sorted.map((v) => [v.major, v.minor, v.patch, ...v.pre].join('.'))).toEqual([
      '0.9.9',
      '1.0.0.alpha',
      '1.0.0.rc',
      '1.0.0.rc.2',
      '1.0.0.rc.10',
      '1.0.0',
    ]);
  });

  it('of a story may have fewer parts; a pack’s own must have three', () => {
    expect(parseVersion('2')).toEqual({ major: 2, minor: 0, patch: 0, pre: [] });
    expect(parseVersion('v1.2')).toEqual({ major: 1, minor: 2, patch: 0, pre: [] });
    expect(parseVersion('one')).toBeUndefined();
    expect(isFullVersion('1.0.0')).toBe(true);
    expect(isFullVersion('1.0.0-beta.1+build.5')).toBe(true);
    expect(isFullVersion('1.0')).toBe(false);
  });
});
