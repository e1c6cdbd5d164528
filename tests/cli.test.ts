import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, parseSeed } from '../src/cli/args.js';
import type { Command } from '../src/cli/args.js';
import { interpret, playPlain } from '../src/ui/plain/plain.js';
import { textWidth, wrapText } from '../src/ui/wrap.js';
import type { ChoiceView, Story } from '../src/engine/index.js';
import { newGame } from '../src/saves/index.js';
import { MemoryPorts } from './helpers/memory-ports.js';
import { loadStoryDir } from '../src/story/load.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'dist', 'cli.js');
const fixture = 'tests/fixtures/cli-story';
const broken = 'tests/fixtures/cli-broken';
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
// Games played here autosave: into a folder of their own, never the user's data folder.
const saveDir = mkdtempSync(join(tmpdir(), 'hyosan-cli-test-'));

/** Runs the built CLI with piped stdin (so never a terminal) and collects everything. */
function hyosan(args: readonly string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HYOSAN_SAVE_DIR: saveDir },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function parsed(argv: readonly string[]): Command {
  const result = parseArgs(argv);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(argv)} to parse: ${result.error.message}`);
  return result.command;
}

function usageError(argv: readonly string[]): string {
  const result = parseArgs(argv);
  if (result.ok) throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
  return result.error.message;
}

describe('parseArgs', () => {
  it('plays with default options when given nothing', () => {
    expect(parsed([])).toEqual({ kind: 'play', options: { plain: false, continue: false, watch: false } });
  });

  it('reads every play option, in both --name value and --name=value forms', () => {
    expect(
      parsed([
        '--seed',
        '7',
        '--plain',
        '--story=my-story',
        '--start-at',
        's1.lab',
        '--transcript',
        'log.txt',
        '--continue',
        '--load=slot1',
        '--save-dir',
        '/tmp/saves',
        '--watch',
      ]),
    ).toEqual({
      kind: 'play',
      options: {
        seed: 7,
        plain: true,
        story: 'my-story',
        startAt: 's1.lab',
        transcript: 'log.txt',
        continue: true,
        load: 'slot1',
        saveDir: '/tmp/saves',
        watch: true,
      },
    });
  });

  it('reads check with a folder and its flags', () => {
    expect(parsed(['check'])).toEqual({ kind: 'check', json: false, strict: false });
    expect(parsed(['check', 'story/', '--json', '--strict'])).toEqual({
      kind: 'check',
      dir: 'story/',
      json: true,
      strict: true,
    });
  });

  it('reads help and version as commands and as options anywhere', () => {
    expect(parsed(['help'])).toEqual({ kind: 'help' });
    expect(parsed(['-h'])).toEqual({ kind: 'help' });
    expect(parsed(['check', '--help'])).toEqual({ kind: 'help' });
    expect(parsed(['version'])).toEqual({ kind: 'version' });
    expect(parsed(['--version'])).toEqual({ kind: 'version' });
    expect(parsed(['-v'])).toEqual({ kind: 'version' });
  });

  it('hands the author tools everything after their name, for their own parsers', () => {
    expect(parsed(['graph', 'story', '--format=dot'])).toEqual({ kind: 'graph', argv: ['story', '--format=dot'] });
    expect(parsed(['randomtest', '-n', '10'])).toEqual({ kind: 'randomtest', argv: ['-n', '10'] });
    expect(parsed(['new', 'scene', 's1.x'])).toEqual({ kind: 'new', argv: ['scene', 's1.x'] });
    expect(parsed(['saves'])).toEqual({ kind: 'saves', argv: [] });
  });

  it('suggests the option a typo was meant to be', () => {
    expect(usageError(['--sed', '1'])).toBe("unknown option '--sed' (did you mean --seed?)");
    expect(usageError(['--plian'])).toBe("unknown option '--plian' (did you mean --plain?)");
    expect(usageError(['check', '--jsn'])).toBe("unknown option '--jsn' (did you mean --json?)");
    expect(usageError(['--zzzzzz'])).toBe("unknown option '--zzzzzz'");
  });

  it('suggests the command a typo was meant to be', () => {
    expect(usageError(['chek'])).toBe("unknown command 'chek' (did you mean check?)");
  });

  it('refuses a play option given to check', () => {
    expect(usageError(['check', '--seed', '1'])).toBe("unknown option '--seed'");
  });

  it('refuses missing, empty and out-of-range values', () => {
    expect(usageError(['--seed'])).toBe("option '--seed' needs a value");
    expect(usageError(['--story='])).toBe("option '--story' needs a value");
    expect(usageError(['--seed', '-1'])).toBe("--seed needs a whole number from 0 to 4294967295, not '-1'");
    expect(usageError(['--seed', '4294967296'])).toMatch(/^--seed needs a whole number/);
    expect(usageError(['--seed', '1.5'])).toMatch(/^--seed needs a whole number/);
    expect(usageError(['--plain=yes'])).toBe("option '--plain' takes no value");
  });

  it('refuses a second folder and stray arguments', () => {
    expect(usageError(['check', 'a', 'b'])).toBe("check takes one story folder, got 'a' and 'b'");
    expect(usageError(['--plain', 'extra'])).toBe("unexpected argument 'extra'");
  });

  it('accepts seeds over the whole uint32 range only', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(parseSeed('4294967296')).toBeUndefined();
    expect(parseSeed('')).toBeUndefined();
    expect(parseSeed('0x10')).toBeUndefined();
  });

  it('never throws on arbitrary arguments: it parses or returns a usage error', () => {
    const word = fc.oneof(
      fc.string(),
      fc.constantFrom('--seed', '--plain', '--story', 'check', '--json', '--strict', 'graph', '--', '-', '='),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (argv) => {
        const result = parseArgs(argv);
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('wrapText', () => {
  it('wraps at spaces and treats source line breaks as spaces', () => {
    expect(wrapText('one two\nthree  four five', 10)).toEqual(['one two', 'three four', 'five']);
  });

  it('uses the terminal width up to 80 columns, and 72 when there is no terminal', () => {
    expect(textWidth(undefined)).toBe(72);
    expect(textWidth(60)).toBe(60);
    expect(textWidth(200)).toBe(80);
  });

  it('keeps every word, in order, and no line is wider than the width unless it is one long word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,15}$/), { maxLength: 40 }), fc.integer({ min: 5, max: 80 }), (words, width) => {
        const lines = wrapText(words.join(' '), width);
        expect(lines.join(' ').split(' ').filter((w) => w !== '')).toEqual(words);
        for (const line of lines) expect(line.length <= width || !line.includes(' ')).toBe(true);
      }),
    );
  });
});

describe('interpret (plain mode prompt)', () => {
  const choices: ChoiceView[] = [
    { id: 'a', text: 'Go left', enabled: true },
    { id: 'b', text: 'Go right', enabled: true },
    { id: 'c', text: 'Climb', enabled: false, hint: 'Your arm hurts.' },
  ];

  it('picks a choice by its number, ignoring surrounding spaces', () => {
    expect(interpret(' 2 ', choices)).toEqual({ kind: 'choose', choice: choices[1], index: 1 });
  });

  it('explains empty lines, words, numbers out of range and disabled choices', () => {
    expect(interpret('', choices)).toEqual({ kind: 'invalid', message: "Type a number from 1 to 3, or 'help'." });
    expect(interpret('abc', choices)).toEqual({
      kind: 'invalid',
      message: "'abc' is not a choice. Type a number from 1 to 3, or 'help'.",
    });
    expect(interpret('99', choices)).toEqual({
      kind: 'invalid',
      message: 'There is no choice 99. Type a number from 1 to 3.',
    });
    expect(interpret('3', choices)).toEqual({ kind: 'invalid', message: "You can't choose that: Your arm hurts." });
  });

  it('knows quit, help and look', () => {
    expect(interpret('quit', choices).kind).toBe('quit');
    expect(interpret('HELP', choices).kind).toBe('help');
    expect(interpret('look', choices).kind).toBe('look');
  });
});

describe('plain mode in-process', () => {
  let story: Story;
  beforeAll(async () => {
    const result = await loadStoryDir(join(root, fixture));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    story = result.story!;
  });

  async function playLines(input: string, seed = 1): Promise<{ code: number; out: string }> {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    stdin.end(input);
    const code = await playPlain(story, { game: newGame(story, seed), notices: [] }, new MemoryPorts(story, seed), {
      input: stdin,
      output: stdout,
      echo: true,
    });
    return { code, out };
  }

  it('plays to an ending, asking for a typed answer on the way', async () => {
    const { code, out } = await playLines('1\n1\nMin\n1\n');
    expect(code).toBe(0);
    expect(out).toContain('The chalk letters read Min.');
    expect(out).toContain('*** THE END: Safe for Now ***');
    expect(out).toContain('You spent the night on a pile of gym mats');
  });

  it('prints the scene title underlined, its paragraphs and numbered choices without ANSI codes', async () => {
    const { out } = await playLines('');
    expect(out).toContain('The Gym Door\n============\n\n');
    expect(out).toContain(
      '1. Listen at the door\n2. Knock twice and wait\n3. (unavailable) Force the chain — You are too tired to break a chain.\n> ',
    );
    expect(out).not.toMatch(/\u001B/);
  });

  it('asks again after an empty typed answer', async () => {
    const { out } = await playLines('1\n1\n\nMin\n');
    expect(out).toContain('Type an answer (up to 12 characters) and press Enter.');
    expect(out).toContain('The chalk letters read Min.');
  });

  it('follows the seed: the same seed always ends the same way, and the coin toss reaches both endings', async () => {
    const endings = new Set<string>();
    for (let seed = 0; seed < 16; seed++) {
      const once = await playLines('2\n', seed);
      expect((await playLines('2\n', seed)).out).toBe(once.out);
      endings.add(/\*\*\* THE END: (.*) \*\*\*/.exec(once.out)?.[1] ?? 'none');
    }
    expect([...endings].sort()).toEqual(['Safe for Now', 'Too Loud']);
  });

  it('stops quietly at quit and at the end of input', async () => {
    expect((await playLines('quit\n1\n')).code).toBe(0);
    const eof = await playLines('1\n');
    expect(eof.code).toBe(0);
    expect(eof.out).toContain('Listening');
    expect(eof.out).not.toContain('THE END');
  });
});

describe('the built CLI', () => {
  beforeAll(() => {
    if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
  }, 60_000);

  it('prints usage with every command and option', () => {
    const { status, stdout } = hyosan(['--help']);
    expect(status).toBe(0);
    for (const word of [
      'check',
      'graph',
      'randomtest',
      'saves',
      'new',
      '--seed',
      '--plain',
      '--story',
      '--start-at',
      '--transcript',
      '--continue',
      '--load',
      '--save-dir',
      '--json',
      '--strict',
      '--help',
      '--version',
      'NO_COLOR',
    ]) {
      expect(stdout).toContain(word);
    }
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('prints its version from package.json', () => {
    expect(hyosan(['--version'])).toEqual({ status: 0, stdout: `hyosan ${version}\n`, stderr: '' });
  });

  it('refuses a mistyped option with a suggestion and exit code 2', () => {
    expect(hyosan(['--sed', '7'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "hyosan: unknown option '--sed' (did you mean --seed?)\nTry 'hyosan --help'.\n",
    });
  });

  it('checks the shipped story embedded in the bundle', () => {
    const { status, stdout } = hyosan(['check']);
    expect(stdout).toMatch(/^the built-in story: [\d,]+ scenes?, [\d,]+ choices?, [\d,]+ endings?, [\d,]+ words? — no problems$/m);
    // Run where story/ is, it says how to check the working files instead.
    expect(stdout).toMatch(/To check your working files: hyosan check story\)\n$/);
    expect(status).toBe(0);
  });

  it('checks the shipped story as one JSON object', () => {
    const { status, stdout } = hyosan(['check', '--json']);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['ok', 'problems', 'stats']);
    expect(report.ok).toBe(true);
    expect(Object.keys(report.stats as object).sort()).toEqual(['choices', 'endings', 'scenes', 'words']);
    expect(status).toBe(0);
  });

  it('checks the shipped story from its precompiled image exactly as from story/ on disk', () => {
    const hint = '(That is the story hyosan was built with. To check your working files: hyosan check story)\n';
    for (const flags of [[], ['--json'], ['--strict']]) {
      const fromDisk = hyosan(['check', 'story', ...flags]);
      const expected = flags.includes('--json')
        ? fromDisk
        : { ...fromDisk, stdout: fromDisk.stdout.replace(/^story\/: /m, 'the built-in story: ') + hint };
      expect(hyosan(['check', ...flags])).toEqual(expected);
    }
  });

  it('checks a folder, reporting its statistics', () => {
    const { status, stdout } = hyosan(['check', fixture, '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, problems: [], stats: { scenes: 5, endings: 2 } });
  });

  it('fails a broken story with file:line:col lines and a summary', () => {
    const { status, stdout } = hyosan(['check', broken]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/start\.yaml:\d+:\d+: error: /);
    expect(stdout).toMatch(/^tests\/fixtures\/cli-broken\/: .* — \d+ errors?/m);
  });

  it('reports a broken story as JSON with every problem located', () => {
    const { status, stdout } = hyosan(['check', broken, '--json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as { ok: boolean; problems: Record<string, unknown>[] };
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    for (const p of report.problems) expect(Object.keys(p).sort()).toEqual(['col', 'file', 'line', 'message', 'severity']);
  });

  it('refuses to play a broken story, printing its errors', () => {
    const { status, stderr } = hyosan(['--story', broken, '--seed', '1']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/start\.yaml:\d+:\d+: error: /);
  });

  it('refuses a story folder that does not exist', () => {
    const { status, stderr } = hyosan(['check', 'no/such/folder']);
    expect(status).toBe(2);
    expect(stderr).toBe("hyosan: no story folder at 'no/such/folder'\nTry 'hyosan --help'.\n");
  });

  it('plays through piped input to an ending in plain mode', () => {
    const { status, stdout, stderr } = hyosan(['--story', fixture, '--seed', '1'], '1\n1\nMin\n1\n');
    expect(stderr).toBe('');
    expect(stdout).toContain('*** THE END: Safe for Now ***');
    expect(status).toBe(0);
  });

  it('gives the same output for the same seed and input', () => {
    const args = ['--story', fixture, '--seed', '7'];
    const input = '1\n2\n2\n';
    const first = hyosan(args, input);
    expect(first.stdout).toContain('*** THE END');
    expect(hyosan(args, input)).toEqual(first);
  });

  it('answers malformed lines with a short message and carries on', () => {
    const { status, stdout } = hyosan(['--story', fixture, '--seed', '1'], 'abc\n99\n\n3\n1\n');
    expect(status).toBe(0);
    expect(stdout).toContain("'abc' is not a choice.");
    expect(stdout).toContain('There is no choice 99.');
    expect(stdout).toContain("Type a number from 1 to 3, or 'help'.");
    expect(stdout).toContain("You can't choose that: You are too tired to break a chain.");
    expect(stdout).toContain('Listening\n=========');
  });

  it('starts at another scene with --start-at, and suggests a near miss', () => {
    const { stdout } = hyosan(['--story', fixture, '--seed', '1', '--start-at', 'gym.signed'], '');
    expect(stdout).toMatch(/^A Name in Chalk\n/);
    const typo = hyosan(['--story', fixture, '--start-at', 'gym.sined']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("--start-at: no scene 'gym.sined' in tests/fixtures/cli-story/ (did you mean gym.signed?)");
  });

  it('plays the shipped story in plain mode without a terminal', () => {
    const { status, stderr, stdout } = hyosan(['--plain', '--seed', '1'], '');
    expect(stderr).toBe('');
    expect(stdout).toMatch(/\n1\. /);
    expect(status).toBe(0);
  });
});
