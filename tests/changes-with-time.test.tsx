/**
 * The changes line tells what time did (drift and at_min) apart from what
 * the choice did: `Noise +1 · with time: Supplies −1`. In the engine's
 * record of it (`drifted`), the shared line, undo and loading, plain mode
 * and the Ink screen. Played on tests/fixtures/with-time.
 */
import fc from 'fast-check';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advance, enabledChoiceIds, start, startOwned, step } from '../src/engine/index.js';
import type { GameState, Story } from '../src/engine/index.js';
import { decodeSave, encodeSave } from '../src/saves/codec.js';
import { SaveError } from '../src/saves/errors.js';
import { newGame, playChoice, rewind, type SavedGame } from '../src/saves/game.js';
import { changesLine, moveOutcome, shownOutcome } from '../src/ui/changes.js';
import { DEFAULT_SETTINGS, type Settings } from '../src/ui/ports.js';
import { loadFixture, played } from './helpers/fixture-story.js';
import { waitForFrame } from './helpers/fake-terminal.js';
import { renderApp } from './helpers/ui-app.js';
import { playPlainText } from './helpers/plain-run.js';

let story: Story;

beforeAll(async () => {
  story = await loadFixture('tests/fixtures/with-time');
});

afterEach(() => {
  cleanup();
});

/** The changes line of the last of `choices`, played from a new game. */
function lineOf(...choices: string[]): string | undefined {
  const before = played(story, ...choices.slice(0, -1));
  return changesLine(story, before, step(story, before, choices.at(-1)!), choices.at(-1));
}

/** 7 h 40 min into the day: the next 20 minutes eat a supply (every 8 hours). */
function atTheDoor(): SavedGame {
  return playChoice(story, newGame(story, 1), 'wait');
}

/** The knock, on which a supply is eaten, as the line tells it. */
const KNOCK = 'Noise +1 · with time: Supplies −1';

describe('what time did, on the changes line', () => {
  it('a 20-minute choice on which a supply is eaten shows the supply as time’s, not as the choice’s cost', () => {
    const line = lineOf('wait', 'knock');
    expect(line).toBe(KNOCK);
    expect(line).not.toMatch(/(^|· )Supplies −1/);
  });

  it('a rest’s stamina coming back is time’s', () => {
    expect(lineOf('rest', 'sleep')).toBe('with time: Stamina +2');
  });

  it('a choice’s own noise in a scene where noise drifts shows both parts, and they add up to the whole change', () => {
    const before = played(story, 'yard');
    const after = step(story, before, 'shout');
    expect(after.stats.noise! - before.stats.noise!).toBe(1);
    expect(changesLine(story, before, after, 'shout')).toBe('Noise +2 · with time: Noise −1');
  });

  it('shows both parts when they cancel: what the choice did is never hidden by what time undid', () => {
    const before = played(story, 'yard');
    const after = step(story, before, 'call');
    expect(after.stats.noise).toBe(before.stats.noise);
    expect(changesLine(story, before, after, 'call')).toBe('Noise +1 · with time: Noise −1');
  });

  it('running out’s cost is time’s, with its say line', () => {
    const before = played(story, 'wait', 'knock');
    const after = step(story, before, 'linger');
    expect(after.said).toEqual(['Hunger and thirst wear at you.']);
    expect(changesLine(story, before, after, 'linger')).toBe('with time: Health −1, Stamina −1');
  });

  it('counts every change as the choice’s when the two states are not one move apart', () => {
    const before = start(story, 1);
    expect(changesLine(story, before, played(story, 'wait', 'knock'))).toBe('Noise +1 · Supplies −1');
  });

  it('a stat’s two parts always add up to its whole change, whatever the moves', () => {
    const parts = (line: string | undefined, label: string): { own: number; time: number } => {
      const [mine = '', theirs = ''] = (line ?? '').split('with time:');
      const of = (text: string) => {
        const m = new RegExp(`${label} ([+−])(\\d+)`).exec(text);
        return m === null ? 0 : (m[1] === '−' ? -1 : 1) * Number(m[2]);
      };
      return { own: of(mine), time: of(theirs) };
    };
    let timed = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (picks) => {
        let state = start(story, 1);
        for (const pick of picks) {
          const ids = enabledChoiceIds(story, state);
          const id = ids[pick % ids.length]!;
          const next = step(story, state, id);
          const line = changesLine(story, state, next, id);
          for (const [stat, def] of Object.entries(story.stats)) {
            const { own, time } = parts(line, def.label);
            expect(own + time, `${stat} after ${id}: ${line}`).toBe(next.stats[stat]! - state.stats[stat]!);
            expect(time).toBe(next.drifted?.[stat] ?? 0);
          }
          if (line?.includes('with time:') === true) timed++;
          state = next;
        }
      }),
      { numRuns: 100 },
    );
    // The runs met time's part, not only choices without it.
    expect(timed).toBeGreaterThan(0);
  });
});

