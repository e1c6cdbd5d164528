/**
 * Setting up a game begun mid-story (`--start-at SCENE` with `--set`,
 * `--give`, `--status`, `--force`…): the engine's `Setup` on the
 * tests/fixtures/start-setup story, forced rolls, the options checked
 * against the story, and a set-up game saved and loaded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/cli/args.js';
import type { SetupArg } from '../src/cli/setup-options.js';
import { setupFor } from '../src/cli/start-setup.js';
import { choicesOf, replay, sceneView, setUp, start, step, type Setup } from '../src/engine/index.js';
import type { GameState } from '../src/engine/state-types.js';
import type { Story } from '../src/engine/story-types.js';
import {
  SaveError,
  decodeSave,
  encodeSave,
  forceNextRolls,
  newGame,
  playChoice,
  rewind,
  type LoadedGame,
  type SaveDocument,
} from '../src/saves/index.js';
import { v4ToV5, v5ToV6 } from '../src/saves/migrate.js';
import { SAVE_FORMAT_VERSION } from '../src/saves/versions.js';
import type { SaveV4, SaveV5 } from '../src/saves/format.js';
import { loadStoryDir } from '../src/story/load.js';
import { buildStory } from './helpers/build-story.js';

const DIR = 'tests/fixtures/start-setup';
const NOW = new Date('2026-03-14T09:05:00.000Z');
let story: Story;
let roof: Story;

beforeAll(async () => {
  const loaded = await loadStoryDir(DIR);
  expect(loaded.problems).toEqual([]);
  story = loaded.story!;
  roof = { ...story, start: 'roof' };
});

/** The roof scene's text in a game set up by `setup`. */
function roofText(setup: Setup, seed = 1): string {
  return sceneView(roof, start(roof, seed, setup)).paragraphs.join('\n');
}

function loaded(result: LoadedGame | SaveError): LoadedGame {
  if (result instanceof SaveError) throw new Error(`expected a game, got: ${result.message}`);
  return result;
}

