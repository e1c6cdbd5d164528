/**
 * Playing through the built command line (dist/cli.js) with piped input:
 * plain mode to an ending, saves, continue, load, undo, the transcript,
 * damaged saves and --watch. Every test has a save folder of its own.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStoryDir } from '../src/story/load.js';
import { autosaveSlot } from '../src/saves/slots.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'dist', 'cli.js');
const gym = 'tests/fixtures/cli-story';
// A story played from a folder autosaves to a slot keyed by the folder as well as the story's id.
const gymAutosave = autosaveSlot({ id: 'cli-test' }, realpathSync(join(root, gym)));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hyosan-play-'));
}

/** Runs the built CLI with piped stdin (so plain mode), a save folder of its own and `env` besides. */
function hyosan(args: readonly string[], input = '', saveDir = tempDir(), env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HYOSAN_SAVE_DIR: saveDir, ...env },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, saveDir };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

beforeAll(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
}, 60_000);

describe('plain mode through a pipe', () => {
  it('plays to an ending, answering malformed lines with a short message', () => {
    const { status, stdout, stderr } = hyosan(['--story', gym, '--seed', '1'], 'abc\n99\n\n1\n1\nMin\n1\n');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain("'abc' is not a choice. Type a number from 1 to 3, or 'help'.");
    expect(stdout).toContain('There is no choice 99. Type a number from 1 to 3.');
    expect(stdout).toContain("Type a number from 1 to 3, or 'help'.");
    expect(stdout).toContain('*** THE END: Safe for Now ***');
    expect(stdout).toContain('Survived: less than a minute (until Day 1, 08:40)');
    expect(stdout).toContain('Endings: 1 of 2 found: Safe for Now');
    expect(stdout).not.toMatch(/\u001B/);
  });

  it('is reproducible with --seed', () => {
    const input = '2\n';
    const runs = [1, 2, 3].map(() => hyosan(['--story', gym, '--seed', '7'], input).stdout);
    expect(runs[0]).toContain('*** THE END');
    expect(new Set(runs).size).toBe(1);
  });

  it('shows the status and the help when asked', () => {
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], 'status\nhelp\n');
    expect(stdout).toContain('Stamina: 2/10');
    expect(stdout).toContain('Condition: well');
    expect(stdout).toContain('save [SLOT]');
    expect(stdout).toContain('undo [N]');
  });

  it('explains each stat in one line after the commands, with help', () => {
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], 'help\n');
    const help = stdout.slice(stdout.indexOf('What the numbers mean:'));
    expect(help).toMatch(/^Stamina: /m);
    expect(help).toMatch(/^Condition: What you can tell of your own health/m);
    expect(stdout).toContain('delete SLOT');
    expect(stdout).toContain('new           start a new game');
  });

  it('says in one line that the game was saved, and how to resume it, at the end of input and on quit', () => {
    // Run as `node dist/cli.js` from the repository's root, it says so.
    const eof = hyosan(['--story', gym, '--seed', '1'], '1\n');
    expect(eof.stdout.trimEnd().split('\n').at(-1)).toBe(`Saved — node dist/cli.js --story ${gym} --continue to resume`);
    const quit = hyosan(['--story', gym, '--seed', '1'], 'quit\n');
    expect(quit.stdout.trimEnd().split('\n').slice(-2)).toEqual(['> quit', `Saved — node dist/cli.js --story ${gym} --continue to resume`]);
    expect(quit.stdout.match(/Saved — /g)).toHaveLength(1);
  });

  it('names npx in that line when the game was started with npx hyosan', () => {
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], '1\n', tempDir(), { npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: "'hyosan'" });
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`Saved — npx hyosan --story ${gym} --continue to resume`);
  });

  it('offers a new game at an ending, and starts one with new', () => {
    const { stdout, status } = hyosan(['--story', gym, '--seed', '7'], '2\nnew\n');
    expect(status).toBe(0);
    const ending = stdout.indexOf('*** THE END');
    expect(ending).toBeGreaterThan(0);
    expect(stdout.slice(ending)).toContain("Type 'new' for a new game, 'undo' to go back a choice");
    const fresh = stdout.indexOf('[A new game.');
    expect(fresh).toBeGreaterThan(ending);
    expect(stdout.slice(fresh)).toContain('1. Listen at the door');
  });

  it('deletes a save only when told yes', () => {
    const dir = tempDir();
    hyosan(['--story', gym, '--seed', '1'], 'save keep\nsave gone\n', dir);
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], 'delete keep\nno\ndelete gone\nyes\nsaves\n', dir);
    expect(stdout).toContain('Delete the save "keep" and its backup? Type yes to delete it: no');
    expect(stdout).toContain('Kept "keep".');
    expect(stdout).toContain('Deleted "gone".');
    expect(existsSync(join(dir, 'keep.json'))).toBe(true);
    expect(existsSync(join(dir, 'gone.json'))).toBe(false);
    const listed = stdout.slice(stdout.lastIndexOf('> saves'));
    expect(listed).toContain('  keep: ');
    expect(listed).not.toContain('  gone: ');
  });

  it('says a save that is not there is not there, instead of asking whether to delete it', () => {
    const dir = tempDir();
    hyosan(['--story', gym, '--seed', '1'], 'save keep\n', dir);
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], 'delete nope\n1\n', dir);
    expect(stdout).toContain(`There is no save "nope". Type 'saves' to list them.`);
    expect(stdout).not.toContain('Delete the save "nope"');
    expect(stdout).not.toContain('Kept "nope"');
    // The next line is a choice again, not an answer to a question.
    expect(stdout).toContain('> 1');
    expect(existsSync(join(dir, 'keep.json'))).toBe(true);
  });

  it('ends at the end of input during a typed answer without a "> " prompt nobody can answer', () => {
    const { status, stdout } = hyosan(['--story', gym, '--seed', '1'], '1\n1\n');
    expect(status).toBe(0);
    const asked = stdout.lastIndexOf('What is your name? ');
    expect(asked).toBeGreaterThan(0);
    expect(stdout.slice(asked)).toBe('What is your name? \n' + stdout.slice(stdout.indexOf('Saved — ', asked)));
    expect(stdout.slice(asked)).not.toContain('> ');
  });

  it('takes only printable text into a typed answer: no escape sequences, no broken bytes', () => {
    const input = Buffer.concat([Buffer.from('1\n1\n'), Buffer.from([0xff, 0x42, 0x6f]), Buffer.from('\u001B[31mb\u001B[0m\n1\n')]);
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], input as unknown as string);
    expect(stdout).toContain('The chalk letters read Bob.');
  });

  it('autosaves every choice and again at the end of input', () => {
    const { status, saveDir } = hyosan(['--story', gym, '--seed', '1'], '1\n');
    expect(status).toBe(0);
    expect(gymAutosave).toMatch(/^autosave-cli-test-[0-9a-f]{8}$/);
    const save = readJson(join(saveDir, `${gymAutosave}.json`)) as { history: unknown[]; meta: { sceneTitle: string } };
    expect(save.history).toEqual([{ scene: 'gym.door', choice: 'listen' }]);
    expect(save.meta.sceneTitle).toBe('Listening');
  });
});

