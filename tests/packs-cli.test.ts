/**
 * Story packs on the command line, through the built hyosan: the authors'
 * tools over a story and its packs (`check`, `randomtest`, `graph`, `new
 * pack`), and games played with `--pack`, saved, continued and loaded with
 * the pack gone.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli as hyosan, tempSaveDir } from './helpers/built-cli.js';
import { hasRawControl } from './helpers/run-cli.js';

const BASE = 'tests/fixtures/pack-base';
const CELLAR = 'tests/fixtures/packs/cellar';

beforeAll(() => ensureBuilt());

/** A copy of the cellar pack in a temp folder, with `edit` applied to its files (path → new text). */
function cellarCopy(edit: Record<string, string> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hyosan-pack-')), 'cellar');
  cpSync(CELLAR, dir, { recursive: true });
  for (const [path, text] of Object.entries(edit)) writeFileSync(join(dir, path), text);
  return dir;
}

describe('check over a story and its packs', () => {
  it('checks them together, and counts the pack in the summary', () => {
    const run = hyosan(['check', BASE, '--pack', CELLAR]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`${CELLAR}/scenes/cellar.yaml`);
    expect(run.stdout).toContain("warning: item 'cellar.key' is given here but no condition ever tests it");
    expect(run.stdout).toMatch(new RegExp(`${BASE}/ \\+ ${CELLAR}/: 6 scenes, 8 choices, 3 endings, .* — 1 warning\\n$`));
    expect(run.status).toBe(0);
  });

  it('reports a pack’s problems at its own files, in JSON too', () => {
    const broken = cellarCopy({ 'scenes/way-in.yaml': 'extend:\n  scene: hal\n  text: A draught.\n' });
    const run = hyosan(['check', BASE, '--pack', broken, '--json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; problems: { file: string; line: number; col: number; message: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      file: join(broken, 'scenes/way-in.yaml'),
      line: 2,
      col: 10,
      severity: 'error',
      message:
        "pack 'cellar' extends the scene 'hal', which school 1.2.0 does not have — did you mean 'hall'? (the story may have changed since the pack was written for school >=1.0.0 <2.0.0)",
    });
  });

  it('refuses a --pack that is not a folder, as a mistake on the command line', () => {
    const run = hyosan(['check', BASE, '--pack', 'no/such/pack']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hyosan: no pack folder at 'no/such/pack'\nTry 'hyosan --help'.\n");
  });
});

describe('randomtest and graph over a story and its packs', () => {
  it('randomtest plays the pack’s scenes and reaches its ending, and its replay lines name the pack', () => {
    const run = hyosan(['randomtest', BASE, '--pack', CELLAR, '-n', '200', '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { endings: Record<string, number>; scenesCovered: number; scenesTotal: number };
    expect(result.endings['cellar.end']).toBeGreaterThan(0);
    expect(result.scenesCovered).toBe(result.scenesTotal);
  });

  it('graph draws the pack’s scenes in a box of their own and its choices in its colour', () => {
    const dot = hyosan(['graph', BASE, '--pack', CELLAR, '--format', 'dot']);
    expect(dot.status).toBe(0);
    expect(dot.stdout).toContain('subgraph "cluster_pack_cellar" {');
    expect(dot.stdout).toContain('graph [label="pack: The Cellar (cellar 1.0.0)"');
    expect(dot.stdout).toContain('"hall" -> "cellar.steps" [label="Try the low door", style=dashed, color="#3465a4"');
    const mermaid = hyosan(['graph', BASE, '--pack', CELLAR]);
    expect(mermaid.stdout).toContain('  subgraph pack_cellar["pack: The Cellar (cellar 1.0.0)"]');
    expect(mermaid.stdout).toMatch(/linkStyle \d+ stroke:#3465a4/);
  });
});

describe('new pack', () => {
  it('writes a starter pack, hooked into the built-in story by an extend, that passes check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyosan-new-pack-'));
    const made = hyosan(['new', 'pack', 'attic', '--dir', dir]);
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(`Created the pack ${join(dir, 'attic')}/`);
    expect(readdirSync(join(dir, 'attic')).sort()).toEqual(['README.md', 'pack.yaml', 'scenes']);
    expect(readFileSync(join(dir, 'attic', 'scenes', 'way-in.yaml'), 'utf8')).toContain('extend:\n  scene: s1.homeroom');
    const checked = hyosan(['check', '--pack', join(dir, 'attic')]);
    expect(checked.stdout).toMatch(/— no problems\n/);
    expect(checked.status).toBe(0);
    // And never over an existing pack.
    expect(hyosan(['new', 'pack', 'attic', '--dir', dir]).status).toBe(1);
    expect(hyosan(['new', 'pack', 'Attic-2', '--dir', dir]).stderr).toContain("'Attic-2' is not a valid pack id");
  });
});

describe('a game played with --pack', () => {
  it('offers the pack’s choice, saves the pack with the game, and continues inside the pack', () => {
    const first = hyosan(['--plain', '--story', BASE, '--pack', CELLAR, '--seed', '4'], '3\n');
    expect(first.stdout).toContain('Under the stair there is a low door you have never seen open.');
    expect(first.stdout).toContain('3. Try the low door');
    expect(first.stdout).toContain('The Cellar Steps');
    expect(first.stdout).toContain(`Saved — node dist/cli.js --story ${BASE} --pack ${CELLAR} --continue to resume`);
    const [slot] = readdirSync(first.saveDir).filter((f) => f.startsWith('autosave-') && !f.endsWith('.bak.json'));
    expect(slot).toMatch(/^autosave-school-[0-9a-f]{8}-p[0-9a-f]{8}\.json$/);
    const save = JSON.parse(readFileSync(join(first.saveDir, slot!), 'utf8')) as { packs?: unknown };
    expect(save.packs).toEqual([{ id: 'cellar', version: '1.0.0', title: 'The Cellar' }]);

    const again = hyosan(['--plain', '--story', BASE, '--pack', CELLAR, '--continue'], 'look\n', first.saveDir);
    expect(again.stdout.startsWith('The Cellar Steps')).toBe(true);
    expect(again.stderr).toBe('');

    // Without the pack: the player is told which pack is missing, and the game resumes in the story.
    const without = hyosan(['--plain', '--story', BASE, '--continue'], '', first.saveDir);
    expect(without.status).toBe(0);
    expect(without.stdout).toContain(
      '[This save was played with the pack "The Cellar" (cellar 1.0.0), which is not on now: resumed at "The Hall", 1 choice back, where the story goes on without it.]',
    );
    expect(without.stdout).not.toContain('Try the low door');
  });

  it('is refused, with every error, when the pack has errors', () => {
    const broken = cellarCopy({ 'scenes/way-in.yaml': 'extend:\n  scene: hal\n  text: A draught.\n' });
    const run = hyosan(['--plain', '--story', BASE, '--pack', broken]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: pack 'cellar' extends the scene 'hal'");
    expect(run.stderr).toContain(`hyosan: ${broken}/ cannot be played until its errors are fixed (see 'hyosan check --pack ${broken}/').`);
  });
});

describe('packs installed in the data folder', () => {
  const STACKS = 'packs/library-stacks';
  /** A fresh save folder with the example pack copied into its packs/. */
  function installed(): string {
    const saveDir = tempSaveDir();
    cpSync(STACKS, join(saveDir, 'packs', 'library-stacks'), { recursive: true });
    return saveDir;
  }
  // The library on the first night, as the story reaches it.
  const LIBRARY = ['--start-at', 's1.library', '--at', '1 23:00', '--seed', '3'];

  it('are listed with their state, and switched off and on', () => {
    const saveDir = installed();
    cpSync(CELLAR, join(saveDir, 'packs', 'cellar'), { recursive: true });
    const list = hyosan(['packs', '--json'], '', saveDir);
    expect(list.status).toBe(0);
    const { packs } = JSON.parse(list.stdout) as { packs: { id: string; state: string; problem?: string }[] };
    expect(packs.map((p) => [p.id, p.state])).toEqual([
      ['cellar', 'broken'],
      ['stacks', 'on'],
    ]);
    expect(packs[0]!.problem).toContain("error: this pack is for the story 'school', not 'hyosan'");
    expect(hyosan(['packs', 'off', 'stacks'], '', saveDir).stdout).toBe('Pack "The Closed Stacks" (stacks) is off from the next game.\n');
    expect(hyosan(['packs'], '', saveDir).stdout).toContain('  off    stacks 1.0.0 The Closed Stacks');
    const off = hyosan(['--plain', ...LIBRARY], '', saveDir);
    expect(off.stdout).not.toContain('Open the grey door');
    expect(hyosan(['packs', 'on', 'stakcs'], '', saveDir).stderr).toContain("No installed pack 'stakcs' (did you mean stacks?)");
  });

  it('are switched off with one line when they have errors, and the game still starts', () => {
    const saveDir = installed();
    cpSync(CELLAR, join(saveDir, 'packs', 'cellar'), { recursive: true });
    const run = hyosan(['--plain', ...LIBRARY], '', saveDir);
    expect(run.status).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hyosan: Pack "The Cellar" \(.*\/packs\/cellar\/\) is off because of an error: .*pack\.yaml:7:14: error: this pack is for the story 'school'/);
    expect(run.stdout).toContain('Open the grey door behind the librarian');
  });

  it('never print a broken pack’s control characters, in the line that switches it off or in the list', () => {
    const saveDir = tempSaveDir();
    cpSync(CELLAR, join(saveDir, 'packs', 'cellar'), { recursive: true });
    const manifest = join(saveDir, 'packs', 'cellar', 'pack.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('title: The Cellar', 'title: "The \\e]0;pwned\\a Cellar"'));
    const run = hyosan(['--plain', '--start-at', 's1.library'], '', saveDir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('is off because of an error');
    expect(hasRawControl(run.stderr)).toBe(false);
    expect(hasRawControl(hyosan(['packs'], '', saveDir).stdout)).toBe(false);
  });

  it('offer the example pack in the scene it extends; its ending counts; --continue resumes inside it; without it the save says which pack is missing', () => {
    const saveDir = installed();
    const into = hyosan(['--plain', ...LIBRARY], '5\n1\n', saveDir);
    expect(into.stdout).toContain('5. Open the grey door behind the librarian’s desk'.replace('’', "'"));
    expect(into.stdout).toContain('Aisle Eleven');
    const again = hyosan(['--plain', '--continue'], 'look\n', saveDir);
    expect(again.stdout.startsWith('Aisle Eleven')).toBe(true);
    // On to the pack's ending: free Da-in (the roll forced), ask her what now, go in with her.
    const end = hyosan(['--plain', '--continue'], 'force pass\n1\n1\n2\n', saveDir);
    expect(end.stdout).toContain('*** THE END: Overdue ***');
    expect(end.stdout).toMatch(/Endings: 1 of \d+ found: Overdue/);
    const endings = JSON.parse(readFileSync(join(saveDir, 'player', 'endings.json'), 'utf8')) as { stories: Record<string, Record<string, string>> };
    expect(Object.keys(endings.stories.hyosan ?? {})).toEqual(['stacks.end-overdue']);

    // The game in the pack's scenes, loaded with the pack removed.
    const inside = hyosan(['--plain', ...LIBRARY], '5\n1\n', installed());
    rmSync(join(inside.saveDir, 'packs'), { recursive: true });
    const gone = hyosan(['--plain', '--continue'], '', inside.saveDir);
    expect(gone.stdout).toContain(
      '[This save was played with the pack "The Closed Stacks" (stacks 1.0.0), which is not on now: resumed at "The Library", 2 choices back, where the story goes on without it.]',
    );
    expect(gone.stdout).toContain('1. Sleep while you can');
  });
});