describe('a game set up to begin at a scene', () => {
  it('a flag set makes the choice it gates appear', () => {
    expect(choicesOf(roof, start(roof, 1)).map((c) => c.id)).toEqual(['climb']);
    expect(choicesOf(roof, start(roof, 1, { set: ['saw_helicopter'] })).map((c) => c.id)).toEqual(['signal', 'climb']);
    expect(roofText({ set: ['saw_helicopter'] })).toContain('You know a helicopter is out there.');
  });

  it('items given are added to the starting ones; items taken are gone', () => {
    const state = start(roof, 1, { give: [{ item: 'rope', count: 2 }], take: ['phone'] });
    expect(state.items).toEqual({ phone: 0, rope: 2 });
    expect(roofText({ give: [{ item: 'rope', count: 1 }], take: ['phone'] })).toContain('You carry a rope.\nYour phone is gone.');
  });

  it('a companion joins and one who starts in the party leaves', () => {
    const state = start(roof, 1, { join: ['onjo'], leave: ['suhyeok'] });
    expect(state.party).toEqual(['onjo']);
    expect(roofText({ join: ['onjo'], leave: ['suhyeok'] })).toContain('On-jo is beside you.\nSu-hyeok stayed behind.');
  });

  it('a stat is set, and kept within its bounds as every effect keeps it', () => {
    expect(start(roof, 1, { stats: [{ stat: 'noise', value: 5 }] }).stats.noise).toBe(5);
    expect(roofText({ stats: [{ stat: 'noise', value: 5 }] })).toContain('Something below heard you.');
    expect(start(roof, 1, { stats: [{ stat: 'noise', value: 50 }, { stat: 'health', value: -3 }] }).stats).toEqual({
      health: 0,
      noise: 10,
    });
  });

  it('the clock is set to a day and a time, and the scene reads it', () => {
    const state = start(roof, 1, { at: { day: 4, minute: 18 * 60 } });
    expect(sceneView(roof, state).clock).toBe('Day 4, 18:00');
    expect(state.time).toBe(3 * 24 * 60 + 18 * 60 - (8 * 60 + 40));
    expect(roofText({ at: { day: 4, minute: 18 * 60 } })).toContain('It is evening on the fourth day.');
  });

  it('the clock set forward is not lived through: a halfbie is no hungrier for it', () => {
    const now = start(roof, 1, { status: [{ who: 'player', status: 'semi-infected' }] });
    const later = start(roof, 1, { status: [{ who: 'player', status: 'semi-infected' }], at: { day: 9, minute: 0 } });
    expect(later.characters.player!.hunger).toBe(now.characters.player!.hunger);
  });

  it('a variable is set to the text as given, braces and all', () => {
    expect(start(roof, 1, { vars: [{ name: 'name', value: 'Min {x}' }] }).vars.name).toBe('Min {x}');
    expect(roofText({ vars: [{ name: 'name', value: 'Min' }] })).toContain('grey sky, Min.');
  });

  it('a character exposed starts incubating at the set-up time, drawn as any exposure that takes hold', () => {
    const at = { day: 2, minute: 600 };
    const state = start(roof, 5, { at, status: [{ who: 'onjo', status: 'exposed' }] });
    const onjo = state.characters.onjo!;
    expect(onjo.status).toBe('exposed');
    expect(onjo.bitten).toBe(true);
    expect(onjo.incubation?.exposedAt).toBe(state.time);
    expect(onjo.incubation!.resolvesAt).toBeGreaterThan(state.time);
    expect(roofText({ at, status: [{ who: 'onjo', status: 'exposed' }] }, 5)).toContain('On-jo is shivering.');
    // The same seed, the same draw.
    expect(start(roof, 5, { at, status: [{ who: 'onjo', status: 'exposed' }] })).toEqual(state);
  });

  it('an exposure with a decided outcome resolves to it, whatever the seed', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const state = start(roof, seed, { status: [{ who: 'onjo', status: 'exposed', outcome: 'semi-infected' }] });
      expect(state.characters.onjo!.incubation?.outcome).toBe('semi-infected');
    }
  });

  it('a player set up as turned goes straight to the story’s on_turn scene', () => {
    expect(start(roof, 1, { status: [{ who: 'player', status: 'infected' }] }).scene).toBe('turned');
  });

  it('a player set up as a halfbie has a halfbie’s hunger and powers', () => {
    const state = start(roof, 1, { status: [{ who: 'player', status: 'semi-infected' }] });
    expect(state.characters.player).toMatchObject({ status: 'semi-infected', bitten: true });
    expect(state.characters.player!.hunger).toBe(story.infection.hunger.start);
    expect(sceneView(roof, state).paragraphs).toContain('You can hear every heartbeat on the roof.');
  });

  it('the first scene’s on_enter sees the state set up', () => {
    const small = buildStory({
      a: {
        onEnter: [{ kind: 'if', cond: { src: 'f', ast: { kind: 'name', name: 'f', start: 0, end: 1 }, test: (s) => s.flags.includes('f') }, then: [{ kind: 'goto', scene: 'b' }], else: [] }],
        choices: [{ id: 'x', goto: 'b' }],
      },
      b: { ending: 'B' },
    });
    expect(start(small, 1).scene).toBe('a');
    expect(start(small, 1, { set: ['f'] }).scene).toBe('b');
  });

  it('names the story does not know change nothing (a save edited by hand, or an older story)', () => {
    const plain = start(roof, 1);
    const odd = start(roof, 1, {
      join: ['nobody'],
      stats: [{ stat: 'luck', value: 3 }],
      vars: [{ name: 'nickname', value: 'x' }],
      status: [{ who: 'ghost', status: 'infected' }],
      give: [{ item: '__proto__', count: 1 }],
    });
    expect(odd).toEqual(plain);
    expect(Object.getPrototypeOf(odd.items)).toBe(Object.prototype);
  });

  it('setUp applies a setup to a state without changing it', () => {
    const fresh = start(roof, 1);
    const set = setUp(roof, fresh, { set: ['saw_helicopter'], stats: [{ stat: 'noise', value: 2 }] });
    expect(set.flags).toEqual(['saw_helicopter']);
    expect(set.stats.noise).toBe(2);
    expect(fresh.flags).toEqual([]);
  });
});