describe('what the engine records of it (drifted)', () => {
  it('belongs to one move: the net change per stat time made, absent when none', () => {
    expect(start(story, 1).drifted).toBeUndefined();
    expect(played(story, 'wait').drifted).toBeUndefined();
    expect(played(story, 'wait', 'knock').drifted).toEqual({ supplies: -1 });
    // The next move passes no time: nothing of the knock's is left.
    expect(played(story, 'wait', 'knock', 'back').drifted).toBeUndefined();
  });

  it('records a change as the stat’s bounds let it happen: supplies drifting at 0 change nothing', () => {
    // Out at 8 h; the second six hours take in the 16-hour step, which finds them at 0, and a cost.
    const later = played(story, 'wait', 'knock', 'linger', 'linger');
    expect(later.stats.supplies).toBe(0);
    expect(later.drifted).toEqual({ health: -1, stamina: -1 });
  });

  it('is the same in place as copied', () => {
    const moves = ['wait', 'knock', 'linger', 'back', 'rest', 'sleep', 'yard', 'shout', 'call'];
    let kept = start(story, 3);
    const owned = startOwned(story, 3);
    const records: unknown[] = [];
    for (const m of moves) {
      kept = step(story, kept, m);
      advance(story, owned, m);
      expect(owned.drifted).toEqual(kept.drifted);
      records.push(kept.drifted);
    }
    expect(records.filter((r) => r !== undefined)).toHaveLength(5);
  });
});

describe('undo, loading and --continue', () => {
  it('rebuild the time part as the player first saw it', () => {
    const door = atTheDoor();
    const room = playChoice(story, door, 'knock');
    const told = moveOutcome(story, door.state, room.state, true, 'knock');
    expect(told.changes).toBe(KNOCK);
    expect(shownOutcome(story, room, true)).toEqual(told);
    expect(shownOutcome(story, rewind(story, playChoice(story, room, 'linger'), 1), true)).toEqual(told);
  });

  it('a save leaves it out of its snapshot, and loading rebuilds it by the replay', () => {
    const room = playChoice(story, atTheDoor(), 'knock');
    const text = encodeSave(story, room, new Date('2026-01-01T00:00:00Z'));
    expect((JSON.parse(text) as { state: GameState }).state).not.toHaveProperty('drifted');
    const back = decodeSave(text, story, 'x.json');
    if (back instanceof SaveError) throw back;
    expect(back.state).toEqual(room.state);
    expect(shownOutcome(story, back, true).changes).toBe(KNOCK);
  });
});

/** Plays `input` in plain mode from `game`; what it printed. */
async function plain(input: string, game: SavedGame, settings: Settings = DEFAULT_SETTINGS): Promise<string> {
  return (await playPlainText(story, input, { game, settings })).out;
}

describe('plain mode', () => {
  it('prints time’s part after the choice’s, before the next scene', async () => {
    const out = await plain('2\n', atTheDoor());
    expect(out).toContain(`> 2\n\n[${KNOCK}]\n\nThe Room\n`);
  });

  it('prints it again after an undo', async () => {
    const out = await plain('2\n1\nundo\n', atTheDoor());
    expect(out).toContain('[with time: Health −1, Stamina −1]');
    expect(out).toContain(`[Went back 1 choice.]\n\n[${KNOCK}]\n\nThe Room\n`);
  });

  it('prints none of it once the changes line is off', async () => {
    const out = await plain('2\n1\n', atTheDoor(), { ...DEFAULT_SETTINGS, showChanges: false });
    expect(out).toContain('Hunger and thirst wear at you.');
    expect(out).not.toContain('with time');
    expect(out).not.toContain('Supplies −1');
    expect(out).not.toContain('Noise +1');
  });
});

describe('the Ink screen', () => {
  it('shows time’s part after the choice’s, and again after an undo', async () => {
    const { lastFrame, stdin } = renderApp(story, { props: { start: { game: atTheDoor(), notices: [] } } });
    await waitForFrame(lastFrame, 'The Hall');
    stdin.write('2');
    const frame = await waitForFrame(lastFrame, 'Nobody answers.');
    expect(frame).toContain(KNOCK);
    expect(frame.indexOf('Nobody answers.')).toBeGreaterThan(frame.indexOf(KNOCK));
    stdin.write('1');
    expect(await waitForFrame(lastFrame, 'with time: Health −1, Stamina −1')).not.toContain(KNOCK);
    stdin.write('u');
    expect(await waitForFrame(lastFrame, 'Went back one choice')).toContain(KNOCK);
  });

  it('shows none of it once the changes line is off', async () => {
    const { lastFrame, stdin } = renderApp(story, {
      props: { start: { game: atTheDoor(), notices: [] }, settings: { ...DEFAULT_SETTINGS, showChanges: false } },
    });
    await waitForFrame(lastFrame, 'The Hall');
    stdin.write('2');
    await waitForFrame(lastFrame, 'Nobody answers.');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, 'Hunger and thirst wear at you.');
    expect(frame).not.toContain('with time');
    expect(frame).not.toContain('Health −1');
  });
});
