/**
 * The line printed after a game is left names hyosan as the player started
 * it: `npx hyosan`, `npm run hyosan --`, `node dist/cli.js`, or `hyosan`
 * when that is all that can be told. npm's variables are inherited by every
 * process npm starts, so a game run from a test under `npm test` or
 * `npx vitest` must not be taken for one started by npm.
 */
import { describe, expect, it } from 'vitest';
import { launchCommand } from '../src/cli/launch-command.js';
import { resumeCommand } from '../src/cli/play.js';

const REPO = '/home/me/hyosan';
const BUILT = `${REPO}/dist/cli.js`;

describe('how the player started hyosan', () => {
  it('is `npx hyosan` when npx ran the hyosan command, with or without a version', () => {
    const npx = { npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: "'hyosan'" };
    expect(launchCommand({ script: '/root/.npm/_npx/3ccf7aaafb70dad4/node_modules/.bin/hyosan', env: npx, cwd: '/tmp' })).toBe('npx hyosan');
    expect(launchCommand({ script: `${REPO}/node_modules/.bin/hyosan`, env: { ...npx, npm_lifecycle_script: 'hyosan@0.1.0' }, cwd: REPO })).toBe('npx hyosan');
  });

  it('is `npm run NAME --` when an npm script runs the game with node', () => {
    const run = { npm_command: 'run', npm_lifecycle_event: 'hyosan', npm_lifecycle_script: 'node dist/cli.js' };
    expect(launchCommand({ script: BUILT, env: run, cwd: REPO })).toBe('npm run hyosan --');
    // npm 7 to 10 name the command run-script; npm 11 names it run.
    expect(launchCommand({ script: BUILT, env: { ...run, npm_command: 'run-script', npm_lifecycle_event: 'play' }, cwd: REPO })).toBe('npm run play --');
    expect(launchCommand({ script: BUILT, env: { npm_command: 'start', npm_lifecycle_event: 'start', npm_lifecycle_script: 'node ./dist/cli.js' }, cwd: REPO })).toBe('npm start --');
  });

  it('is not npm’s doing when npm started something else that started the game (npm test, npx vitest)', () => {
    const underNpmTest = { npm_command: 'test', npm_lifecycle_event: 'test', npm_lifecycle_script: 'tsc --noEmit -p tsconfig.json && vitest run' };
    expect(launchCommand({ script: BUILT, env: underNpmTest, cwd: REPO })).toBe('node dist/cli.js');
    const underNpmRunTest = { ...underNpmTest, npm_command: 'run' };
    expect(launchCommand({ script: BUILT, env: underNpmRunTest, cwd: REPO })).toBe('node dist/cli.js');
    const underNpxVitest = { npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: "'vitest' 'run'" };
    expect(launchCommand({ script: BUILT, env: underNpxVitest, cwd: REPO })).toBe('node dist/cli.js');
    // An npm script that runs another file with node.
    const other = { npm_command: 'run', npm_lifecycle_event: 'bench', npm_lifecycle_script: 'node bench/run.js' };
    expect(launchCommand({ script: BUILT, env: other, cwd: REPO })).toBe('node dist/cli.js');
  });

  it('is `hyosan` for the installed command, on a link or through Windows’ shim', () => {
    expect(launchCommand({ script: '/usr/local/bin/hyosan', env: {}, cwd: '/home/me' })).toBe('hyosan');
    expect(launchCommand({ script: 'C:\\Users\\me\\AppData\\Roaming\\npm\\node_modules\\hyosan\\dist\\cli.js', env: {}, cwd: 'C:\\Users\\me' })).toBe('hyosan');
    expect(launchCommand({ script: '/usr/lib/node_modules/hyosan/dist/cli.js', env: {}, cwd: '/home/me' })).toBe('hyosan');
  });

  it('is `node PATH` for the script run directly: relative inside the working folder, whole outside it, quoted when it must be', () => {
    expect(launchCommand({ script: BUILT, env: {}, cwd: REPO })).toBe('node dist/cli.js');
    expect(launchCommand({ script: BUILT, env: {}, cwd: `${REPO}/dist` })).toBe('node cli.js');
    expect(launchCommand({ script: BUILT, env: {}, cwd: '/tmp' })).toBe(`node ${BUILT}`);
    expect(launchCommand({ script: "/home/me/my games/hyosan's/dist/cli.js", env: {}, cwd: '/tmp' })).toBe(`node '/home/me/my games/hyosan'\\''s/dist/cli.js'`);
  });

  it('falls back to `hyosan` when it cannot be told', () => {
    expect(launchCommand({ script: undefined, env: {}, cwd: REPO })).toBe('hyosan');
    expect(launchCommand({ script: '', env: {}, cwd: REPO })).toBe('hyosan');
    // Run from source through a loader: `node src/cli/main.ts` alone would not start it.
    expect(launchCommand({ script: `${REPO}/src/cli/main.ts`, env: {}, cwd: REPO })).toBe('hyosan');
  });
});

describe('the command that resumes the game just left', () => {
  it('starts hyosan as it was started, with the story, packs and save folder it was played with', () => {
    const options = { plain: false, continue: false, watch: false };
    expect(resumeCommand('npx hyosan', options)).toBe('npx hyosan --continue');
    expect(resumeCommand('npm run hyosan --', { ...options, story: 'my story', packs: ['packs/attic'], saveDir: '/tmp/s' })).toBe(
      "npm run hyosan -- --story 'my story' --pack packs/attic --save-dir /tmp/s --continue",
    );
    expect(resumeCommand('node dist/cli.js', options)).toBe('node dist/cli.js --continue');
  });
});