describe('saves from plain mode', () => {
  it('saves to a slot, continues the latest save, loads a slot and undoes choices', () => {
    const dir = tempDir();
    const first = hyosan(['--story', gym, '--seed', '1'], '1\nsave by the door\n2\nquit\n', dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Saved to "by the door" in ${dir}.`);

    // The latest save is the autosave made when quitting, back at the gym door, with what stepping back changed.
    const cont = hyosan(['--story', gym, '--continue'], '', dir);
    expect(cont.status).toBe(0);
    expect(cont.stdout).toMatch(/^\[Stamina \+1\]\n\n\[Chapter 1: Test\]\n\nThe Gym Door\n/);

    const loaded = hyosan(['--story', gym, '--load', 'by the door'], 'undo\n', dir);
    expect(loaded.stdout).toMatch(/^\[Chapter 1: Test\]\n\nListening\n/);
    expect(loaded.stdout).toContain('[Went back 1 choice.]');
    expect(loaded.stdout.split('The Gym Door\n============').length).toBe(2);

    const inGame = hyosan(['--story', gym, '--seed', '1'], 'load by the door\nsaves\n', dir);
    expect(inGame.stdout).toContain('[Loaded "by the door".]');
    expect(inGame.stdout).toMatch(/ {2}by the door: Listening · Chapter 1: Test · Day 1, 08:40 · \d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it('lists saves with hyosan saves, as a table and as JSON', () => {
    const dir = tempDir();
    hyosan(['--story', gym, '--seed', '1'], '1\nsave mine\n', dir);
    const table = hyosan(['saves', '--story', gym], '', dir);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^SLOT\s+SCENE\s+CHAPTER\s+TIME\s+SAVED/m);
    expect(table.stdout).toMatch(/^mine\s+Listening\s+Chapter 1: Test\s+Day 1, 08:40/m);
    const json = hyosan(['saves', '--json', '--save-dir', dir, '--story', gym]);
    const rows = JSON.parse(json.stdout) as { slot: string; sceneTitle: string; sameStory: boolean }[];
    expect(rows.map((r) => r.slot).sort()).toEqual([gymAutosave, 'mine']);
    expect(rows.every((r) => r.sameStory && r.sceneTitle === 'Listening')).toBe(true);
  });

  it('refuses a damaged save in one line with exit 1, and every other save still loads', () => {
    const dir = tempDir();
    hyosan(['--story', gym, '--seed', '1'], '1\nsave good\n', dir);
    writeFileSync(join(dir, 'bad.json'), '{"format": "hyosan-save", "version": 2, "story"');
    const bad = hyosan(['--story', gym, '--load', 'bad'], '', dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^hyosan: .*bad\.json: is not valid JSON .*— .*\n$/);
    expect(hyosan(['--story', gym, '--load', 'good'], '', dir).status).toBe(0);
    // In a game, the same damaged save is a message, and play goes on.
    const inGame = hyosan(['--story', gym, '--seed', '1'], 'load bad\n1\n', dir);
    expect(inGame.stdout).toContain('bad.json: is not valid JSON');
    expect(inGame.stdout).toContain('Listening\n=========');
  });

  it('says there is nothing to continue, with exit 1', () => {
    const { status, stderr } = hyosan(['--story', gym, '--continue']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^hyosan: .* has no saved game of "The Locked Gym" — start a new game\.\n$/);
  });

  it('refuses a slot name that is a path', () => {
    const { stdout } = hyosan(['--story', gym, '--seed', '1'], 'save ../../etc/passwd\n');
    expect(stdout).toContain('save slot "../../etc/passwd": contains a path separator');
  });

  it('refuses --continue with --load, and --watch without --story', () => {
    expect(hyosan(['--continue', '--load', 'x']).status).toBe(2);
    const watch = hyosan(['--watch']);
    expect(watch.status).toBe(2);
    expect(watch.stderr).toContain('--watch needs --story DIR');
  });
});

describe('the transcript', () => {
  it('appends everything shown and every line typed, game after game', () => {
    const file = join(tempDir(), 'game.txt');
    hyosan(['--story', gym, '--seed', '1', '--transcript', file], '1\n1\nMin\n1\n');
    const once = readFileSync(file, 'utf8');
    expect(once).toMatch(/=== hyosan transcript: The Locked Gym, seed 1, started \d{4}-/);
    for (const text of ['The Gym Door\n====', '1. Listen at the door', '> 1\n', 'What is your name? Min\n', 'The chalk letters read Min.', '*** THE END: Safe for Now ***', 'Survived: less than a minute']) {
      expect(once).toContain(text);
    }
    hyosan(['--story', gym, '--seed', '2', '--transcript', file], '2\n');
    const twice = readFileSync(file, 'utf8');
    expect(twice.startsWith(once)).toBe(true);
    expect(twice.match(/=== hyosan transcript/g)).toHaveLength(2);
  });

  it('reports a transcript file that cannot be written as a mistake on the command line, with exit 2', () => {
    const { status, stderr } = hyosan(['--story', gym, '--transcript', join(tempDir(), 'no', 'such', 'dir', 't.txt')]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^hyosan: --transcript '.*t\.txt' cannot be written \(ENOENT\)/);
  });
});

describe('--start-at and --watch', () => {
  it('points at --story story when the scene is only in the working story/ folder', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'story', 'season1'), { recursive: true });
    writeFileSync(join(cwd, 'story', 'story.yaml'), 'id: hyosan\n');
    writeFileSync(join(cwd, 'story', 'season1', 'detour.yaml'), 'scenes:\n  - id: s1.library-detour\n    title: Detour\n');
    const result = spawnSync(process.execPath, [cli, '--plain', '--start-at', 's1.library-detour', '--save-dir', tempDir()], {
      cwd,
      encoding: 'utf8',
      input: '',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "--start-at: no scene 's1.library-detour' in the built-in story, but story/ has it: play your working files with --story story --start-at s1.library-detour",
    );
  });

  it('starts a new game at the scene given', () => {
    const { stdout } = hyosan(['--story', gym, '--seed', '1', '--start-at', 'gym.listen'], '');
    expect(stdout).toMatch(/^Listening\n/);
  });

  it('shows a Season 1 ending that leads on into Season 2 as an ending, and lists it as found', async () => {
    const shipped = (await loadStoryDir(join(root, 'story'))).story!;
    const ending = shipped.scenes.get('s1.end-rescued')?.ending;
    expect(ending, 's1.end-rescued is an ending with a way on').toBeDefined();
    const { stdout, saveDir } = hyosan(['--start-at', 's1.end-rescued'], '\n');
    expect(stdout).toContain(`*** THE END: ${ending!.title} ***`);
    expect(stdout.replace(/\s+/g, ' ')).toContain((ending!.summary ?? '').replace(/\s+/g, ' ').trim());
    expect(stdout).toMatch(/\n1\. .*\n> /);
    const found = JSON.parse(readFileSync(join(saveDir, 'player', 'endings.json'), 'utf8')) as { stories: Record<string, object> };
    expect(Object.keys(found.stories[shipped.id] ?? {})).toEqual(['s1.end-rescued']);
  });

  it('reloads the story folder when a file changes, keeping the place, and reports errors in a line', async () => {
    const story = join(tempDir(), 'story');
    cpSync(join(root, gym), story, { recursive: true });
    const child = spawn(process.execPath, [cli, '--story', story, '--watch', '--seed', '1'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', HYOSAN_SAVE_DIR: tempDir() },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 10_000;
      while (!out.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} in:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      await waitFor('> ');
      child.stdin.write('1\n');
      await waitFor('Someone inside is breathing hard');
      const file = join(story, 'scenes', 'listen.yaml');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('Someone inside is breathing hard', 'A voice inside is whispering'));
      await waitFor('[Story reloaded: you are at "Listening".]');
      await waitFor('A voice inside is whispering');
      writeFileSync(file, original.replace('goto: gym.signed', 'goto: gym.nowhere'));
      await waitFor('[Not reloaded, still playing the last good version: ');
      expect(out).toContain('gym.nowhere');
      child.stdin.write('2\n');
      await waitFor('The Gym Door\n============\n\nThe double doors');
    } finally {
      child.stdin.end();
    }
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  }, 30_000);
});