describe('forced rolls', () => {
  /** What the climb's two rolls did: the check's, then the chance's. */
  function climbed(state: GameState): string[] {
    return sceneView(roof, state).paragraphs.slice(1);
  }

  it('unforced, the climb’s check always passes and its chance always fails', () => {
    expect(climbed(step(roof, start(roof, 1), 'climb'))).toEqual([
      'The first hold took your weight.',
      'Your hand slipped past the window.',
    ]);
  });

  it('a forced fail then pass makes the check fail and the chance pass', () => {
    const state = step(roof, start(roof, 1, { force: ['fail', 'pass'] }), 'climb');
    expect(climbed(state)).toEqual(['The first hold gave way under you.', 'You reached the window on the second floor.']);
    expect(state.forced).toBeUndefined();
  });

  it('then and else name the same outcomes as pass and fail', () => {
    expect(setupFor(story, [{ option: '--force', value: 'else,then' }], DIR).force).toEqual(['fail', 'pass']);
  });

  it('a forced roll still uses up its draw: the rolls after it are the ones the game would have made', () => {
    const forced = step(roof, start(roof, 9, { force: ['fail', 'pass'] }), 'climb');
    const free = step(roof, start(roof, 9), 'climb');
    expect(forced.rng).toBe(free.rng);
  });

  it('forced rolls not used by a move wait for the next roll', () => {
    const state = start(roof, 1, { force: ['fail', 'pass', 'fail'] });
    expect(state.forced).toEqual(['fail', 'pass', 'fail']);
    expect(step(roof, state, 'climb').forced).toEqual(['fail']);
  });

  it('a roll forced during play is recorded on the next move, so replaying the history gives the same game', () => {
    let game = newGame(roof, 3);
    game = forceNextRolls(game, ['fail']);
    game = forceNextRolls(game, ['pass']);
    expect(game.state.forced).toEqual(['fail', 'pass']);
    game = playChoice(roof, game, 'climb');
    expect(game.history).toEqual([{ scene: 'roof', choice: 'climb', force: ['fail', 'pass'] }]);
    expect(game.pendingForce).toBeUndefined();
    expect(climbed(game.state)[0]).toBe('The first hold gave way under you.');
    expect(replay(roof, 3, game.history).state).toEqual(game.state);
  });

  it('undo takes back the rolls forced before the choice it undoes', () => {
    const game = playChoice(roof, forceNextRolls(newGame(roof, 3), ['fail']), 'climb');
    const back = rewind(roof, game, 1);
    expect(back.history).toEqual([]);
    expect(back.state).toEqual(newGame(roof, 3).state);
  });
});

describe('a set-up game saved and loaded', () => {
  const setup: Setup = {
    at: { day: 4, minute: 1080 },
    set: ['saw_helicopter'],
    give: [{ item: 'rope', count: 1 }],
    join: ['onjo'],
    stats: [{ stat: 'noise', value: 5 }],
    vars: [{ name: 'name', value: 'Min' }],
    status: [{ who: 'onjo', status: 'exposed', outcome: 'immune' }],
    force: ['fail'],
  };

  it('records its setup, and loads into the same game at the same place', () => {
    const game = newGame(roof, 11, setup);
    const text = encodeSave(roof, game, NOW);
    const doc = JSON.parse(text) as SaveDocument;
    expect(doc.version).toBe(SAVE_FORMAT_VERSION);
    expect(doc.start).toBe('roof');
    expect(doc.setup).toEqual(setup);
    const back = loaded(decodeSave(text, story, 'x.json'));
    expect(back.setup).toEqual(setup);
    expect(back.state).toEqual(game.state);
    expect(back.notices).toEqual([]);
  });

  it('plays on after loading exactly like the game that was saved, forced rolls and all', () => {
    const game = playChoice(roof, forceNextRolls(newGame(roof, 11, { set: ['saw_helicopter'] }), ['pass', 'pass']), 'climb');
    const back = loaded(decodeSave(encodeSave(roof, game, NOW), story, 'x.json'));
    expect(back.history).toEqual(game.history);
    expect(back.state).toEqual(game.state);
  });

  it('rolls forced after the last choice still wait for the next one after loading', () => {
    const game = forceNextRolls(newGame(roof, 11, setup), ['pass']);
    const text = encodeSave(roof, game, NOW);
    expect((JSON.parse(text) as SaveDocument).force).toEqual(['pass']);
    const back = loaded(decodeSave(text, story, 'x.json'));
    expect(back.pendingForce).toEqual(['pass']);
    expect(back.state.forced).toEqual(['fail', 'pass']);
    expect(playChoice(story, back, 'climb').state).toEqual(playChoice(roof, game, 'climb').state);
  });

  it('a game without a setup writes none', () => {
    const doc = JSON.parse(encodeSave(story, newGame(story, 1), NOW)) as SaveDocument;
    expect('setup' in doc).toBe(false);
    expect('force' in doc).toBe(false);
  });

  it('version 4 → 5 changes only the version: a version-4 game was never set up', () => {
    const doc = JSON.parse(encodeSave(story, playChoice(story, newGame(story, 2), 'look'), NOW)) as SaveDocument;
    const v4 = { ...doc, version: 4 } as SaveV4;
    expect(v4ToV5(v4)).toEqual({ ...doc, version: 5 });
    const back = loaded(decodeSave(JSON.stringify(v4), story, 'old.json'));
    expect(back.state.scene).toBe('roof');
    expect(back.notices).toEqual([]);
  });

  it('version 5 → 6 changes only the version: a version-5 game knew no bonds or drift', () => {
    const doc = JSON.parse(encodeSave(story, playChoice(story, newGame(story, 2), 'look'), NOW)) as SaveDocument;
    const v5 = { ...doc, version: 5 } as SaveV5;
    expect(v5ToV6(v5)).toEqual({ ...doc, version: 6 });
    const back = loaded(decodeSave(JSON.stringify(v5), story, 'old.json'));
    expect(back.state.scene).toBe('roof');
    expect(back.notices).toEqual([]);
  });

  it('a save with a damaged setup is refused, naming the field', () => {
    const doc = JSON.parse(encodeSave(roof, newGame(roof, 1, setup), NOW)) as Record<string, unknown>;
    const bad = JSON.stringify({ ...doc, setup: { ...setup, status: [{ who: 'onjo', status: 'zombie' }] } });
    const refused = decodeSave(bad, story, 'x.json');
    expect(refused).toBeInstanceOf(SaveError);
    expect((refused as SaveError).message).toContain('"setup.status[0].status"');
  });
});

