/**
 * Issue 15, item 1: a story downloaded from someone else cannot control the
 * player's terminal. Control characters (ESC, BEL, C1, the bidirectional
 * overrides) are refused at load with file:line:col, and every message or
 * output that quotes a story or a save writes them out instead of sending them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeUnsafe, oneLine, terminalJson } from '../src/engine/control-chars.js';
import { openTranscript } from '../src/cli/transcript.js';
import { dotString, mermaidText } from '../src/tools/graph.js';
import { loadStoryFiles, type LoadResult } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';
import { SMALL_SCENES_YAML, SMALL_STORY_YAML, hasRawControl, runHyosan, writeStory } from './helpers/run-cli.js';

const OSC52 = '\u001b]52;c;cHduZWQ=\u0007';

function load(story: string, scenes: string): LoadResult {
  return loadStoryFiles([
    { path: 's/story.yaml', text: story },
    { path: 's/scenes.yaml', text: scenes },
  ]);
}

function errorsOf(result: LoadResult): string[] {
  return result.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('a story with control characters does not load', () => {
  it('an OSC 52 sequence written as a YAML escape in a scene text is an error at its file, line and column', () => {
    const scenes = SMALL_SCENES_YAML.replace('    text: |\n      The hall is empty.\n', '    text: "The hall \\e]52;c;cHduZWQ=\\a is empty."\n');
    const result = load(SMALL_STORY_YAML, scenes);
    expect(result.story).toBeUndefined();
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^s\/scenes\.yaml:4:11: error: this text contains U\+001B \(ESC\), a control character/);
  });

  it('a raw ESC byte inside a text block is placed at its own line and column', () => {
    const scenes = SMALL_SCENES_YAML.replace('The hall is empty.', `The hall ${OSC52} is empty.`);
    const errors = errorsOf(load(SMALL_STORY_YAML, scenes));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^s\/scenes\.yaml:5:16: error: this text contains U\+001B \(ESC\)/);
    expect(hasRawControl(errors[0]!)).toBe(false);
  });

  it.each([
    ['a scene title', SMALL_SCENES_YAML.replace('title: The Hall', 'title: "The \\u202e Hall"'), 'U+202E (RIGHT-TO-LEFT OVERRIDE)'],
    ['a choice text', SMALL_SCENES_YAML.replace('text: Leave', 'text: "Leave\\x9b2J"'), 'U+009B (CSI)'],
    ['an ending title', SMALL_SCENES_YAML.replace('      title: Out\n', '      title: "Out\\u2066"\n'), 'U+2066 (LEFT-TO-RIGHT ISOLATE)'],
    ['a carriage return in a text', SMALL_SCENES_YAML.replace('text: Leave', 'text: "Leave\\rNow"'), 'U+000D (CR)'],
  ])('%s is refused', (_what, scenes, named) => {
    const errors = errorsOf(load(SMALL_STORY_YAML, scenes));
    expect(errors.join('\n')).toContain(`contains ${named}`);
  });

  it('the story title and version in story.yaml are checked too', () => {
    const story = SMALL_STORY_YAML.replace('title: A Small Story', 'title: "Small\\e]0;PWNED\\a"').replace(
      'version: 1.0.0',
      'version: "1\\u202e0"',
    );
    const errors = errorsOf(load(story, SMALL_SCENES_YAML));
    expect(errors.filter((e) => e.startsWith('s/story.yaml:2:')).length).toBe(1);
    expect(errors.filter((e) => e.startsWith('s/story.yaml:3:')).length).toBe(1);
  });

  it('a key (a field name) holding a control character is refused at the key', () => {
    const scenes = SMALL_SCENES_YAML.replace('    title: The Hall\n', '    "ti\\etle": The Hall\n');
    const errors = errorsOf(load(SMALL_STORY_YAML, scenes));
    expect(errors.some((e) => /^s\/scenes\.yaml:3:5: error: this name contains U\+001B/.test(e))).toBe(true);
    for (const e of errors) expect(hasRawControl(e)).toBe(false);
  });

  it('tabs and line breaks in text are still allowed', () => {
    const scenes = SMALL_SCENES_YAML.replace('text: Leave', 'text: "Leave\\tnow"');
    expect(errorsOf(load(SMALL_STORY_YAML, scenes))).toEqual([]);
  });
});

describe('outputs that quote a story or a save never carry a control character raw', () => {
  const scenes = SMALL_SCENES_YAML.replace('title: The Hall', `title: "The \\e]0;PWNED\\a Hall"`).replace(
    'text: Leave',
    'text: "Leave \\u202e now"',
  );
  const dir = writeStory({ 'story.yaml': SMALL_STORY_YAML, 'scenes.yaml': scenes });

  it('check names the file, line and column, and prints the characters written out', () => {
    const run = runHyosan(['check', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('scenes.yaml:3:12: error: this text contains U+001B (ESC)');
    expect(hasRawControl(run.stdout + run.stderr)).toBe(false);
  });

  it('check --json escapes them', () => {
    const run = runHyosan(['check', dir, '--json']);
    expect(run.status).toBe(1);
    expect(hasRawControl(run.stdout)).toBe(false);
    const json = JSON.parse(run.stdout) as { ok: boolean; problems: unknown[] };
    expect(json.ok).toBe(false);
  });

  it('graph refuses the story and prints no control character', () => {
    for (const format of ['dot', 'mermaid']) {
      const run = runHyosan(['graph', dir, '--format', format]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(hasRawControl(run.stdout + run.stderr)).toBe(false);
    }
  });

  it('playing it is refused, with the same messages', () => {
    const run = runHyosan(['--story', dir, '--plain'], { input: '1\n' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('scenes.yaml:3:12');
    expect(hasRawControl(run.stdout + run.stderr)).toBe(false);
  });

  it('DOT and Mermaid labels write control characters out even if one got this far', () => {
    expect(hasRawControl(dotString(`a${OSC52}b`))).toBe(false);
    expect(hasRawControl(mermaidText(`a\u202eb`))).toBe(false);
  });

  it('hyosan saves lists a hand-edited save with a bidi override or an escape without printing it', () => {
    const saveDir = mkdtempSync(join(tmpdir(), 'hyosan-saves-ctl-'));
    const save = {
      format: 'hyosan-save',
      version: 3,
      story: { id: 'hyosan', version: '1', hash: 'x' },
      seed: 1,
      start: 's1.x',
      history: [],
      state: {},
      meta: {
        sceneTitle: `evil\u202eexe.txt ${OSC52}`,
        chapter: '',
        clock: 'Day 1, 08:40',
        savedAt: '2025-01-01T00:00:00.000Z',
        condition: 'well',
        turn: 0,
      },
    };
    writeFileSync(join(saveDir, 'evil.json'), JSON.stringify(save));
    for (const args of [['saves'], ['saves', '--json']]) {
      const run = runHyosan(args, { env: { HYOSAN_SAVE_DIR: saveDir } });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('evil');
      expect(hasRawControl(run.stdout + run.stderr)).toBe(false);
    }
  });

  it('a transcript writes control characters out', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-transcript-ctl-')), 'log.txt');
    const transcript = openTranscript(file);
    if (typeof transcript === 'string') throw new Error(transcript);
    transcript.write(`Name: Ji\u202ewoo ${OSC52}\n`);
    transcript.close();
    const text = readFileSync(file, 'utf8');
    expect(text).toBe('Name: Ji\\u202Ewoo \\x1B]52;c;cHduZWQ=\\x07\n');
  });
});

describe('the escaping itself', () => {
  it('writes out every unsafe character and keeps tabs and line breaks', () => {
    expect(escapeUnsafe('a\tb\nc\u001bd\u009be\u202ef\u2069')).toBe('a\tb\nc\\x1Bd\\x9Be\\u202Ef\\u2069');
  });

  it('puts a message on one line', () => {
    expect(oneLine('  two\nlines\tand \u001b[2J  ')).toBe('two lines and \\x1B[2J');
  });

  it('JSON for a terminal reads back as the same value', () => {
    const value = { t: `a\u202eb\u009bc\u001b`, n: [1, 'x'] };
    const json = terminalJson(value, 2);
    expect(hasRawControl(json)).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('a typed answer', () => {
  it('keeps no bidi override or escape (the name is shown on every screen)', async () => {
    const { loadStoryDir } = await import('../src/story/load.js');
    const { start, step } = await import('../src/engine/index.js');
    const dir = writeStory({
      'story.yaml': `${SMALL_STORY_YAML}vars:\n  name: Ji-woo\n`,
      'scenes.yaml': SMALL_SCENES_YAML.replace(
        '        goto: out\n',
        '        goto: out\n        input: { var: name, prompt: Your name? }\n',
      ),
    });
    const story = (await loadStoryDir(dir)).story!;
    const state = step(story, start(story, 1), 'leave', `Ji\u202ewoo\u001b]0;x\u0007`);
    expect(state.vars.name).toBe('Jiwoo]0;x');
  });
});
