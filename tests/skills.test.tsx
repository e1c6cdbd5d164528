/**
 * Skills the player has met (issue 14): the engine remembers each stat a
 * check was rolled on, a choice names the stat its check tests once the
 * player has met one, both frontends and the transcript say so the same way,
 * and saves keep it. Played on tests/fixtures/skills.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlayServices } from '../src/cli/play-services.js';
import { openTranscript } from '../src/cli/transcript.js';
import {
  advance,
  choicesOf,
  forceRolls,
  replay,
  start,
  startOwned,
  step,
  type ChoiceView,
  type GameState,
  type Move,
  type Story,
} from '../src/engine/index.js';
import {
  SaveError,
  SaveStore,
  decodeSave,
  encodeSave,
  newGame,
  playChoice,
  type LoadedGame,
  type SaveDocument,
} from '../src/saves/index.js';
import { v7ToV8 } from '../src/saves/migrate.js';
import { choiceLabel } from '../src/ui/labels.js';
import { waitForFrame } from './helpers/fake-terminal.js';
import { loadFixture } from './helpers/fixture-story.js';
import { renderApp } from './helpers/ui-app.js';
import { playPlainText } from './helpers/plain-run.js';

const NOW = new Date('2026-03-14T09:05:00.000Z');
let story: Story;

beforeAll(async () => {
  story = await loadFixture('tests/fixtures/skills');
});

afterEach(() => {
  cleanup();
});

/** The choice `id` as the player sees it in `state`. */
function view(state: GameState, id: string): ChoiceView | undefined {
  return choicesOf(story, state).find((c) => c.id === id);
}

/** The state after each `[choice, forced roll]`, from a new game with seed 1. */
function playForced(...moves: (readonly [string, 'pass' | 'fail'])[]): GameState {
  let state = start(story, 1);
  for (const [choice, roll] of moves) state = step(story, forceRolls(state, [roll]), choice);
  return state;
}

describe('the engine remembers the stats the player has met a check on', () => {
  it('has met none at the start', () => {
    expect(start(story, 1).checked).toBeUndefined();
  });

  it('records the stat of a check rolled, pass or fail, once, sorted, leaving the state it came from as it was', () => {
    const first = start(story, 1);
    const knocked = step(story, first, 'knock');
    expect(knocked.checked).toEqual(['speed']);
    expect(first.checked).toBeUndefined();
    const again = step(story, knocked, 'run');
    expect(again.checked).toEqual(['speed']);
    const both = playForced(['knock', 'fail'], ['listen', 'pass']);
    expect(both.checked).toEqual(['speed', 'wits']);
  });

  it('counts a forced roll (--force) as met', () => {
    expect(playForced(['knock', 'pass']).checked).toEqual(['speed']);
    expect(playForced(['knock', 'fail']).checked).toEqual(['speed']);
  });

  it('does not count a check in an if branch that did not run', () => {
    // Noise is 0 at the start: `listen` rolls nothing.
    expect(step(story, start(story, 1), 'listen').checked).toBeUndefined();
  });

  it('is the same by step, by advance in place, and by replay (derived from play, so replays stay deterministic)', () => {
    const moves: Move[] = [
      { scene: 'hall', choice: 'knock', force: ['fail'] },
      { scene: 'hall', choice: 'steady' },
      { scene: 'hall', choice: 'gamble' },
      { scene: 'hall', choice: 'listen' },
    ];
    let stepped = start(story, 5);
    const owned = startOwned(story, 5);
    for (const m of moves) {
      stepped = step(story, m.force === undefined ? stepped : forceRolls(stepped, m.force), m.choice);
      // The queue a replay fills before the move (see rolls.ts).
      if (m.force !== undefined) owned.forced = [...(owned.forced ?? []), ...m.force];
      advance(story, owned, m.choice);
    }
    expect(stepped.checked).toEqual(['nerve', 'speed', 'wits']);
    expect(owned).toEqual(stepped);
    expect(replay(story, 5, moves).state).toEqual(stepped);
  });
});