describe('the setup options', () => {
  const args = (...pairs: [SetupArg['option'], string][]): SetupArg[] => pairs.map(([option, value]) => ({ option, value }));
  const refusal = (given: SetupArg[]): string => {
    try {
      setupFor(story, given, `${DIR}/`);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
    throw new Error('expected a UsageError');
  };

  it('build the setup the engine applies, in its parts, commas making lists', () => {
    expect(
      setupFor(
        story,
        args(
          ['--set', 'saw_helicopter'],
          ['--clear', 'reached_window'],
          ['--give', 'rope=2,phone'],
          ['--join', 'onjo'],
          ['--leave', 'suhyeok'],
          ['--stat', 'noise=5'],
          ['--at', '4 18:00'],
          ['--status', 'onjo=exposed:semi-infected,player=immune'],
          ['--var', 'name=Min, the brave'],
          ['--force', 'pass,fail'],
          ['--force', 'pass'],
        ),
        DIR,
      ),
    ).toEqual({
      at: { day: 4, minute: 1080 },
      set: ['saw_helicopter'],
      clear: ['reached_window'],
      give: [
        { item: 'rope', count: 2 },
        { item: 'phone', count: 1 },
      ],
      join: ['onjo'],
      leave: ['suhyeok'],
      stats: [{ stat: 'noise', value: 5 }],
      vars: [{ name: 'name', value: 'Min, the brave' }],
      status: [
        { who: 'onjo', status: 'exposed', outcome: 'semi-infected' },
        { who: 'player', status: 'immune' },
      ],
      force: ['pass', 'fail', 'pass'],
    });
  });

  it('read the clock as the game shows it, or a time on the story’s first day', () => {
    expect(setupFor(story, args(['--at', 'Day 2, 07:05']), DIR).at).toEqual({ day: 2, minute: 425 });
    expect(setupFor(story, args(['--at', '23:59']), DIR).at).toEqual({ day: 1, minute: 1439 });
  });

  it('refuse a name the story does not know, suggesting the nearest', () => {
    expect(refusal(args(['--set', 'saw_helicoptr']))).toBe(
      `--set: no flag 'saw_helicoptr' in ${DIR}/ (did you mean saw_helicopter?)`,
    );
    expect(refusal(args(['--give', 'rpoe=2']))).toBe(`--give: no item 'rpoe' in ${DIR}/ (did you mean rope?)`);
    expect(refusal(args(['--join', 'onj']))).toBe(`--join: no character 'onj' in ${DIR}/ (did you mean onjo?)`);
    expect(refusal(args(['--stat', 'noice=1']))).toBe(`--stat: no stat 'noice' in ${DIR}/ (did you mean noise?)`);
    expect(refusal(args(['--var', 'nmae=x']))).toBe(`--var: no variable 'nmae' in ${DIR}/ (did you mean name?)`);
    expect(refusal(args(['--status', 'plyer=immune']))).toBe(
      `--status: no character 'plyer' in ${DIR}/ (did you mean player?)`,
    );
    expect(refusal(args(['--status', 'onjo=semi']))).toBe(
      "--status onjo=semi: no status 'semi' (statuses: healthy, exposed, infected, semi-infected, immune)",
    );
  });

  it('list the few names there are when none is near', () => {
    expect(refusal(args(['--set', 'zzzzzzzz']))).toBe(
      `--set: no flag 'zzzzzzzz' in ${DIR}/ (flags: first_hold_gave, reached_window, saw_helicopter)`,
    );
  });

  it('refuse values out of range and malformed ones', () => {
    expect(refusal(args(['--stat', 'noise=11']))).toBe('--stat noise=11: noise goes from 0 to 10');
    expect(refusal(args(['--stat', 'noise=loud']))).toBe("--stat noise: 'loud' is not a number");
    expect(refusal(args(['--stat', 'noise']))).toBe("--stat takes NAME=N, not 'noise'");
    expect(refusal(args(['--give', 'rope=0']))).toBe('--give rope=0: the count must be a whole number from 1 to 9999999');
    expect(refusal(args(['--at', '4 25:00']))).toBe(`--at takes "DAY HH:MM" (for example "4 18:00") or "HH:MM", not '4 25:00'`);
    expect(refusal(args(['--at', '1 08:00']))).toBe(
      "--at: Day 1, 08:00 is before the story's clock starts (Day 1, 08:40)",
    );
    expect(refusal(args(['--status', 'onjo=immune:infected']))).toBe(
      '--status onjo=immune:infected: only \'exposed\' takes an outcome (exposed:infected|semi-infected|immune)',
    );
    expect(refusal(args(['--force', 'maybe']))).toBe("--force takes pass or fail (then or else), not 'maybe'");
  });

  it('refuse two options that contradict each other', () => {
    expect(refusal(args(['--set', 'saw_helicopter'], ['--clear', 'saw_helicopter']))).toBe(
      "--set and --clear both name the flag 'saw_helicopter'",
    );
    expect(refusal(args(['--give', 'rope'], ['--take', 'rope']))).toBe("--give and --take both name the item 'rope'");
    expect(refusal(args(['--join', 'onjo'], ['--leave', 'onjo']))).toBe(
      "--join and --leave both name the character 'onjo'",
    );
    expect(refusal(args(['--stat', 'noise=1'], ['--stat', 'noise=2']))).toBe("--stat sets 'noise' twice (1 and 2)");
    expect(refusal(args(['--status', 'onjo=immune'], ['--status', 'onjo=infected']))).toBe(
      "--status gives 'onjo' two statuses",
    );
    expect(refusal(args(['--at', '2 10:00'], ['--at', '3 10:00']))).toBe('--at sets the clock twice');
  });

  it('are parsed in order with --start-at, and refused without it or with a saved game', () => {
    const parsed = parseArgs(['--start-at', 'roof', '--set', 'a', '--give=rope=2', '--stat', 'noise=-1']);
    expect(parsed.ok && parsed.command.kind === 'play' && parsed.command.options.setup).toEqual([
      { option: '--set', value: 'a' },
      { option: '--give', value: 'rope=2' },
      { option: '--stat', value: 'noise=-1' },
    ]);
    const without = parseArgs(['--set', 'a']);
    expect(!without.ok && without.error.message).toBe(
      '--set sets up a game begun at a scene of your choice: add --start-at SCENE',
    );
    const resumed = parseArgs(['--continue', '--start-at', 'roof', '--join', 'onjo']);
    expect(!resumed.ok && resumed.error.message).toBe(
      '--join sets up a new game; --continue resumes a saved one as it was',
    );
    const typo = parseArgs(['--start-at', 'roof', '--joins', 'onjo']);
    expect(!typo.ok && typo.error.message).toBe("unknown option '--joins' (did you mean --join?)");
  });
});
