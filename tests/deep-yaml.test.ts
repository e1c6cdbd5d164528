/**
 * Issue 15, item 11: lists or mappings nested thousands deep are refused with
 * the file, line and column, on the fast path and on the full YAML parser's,
 * and the other files' problems are still reported.
 */
import { describe, expect, it } from 'vitest';
import { loadStoryFiles } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { runHyosan, writeStory, SMALL_SCENES_YAML, SMALL_STORY_YAML } from './helpers/run-cli.js';

const TOO_DEEP = 'nested more than 64 levels deep (lists and mappings inside each other)';

/** `choices:` holding a flow list nested `n` deep, on one line. */
const flowDeep = (n: number) => `id: deep\ntitle: Deep\nchoices: ${'['.repeat(n)}${']'.repeat(n)}\n`;
/** `choices:` holding a block list nested `n` deep, one dash per line. */
const blockDeep = (n: number) => {
  let text = 'id: deep\ntitle: Deep\nchoices:\n';
  for (let i = 0; i < n; i++) text += `${' '.repeat(i * 2)}-\n`;
  return `${text}${' '.repeat(n * 2)}x\n`;
};
/** `choices:` holding a block list nested `n` deep, written compactly on one line (`- - - x`). */
const compactDeep = (n: number) => `id: deep\ntitle: Deep\nchoices:\n  ${'- '.repeat(n)}x\n`;
/** The same with a tab in a comment, which sends the file to the full parser. */
const viaFullParser = (text: string) => `# \t\n${text}`;

function errors(deep: string): string[] {
  const result = loadStoryFiles([
    { path: 'd/story.yaml', text: SMALL_STORY_YAML },
    { path: 'd/a.yaml', text: SMALL_SCENES_YAML },
    { path: 'd/b.yaml', text: 'id: other\ntitel: Typo\nending: { title: X }\n' },
    { path: 'd/deep.yaml', text: deep },
  ]);
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('deeply nested YAML', () => {
  it.each([
    ['a flow list 5,000 deep', flowDeep(5000), /^d\/deep\.yaml:3:\d+: error: nested more than 64 levels deep/],
    ['a block list 5,000 deep', compactDeep(5000), /^d\/deep\.yaml:4:\d+: error: nested more than 64 levels deep/],
    ['a block list 300 deep, one level a line', blockDeep(300), /^d\/deep\.yaml:67:127: error: nested more than 64 levels deep/],
    ['a flow list 5,000 deep, read by the full parser', viaFullParser(flowDeep(5000)), /^d\/deep\.yaml:4:\d+: error: nested more than 64 levels deep/],
    ['a flow list 100 deep', flowDeep(100), /^d\/deep\.yaml:3:73: error: nested more than 64 levels deep/],
    ['a block list 100 deep, read by the full parser', viaFullParser(blockDeep(100)), /^d\/deep\.yaml:68:127: error: nested more than 64 levels deep/],
  ])('%s is refused at its place, and the other files are still checked', (_what, text, expected) => {
    const found = errors(text);
    expect(found.filter((e) => e.includes(TOO_DEEP))).toEqual([expect.stringMatching(expected)]);
    expect(found.some((e) => e.startsWith('d/b.yaml:2:1: error: unknown field'))).toBe(true);
    expect(found.join('\n')).not.toContain('internal error');
  });

  it('60 levels are not refused for their depth', () => {
    expect(errors(flowDeep(60)).join('\n')).not.toContain(TOO_DEEP);
  });

  it('check reports it and exits 1, not with an internal error', () => {
    const dir = writeStory({ 'story.yaml': SMALL_STORY_YAML, 'a.yaml': SMALL_SCENES_YAML, 'deep.yaml': compactDeep(5000) });
    const run = runHyosan(['check', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(TOO_DEEP);
    expect(run.stdout + run.stderr).not.toContain('internal error');
  });
});