describe('a choice view names the stat its check tests', () => {
  it('only once the player has met a check on that stat, with its label from story.yaml', () => {
    expect(view(start(story, 1), 'knock')?.check).toBeUndefined();
    expect(view(playForced(['knock', 'pass']), 'knock')?.check).toEqual({ stat: 'speed', label: 'Speed' });
  });

  it('for a check in an if branch that would run now, and not for one that would not', () => {
    const met = playForced(['knock', 'pass'], ['gamble', 'pass'], ['gamble', 'pass']);
    // Wits met (the handle's check), noise still 0: listen's check would not run.
    expect(met.checked).toContain('wits');
    expect(met.stats.noise).toBe(0);
    expect(view(met, 'listen')?.check).toBeUndefined();
    const loud = step(story, forceRolls(met, ['fail']), 'knock');
    expect(loud.stats.noise).toBe(1);
    expect(view(loud, 'listen')?.check).toEqual({ stat: 'wits', label: 'Wits' });
  });

  it('not for a check inside the branches of a chance', () => {
    const met = playForced(['knock', 'fail'], ['listen', 'pass']);
    expect(met.checked).toContain('wits');
    expect(view(met, 'gamble')?.check).toBeUndefined();
  });

  it('never for a hidden stat', () => {
    const met = step(story, start(story, 1), 'steady');
    expect(met.checked).toEqual(['nerve']);
    expect(view(met, 'steady')?.check).toBeUndefined();
  });

  it('on a disabled choice too, beside its hint', () => {
    const met = playForced(['knock', 'pass']);
    expect(view(met, 'barricade')).toMatchObject({ enabled: false, hint: 'It would hear you now.', check: { stat: 'speed', label: 'Speed' } });
  });
});

describe('choiceLabel (the words both frontends list)', () => {
  const speed = { stat: 'speed', label: 'Speed' };
  const choice = (text: string, more: Partial<ChoiceView> = {}): ChoiceView => ({ id: 'c', text, enabled: true, check: speed, ...more });

  it('adds the stat after the choice text', () => {
    expect(choiceLabel(choice('Knock on the door'))).toBe('Knock on the door (Speed check)');
  });

  it('leaves the text as written when no stat is named', () => {
    expect(choiceLabel({ id: 'c', text: 'Knock on the door', enabled: true })).toBe('Knock on the door');
  });

  it('does not name the stat twice when the text names it in brackets, in any case, by id or label', () => {
    expect(choiceLabel(choice('Run for the stairs (speed)'))).toBe('Run for the stairs (speed)');
    expect(choiceLabel(choice('Run (SPEED check)'))).toBe('Run (SPEED check)');
    expect(choiceLabel(choice('Run (fast: Speed 3)'))).toBe('Run (fast: Speed 3)');
  });

  it('still names it when the word is in the text but not in brackets, or only part of a bracketed word', () => {
    expect(choiceLabel(choice('Speed down the hall'))).toBe('Speed down the hall (Speed check)');
    expect(choiceLabel(choice('Run (speedily)'))).toBe('Run (speedily) (Speed check)');
  });

  it('marks a disabled choice in words, the stat before its hint', () => {
    expect(choiceLabel(choice('Drag a bench', { enabled: false, hint: 'It would hear you.' }))).toBe(
      '(unavailable) Drag a bench (Speed check) — It would hear you.',
    );
    expect(choiceLabel({ id: 'c', text: 'Drag a bench', enabled: false })).toBe('(unavailable) Drag a bench');
  });
});

/** Plays `input` in plain mode from a new game with seed 1; what it printed. */
async function plain(input: string): Promise<string> {
  return (await playPlainText(story, input)).out;
}

describe('plain mode', () => {
  it('lists a choice plainly until a check on its stat is met, then names the stat, never doubled', async () => {
    const out = await plain('1\n');
    const [before, after] = out.split('> 1\n') as [string, string];
    expect(before).toContain('1. Knock on the door\n2. Run for the stairs (speed)\n');
    expect(before).not.toContain('check)');
    expect(after).toContain('1. Knock on the door (Speed check)\n2. Run for the stairs (speed)\n3. Listen at the door\n');
    expect(after).toContain('6. (unavailable) Drag a bench across the door (Speed check) — It would\n');
  });
});

