/**
 * check's warnings about what a roll shows: rolls that change the game but
 * show nothing, and deaths that come straight from a roll (see
 * docs/AUTHORING.md). Each fixture holds cases that warn and cases that do not.
 */
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../src/cli/check-command.js';
import { analyzeStory } from '../src/tools/analyze.js';
import { loadStoryDir, loadStoryFiles } from '../src/story/load.js';
import { formatProblem, type Problem } from '../src/story/problem.js';

const F = 'tests/fixtures/analysis';

async function warnings(name: string): Promise<Problem[]> {
  const loaded = await loadStoryDir(`${F}/${name}`);
  expect(loaded.problems).toEqual([]);
  return analyzeStory(loaded.story!);
}

/** Which choice (or scene entry) each warning is about. */
const subjects = (problems: readonly Problem[]) =>
  problems.map((p) => /^(?:the \w+ \S+ in )?(choice '[^']+'|the on_enter of scene '[^']+')/.exec(p.message)?.[1]);

describe('a roll that changes the game but shows nothing', () => {
  it('warns at the roll, naming what each silent branch changes', async () => {
    const found = await warnings('silent-roll');
    expect(found.map(formatProblem)).toEqual([
      `${F}/silent-roll/scenes.yaml:7:9: warning: the chance 50 in the on_enter of scene 'hall' changes the game but shows the player nothing: ` +
        'its then branch changes noise and says nothing; add a say to each branch that changes something, ' +
        'or mark the roll told: next-scene if the next scene’s text tells the outcome',
      `${F}/silent-roll/scenes.yaml:14:13: warning: the check wits in choice 'bell' in scene 'hall' changes the game but shows the player nothing: ` +
        'its then branch changes noise and says nothing; add a say to each branch that changes something, ' +
        'or mark the roll told: next-scene if the next scene’s text tells the outcome',
      `${F}/silent-roll/scenes.yaml:48:13: warning: the chance 50 in choice 'listen' in scene 'hall' changes the game but shows the player nothing: ` +
        'its else branch changes noise and says nothing; add a say to each branch that changes something, ' +
        'or mark the roll told: next-scene if the next scene’s text tells the outcome',
    ]);
  });

  it('accepts a roll with a say in its changing branch, one marked told: next-scene, one whose branches go to different scenes, and one that changes nothing', async () => {
    const found = subjects(await warnings('silent-roll'));
    for (const quiet of ['said', 'told', 'apart', 'idle']) expect(found).not.toContain(`choice '${quiet}'`);
  });

  it('fails check --strict', async () => {
    let out = '';
    const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    const io = { stdout, shippedStory: () => Promise.reject(new Error('no')) } as Parameters<typeof checkCommand>[1];
    expect(await checkCommand({ dir: `${F}/silent-roll`, json: false, strict: true }, io)).toBe(1);
    expect(out).toContain('— 3 warnings (--strict: warnings fail)');
  });
});

describe('a death that comes straight from a roll', () => {
  it('warns about a roll branch that goes to a death ending, or brings health to its minimum', async () => {
    const found = (await warnings('death-by-roll')).filter((p) => p.message.includes('death ending'));
    expect(found.map((p) => [p.line, p.col])).toEqual([
      [12, 13],
      [19, 13],
      [58, 9],
    ]);
    expect(found[0]?.message).toBe(
      "choice 'gap' in scene 'door' can lead straight to the death ending 'torn' by a roll: a branch of the chance 30 goes to it; " +
        'show a scene between the roll and the ending (a beat that tells what happened), ' +
        'or warn before the choice is picked (a hint, with requires) and show a scene first',
    );
    expect(found[1]?.message).toContain(
      "choice 'ledge' in scene 'door' can lead straight to the death ending 'dead' by a roll: a branch of the check health brings health to its minimum (the on_death hook then takes over)",
    );
    // The stairwell's own roll is to blame, once, whichever choice leads there.
    expect(found[2]?.message).toContain("the on_enter of scene 'stairwell' can lead straight to the death ending 'torn' by a roll");
  });

  it('accepts a beat scene after the roll, a death whatever the dice say, and an exposure shown before time passes', async () => {
    const found = subjects((await warnings('death-by-roll')).filter((p) => p.message.includes('death ending')));
    // `arm`: an exposure and an hour in one move; the engine shows the next scene before a turn (infection.test.ts).
    for (const fine of ['beat', 'sure', 'bitten', 'arm', 'wait', 'give-up']) expect(found).not.toContain(`choice '${fine}'`);
  });

  it('knows no hook fires in an ending: an exposure before an ending scene is no death by a roll', () => {
    const loaded = loadStoryFiles([
      { path: 't/story.yaml', text: 'id: t\ntitle: T\nstart: a\nhooks: { on_turn: turned }\n' },
      {
        path: 't/scenes.yaml',
        text: `scenes:
  - id: a
    text: A
    choices:
      - id: bite
        text: Bite
        effects:
          - expose: { who: player, route: bite }
          - time: 1h
        goto: out
  - id: out
    text: Out
    ending: { title: Out }
  - id: turned
    text: Turned
    ending: { title: Turned }
`,
      },
    ]);
    expect(analyzeStory(loaded.story!).filter((p) => p.message.includes('death ending'))).toEqual([]);
  });

  it('can be left out of a run, as the shipped story does until its writers finish', async () => {
    const loaded = await loadStoryDir(`${F}/death-by-roll`);
    expect(analyzeStory(loaded.story!, ['silent-rolls', 'deaths-by-roll'])).toEqual([]);
  });
});
