/**
 * `--start-at SCENE` with the setup options, through the built command line
 * (dist/cli.js): plain play set up from the command line, forcing rolls,
 * mistakes refused with exit status 2, a set-up game saved and continued,
 * and `randomtest --start-at` with setup options and its replay lines.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETUP_OPTIONS } from '../src/cli/setup-options.js';
import { autosaveSlot } from '../src/saves/slots.js';
import { CLI, ROOT, cliEnv, ensureBuilt, runBuiltCli as hyosan, tempSaveDir } from './helpers/built-cli.js';

const roof = 'tests/fixtures/start-setup';
const stuck = 'tests/fixtures/analysis/stuck';

beforeAll(ensureBuilt, 60_000);

describe('playing a game set up from the command line', () => {
  it('begins at the scene with the flags, items, party, stats, clock, status and variables given', () => {
    const { status, stdout } = hyosan(
      [
        '--story', roof, '--seed', '1', '--start-at', 'roof',
        '--set', 'saw_helicopter', '--give', 'rope', '--take', 'phone', '--join', 'onjo', '--leave', 'suhyeok',
        '--stat', 'noise=5', '--at', '4 18:00', '--status', 'onjo=exposed', '--var', 'name=Min',
      ],
      'status\n',
    );
    expect(status).toBe(0);
    expect(stdout).toContain(
      [
        'The door to the roof opens onto wind and a grey sky, Min.',
        'You know a helicopter is out there.',
        'You carry a rope.',
        'Your phone is gone.',
        'On-jo is beside you.',
        'Su-hyeok stayed behind.',
        'Something below heard you.',
        'It is evening on the fourth day.',
        'On-jo is shivering.',
      ].join('\n\n'),
    );
    expect(stdout).toContain('1. Signal the helicopter\n2. Climb down the drainpipe');
    expect(stdout).toContain('Time: Day 4, 18:00');
  });

  it('--force makes the first rolls go as asked', () => {
    const free = hyosan(['--story', roof, '--seed', '1', '--start-at', 'roof'], '1\n').stdout;
    expect(free).toContain('The first hold took your weight.\n\nYour hand slipped past the window.');
    const forced = hyosan(['--story', roof, '--seed', '1', '--start-at', 'roof', '--force', 'fail,pass'], '1\n').stdout;
    expect(forced).toContain('The first hold gave way under you.\n\nYou reached the window on the second floor.');
  });

  it('plain mode’s force command decides the next roll', () => {
    const { stdout } = hyosan(['--story', roof, '--seed', '1', '--start-at', 'roof'], 'force fail\nforce then\n1\n');
    expect(stdout).toContain('[Forced: the next roll will fail.]');
    expect(stdout).toContain('[Forced: the next 2 rolls will fail, then pass.]');
    expect(stdout).toContain('The first hold gave way under you.\n\nYou reached the window on the second floor.');
  });

  it('a set-up game saved and continued resumes set up, with its forced rolls still waiting', () => {
    const first = hyosan(
      ['--story', roof, '--seed', '3', '--start-at', 'roof', '--set', 'saw_helicopter', '--at', '2 06:30'],
      'force fail\nsave mine\n',
    );
    expect(first.stdout).toContain('Saved to "mine"');
    const save = JSON.parse(readFileSync(join(first.saveDir, 'mine.json'), 'utf8')) as Record<string, unknown>;
    expect(save).toMatchObject({
      version: 6,
      start: 'roof',
      setup: { at: { day: 2, minute: 390 }, set: ['saw_helicopter'] },
      force: ['fail'],
    });
    const again = hyosan(['--story', roof, '--continue'], 'status\n2\n', first.saveDir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('1. Signal the helicopter');
    expect(again.stdout).toContain('Time: Day 2, 06:30');
    expect(again.stdout).toContain('The first hold gave way under you.');
    // The game played on keeps its setup, and its history the roll forced before the choice.
    // A story played from a folder autosaves to a slot of its own (its id and the folder).
    const slot = autosaveSlot({ id: 'start-setup' }, realpathSync(join(ROOT, roof)));
    const autosave = JSON.parse(readFileSync(join(first.saveDir, `${slot}.json`), 'utf8')) as Record<string, unknown>;
    expect(autosave).toMatchObject({
      setup: { at: { day: 2, minute: 390 }, set: ['saw_helicopter'] },
      history: [{ scene: 'roof', choice: 'climb', force: ['fail'] }],
    });
    expect('force' in autosave).toBe(false);
  });
});

describe('--help', () => {
  it('lists every setup option, within 80 columns', () => {
    const { stdout } = hyosan(['--help']);
    for (const option of SETUP_OPTIONS) expect(stdout).toMatch(new RegExp(`^  ${option} `, 'm'));
    expect(stdout).toContain('force pass');
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('mistakes in the setup options', () => {
  it('a name the story does not know: exit 2 and the nearest name', () => {
    const { status, stdout, stderr } = hyosan(['--story', roof, '--start-at', 'roof', '--join', 'onjoo']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `hyosan: --join: no character 'onjoo' in ${roof}/ (did you mean onjo?)\nTry 'hyosan --help'.\n`,
    );
  });

  it('a setup option without --start-at: exit 2, saying what to add', () => {
    const { status, stderr } = hyosan(['--story', roof, '--give', 'rope']);
    expect(status).toBe(2);
    expect(stderr).toContain('--give sets up a game begun at a scene of your choice: add --start-at SCENE');
  });
});

describe('randomtest --start-at', () => {
  it('plays every game from the scene, set up as asked', () => {
    const plain = hyosan(['randomtest', roof, '--start-at', 'roof', '-n', '40', '--json']);
    expect(plain.status).toBe(0);
    const free = JSON.parse(plain.stdout) as { endings: Record<string, number>; uncovered: string[] };
    expect(free.endings).toEqual({ ground: 40 });
    expect(free.uncovered).toContain('stairs');

    const set = hyosan(['randomtest', roof, '--start-at', 'roof', '--set', 'saw_helicopter', '-n', '40', '--json']);
    expect(set.status).toBe(0);
    const endings = (JSON.parse(set.stdout) as { endings: Record<string, number> }).endings;
    expect(Object.keys(endings).sort()).toEqual(['ground', 'rescued']);
    expect(endings.ground! + endings.rescued!).toBe(40);
  });

  it('gives the same result on worker threads as in one, set up the same', () => {
    const args = ['randomtest', roof, '--start-at', 'roof', '--set', 'saw_helicopter', '--force', 'fail,pass', '-n', '450', '--json'];
    const result = (workers: string) => {
      const { status, stdout } = hyosan([...args, '--workers', workers]);
      expect(status).toBe(0);
      const { perSecond: _speed, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
      return rest;
    };
    const one = result('1');
    expect(one).toMatchObject({ runs: 450, endings: { ground: expect.any(Number), rescued: expect.any(Number) } });
    expect(result('3')).toEqual(one);
  });

  it('names the scene it began at in its report', () => {
    const { stdout } = hyosan(['randomtest', stuck, '--start-at', 'door', '--give', 'key', '-n', '10']);
    expect(stdout.split('\n')[0]).toMatch(new RegExp(`^randomtest ${stuck} from door: 10 games, seed 1`));
    expect(stdout).toContain('OK: every game reached an ending');
  });

  it('gives a replay line that begins and sets up the game as the run did', () => {
    const run = hyosan(['randomtest', stuck, '--start-at', 'hall', '--at', '1 10:00', '-n', '20', '--workers', '1']);
    expect(run.status).toBe(1);
    const replay = /replay: (.*)/.exec(run.stdout)?.[1];
    expect(replay).toMatch(/^printf '2\\n' \| hyosan --plain --story tests\/fixtures\/analysis\/stuck --seed \d+ --start-at hall --at '1 10:00'$/);
    const shell = spawnSync('sh', ['-c', replay!.replace(/\bhyosan\b/, `node ${CLI}`)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: cliEnv(tempSaveDir()),
      timeout: 20_000,
    });
    expect(shell.stdout).toContain("There is no way on from here (scene 'door')");
  });

  it('refuses a bad name with exit 2, and setup options without --start-at', () => {
    const typo = hyosan(['randomtest', roof, '--start-at', 'roof', '--stat', 'noize=3']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(`--stat: no stat 'noize' in ${roof}/ (did you mean noise?)`);
    const scene = hyosan(['randomtest', roof, '--start-at', 'rof']);
    expect(scene.status).toBe(2);
    expect(scene.stderr).toContain(`--start-at: no scene 'rof' in ${roof}/ (did you mean roof?)`);
    const without = hyosan(['randomtest', roof, '--set', 'saw_helicopter']);
    expect(without.status).toBe(2);
    expect(without.stderr).toContain('randomtest: --set sets up a game begun at a scene of your choice: add --start-at SCENE');
  });
});