describe('the Ink screen', () => {
  it('lists a choice plainly until a check on its stat is met, then names the stat, never doubled', async () => {
    const { lastFrame, stdin } = renderApp(story);
    const first = await waitForFrame(lastFrame, 'Knock on the door');
    expect(first).not.toContain('Speed check');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, 'Knock on the door (Speed check)');
    expect(frame).toContain('Run for the stairs (speed)');
    expect(frame).not.toContain('(speed) (Speed check)');
    expect(frame).toMatch(/3\. Listen at the door +│/);
  });
});

describe("an Ink game's transcript", () => {
  it('lists the choices as the screen does, the stat named once met', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyosan-skills-')), 't.txt');
    const transcript = openTranscript(file);
    if (typeof transcript === 'string') throw new Error(transcript);
    const dir = mkdtempSync(join(tmpdir(), 'hyosan-skills-saves-'));
    const s = new PlayServices({ story, store: new SaveStore({ dir }), newSeed: () => 1, transcript });
    const first = s.newGame().game;
    s.shown(first);
    await s.chose(playChoice(story, first, 'knock'), '1. Knock on the door');
    await s.leave(undefined);
    const text = readFileSync(file, 'utf8');
    const [before, after] = text.split('> 1. Knock on the door\n') as [string, string];
    expect(before).toContain('1. Knock on the door\n');
    expect(after).toContain('1. Knock on the door (Speed check)\n');
  });
});

describe('saves', () => {
  function loaded(result: LoadedGame | SaveError): LoadedGame {
    if (result instanceof SaveError) throw new Error(`expected a game, got: ${result.message}`);
    return result;
  }

  it('keep the stats met in the snapshot, and a loaded game names them as before', () => {
    const game = playChoice(story, newGame(story, 1), 'knock');
    const text = encodeSave(story, game, NOW);
    expect((JSON.parse(text) as SaveDocument).state.checked).toEqual(['speed']);
    const back = loaded(decodeSave(text, story, 'x.json'));
    expect(back.state.checked).toEqual(['speed']);
    expect(choicesOf(story, back.state).find((c) => c.id === 'knock')?.check).toEqual({ stat: 'speed', label: 'Speed' });
  });

  it('of save format 7 (no checked) moves to 8 with nothing added, and the replay finds the checks it rolled', () => {
    const game = playChoice(story, newGame(story, 1), 'knock');
    const doc = JSON.parse(encodeSave(story, game, NOW)) as SaveDocument;
    const { checked: _met, ...state } = doc.state;
    const v7 = { ...doc, version: 7 as const, state };
    expect(v7ToV8(v7)).toEqual({ ...doc, state });
    const back = loaded(decodeSave(JSON.stringify(v7), story, 'old.json'));
    expect(back.notices).toEqual([]);
    expect(back.state.checked).toEqual(['speed']);
  });

  it('of format 7 at the start, having met nothing, load having met nothing', () => {
    const doc = JSON.parse(encodeSave(story, newGame(story, 1), NOW)) as SaveDocument;
    expect(doc.state.checked).toBeUndefined();
    const back = loaded(decodeSave(JSON.stringify({ ...doc, version: 7 }), story, 'old.json'));
    expect(back.state.checked).toBeUndefined();
    expect(choicesOf(story, back.state).every((c) => c.check === undefined)).toBe(true);
  });

  it('refuse a snapshot whose checked is not a list of stat names', () => {
    const doc = JSON.parse(encodeSave(story, playChoice(story, newGame(story, 1), 'knock'), NOW)) as SaveDocument;
    const bad = decodeSave(JSON.stringify({ ...doc, state: { ...doc.state, checked: 'speed' } }), story, 'bad.json');
    expect(bad).toBeInstanceOf(SaveError);
    expect((bad as SaveError).message).toContain('"state.checked"');
  });
});
