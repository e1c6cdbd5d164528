/**
 * What the player is told, as the shared view models compute it: the
 * changes line, the items the status lists, and the summary under an ending.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { start, step } from '../src/engine/index.js';
import type { GameState, Story } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { newGame, playChoice, rewind } from '../src/saves/game.js';
import { changesLine, moveOutcome, shownOutcome } from '../src/ui/changes.js';
import { lasted, runSummary, runSummaryLines } from '../src/ui/run-summary.js';
import { statusReport } from '../src/ui/status.js';
import { buildStory } from './helpers/build-story.js';

let story: Story;

beforeAll(async () => {
  story = (await loadStoryDir('tests/fixtures/outcomes')).story!;
});

/** `state` with some fields replaced, as a later state of the same game. */
function later(state: GameState, over: Partial<GameState>): GameState {
  return { ...state, ...over };
}

describe('the changes line', () => {
  it('names visible stats that changed, with a sign, and items gained or lost with their counts', () => {
    const before = start(story, 1);
    const after = later(before, { stats: { ...before.stats, health: 7 }, items: { bell_rope: 2, water: 1 } });
    expect(changesLine(story, before, after)).toBe('Health −3 · + Bell rope ×2 · + water');
    expect(changesLine(story, after, before)).toBe('Health +3 · − Bell rope ×2 · − water');
  });

  it('never names a hidden stat: a choice that only lowers the hidden noise changes nothing visible', () => {
    const before = start(story, 1);
    const quieter = later(before, { stats: { ...before.stats, noise: 0 } });
    expect(changesLine(story, before, quieter)).toBeUndefined();
    // The real choice lowers the noise and gives the rope: only the rope shows.
    expect(changesLine(story, before, step(story, before, 'bell'))).toBe('+ Bell rope ×2');
  });

  it('says who joined and who left the party', () => {
    const before = start(story, 1);
    expect(changesLine(story, before, later(before, { party: ['namra'] }))).toBe('Woo-jin left');
    expect(changesLine(story, later(before, { party: [] }), before)).toBe('Nam-ra joined · Woo-jin joined');
  });

  it('says what the choice did to the party, not who joins or leaves as the next scene begins (its text tells that)', () => {
    const party = buildStory(
      {
        roof: {
          choices: [
            // Her choice: "Send Woo-jin home" makes him leave; "Go down to the line" leads to a scene where he steps out of it.
            { id: 'send', goto: 'roof', effects: [{ kind: 'leave', who: 'woojin' }] },
            { id: 'line', goto: 'line' },
            { id: 'call', goto: 'roof', effects: [{ kind: 'join', who: 'namra' }] },
            { id: 'gate', goto: 'gate' },
            // Joined by the choice, gone again as the scene begins: neither is said.
            { id: 'brief', goto: 'line', effects: [{ kind: 'join', who: 'namra' }] },
          ],
        },
        line: { onEnter: [{ kind: 'leave', who: 'woojin' }, { kind: 'leave', who: 'namra' }], choices: [{ id: 'on', goto: 'line' }] },
        gate: { onEnter: [{ kind: 'join', who: 'namra' }], choices: [{ id: 'on', goto: 'gate' }] },
      },
      { start: 'roof', characters: { woojin: { name: 'Woo-jin', party: true }, namra: { name: 'Nam-ra' } } },
    );
    const before = start(party, 1);
    const line = (choice: string) => changesLine(party, before, step(party, before, choice), choice);
    expect(line('send')).toBe('Woo-jin left');
    expect(line('line')).toBeUndefined();
    expect(line('call')).toBe('Nam-ra joined');
    expect(line('gate')).toBeUndefined();
    expect(line('brief')).toBeUndefined();
    // Told only the two states, every change counts, as before.
    expect(changesLine(party, before, step(party, before, 'line'))).toBe('Woo-jin left');
    expect(moveOutcome(party, before, step(party, before, 'line'), true, 'line')).toEqual({ said: [] });
  });

  it('does not give away at the top of the checkpoint that a changed Woo-jin will step out of the line (the shipped story)', async () => {
    const shipped = (await loadStoryDir('story')).story!;
    const fork = { ...shipped, start: 's1.city-fork' };
    const before = start(fork, 1, { join: ['woojin', 'onjo'], status: [{ who: 'woojin', status: 'semi-infected' }], at: { day: 4, minute: 6 * 60 } });
    const after = step(fork, before, 'bridge');
    expect(after.scene).toBe('s1.checkpoint');
    expect(after.party).not.toContain('woojin');
    expect(changesLine(fork, before, after, 'bridge') ?? '').not.toContain('Woo-jin');
  });

  it('does not say a companion who turned has left: the turn is its own scene, and the line would spoil it', () => {
    const before = start(story, 1);
    const woojin = before.characters.woojin!;
    const turned = later(before, { party: ['namra'], characters: { ...before.characters, woojin: { ...woojin, status: 'infected' } } });
    expect(changesLine(story, before, turned)).toBeUndefined();
  });

  it('says a new symptom the player can feel, never the hidden infection status', () => {
    const before = start(story, 1);
    const player = before.characters.player!;
    const incubating = later(before, {
      time: 30,
      characters: {
        ...before.characters,
        player: { ...player, status: 'exposed', bitten: true, incubation: { outcome: 'infected', exposedAt: 0, resolvesAt: 100, route: 'bite', emotion: 'fear' } },
      },
    });
    // 30% through a turn: fever and chills, and nothing about what they mean.
    expect(changesLine(story, before, incubating)).toBe('You feel: fever, chills');
    // A status that changes without a symptom (a companion incubating) shows nothing.
    const namra = before.characters.namra!;
    const hidden = later(before, {
      characters: { ...before.characters, namra: { ...namra, status: 'exposed', incubation: { outcome: 'semi-infected', exposedAt: 0, resolvesAt: 600, route: 'scratch', emotion: 'calm' } } },
    });
    expect(changesLine(story, before, hidden)).toBeUndefined();
  });

  it('is left out when the player turned it off, and there is none without a state before', () => {
    const before = start(story, 1);
    const after = step(story, before, 'bell');
    expect(moveOutcome(story, before, after, true)).toEqual({ said: ['The bell dies, mid-ring.', 'The rope sways.'], changes: '+ Bell rope ×2' });
    expect(moveOutcome(story, before, after, false)).toEqual({ said: ['The bell dies, mid-ring.', 'The rope sways.'] });
    expect(moveOutcome(story, undefined, after, true)).toEqual({ said: ['The bell dies, mid-ring.', 'The rope sways.'] });
  });
});

describe("a halfbie's hunger on the changes line", () => {
  const halfbie = { status: [{ who: 'player', status: 'semi-infected' }] } as const;

  it('says how much hunger rose or fell, in whole numbers as the status panel shows it', () => {
    const before = start(story, 1, halfbie);
    // Three hours waited, at 3 an hour.
    expect(changesLine(story, before, step(story, before, 'wait'))).toBe('Hunger +9');
    const player = before.characters.player!;
    const fed = later(before, { characters: { ...before.characters, player: { ...player, hunger: 60 } } });
    expect(changesLine(story, fed, before)).toBe('Hunger −40');
    // 20.4 and 20.6 show as 20 and 21; 20.2 and 20.4 both as 20.
    const at = (hunger: number) => later(before, { characters: { ...before.characters, player: { ...player, hunger } } });
    expect(changesLine(story, at(20.4), at(20.6))).toBe('Hunger +1');
    expect(changesLine(story, at(20.2), at(20.4))).toBeUndefined();
  });

  it('comes after the visible stats, and is left out with the rest of the line when the setting is off', () => {
    const before = start(story, 1, halfbie);
    const player = before.characters.player!;
    const after = later(before, { stats: { ...before.stats, health: 7 }, items: { bell_rope: 1 }, characters: { ...before.characters, player: { ...player, hunger: 32 } } });
    expect(changesLine(story, before, after)).toBe('Health −3 · Hunger +12 · + Bell rope');
    const waited = step(story, before, 'wait');
    expect(moveOutcome(story, before, waited, true).changes).toBe('Hunger +9');
    expect(moveOutcome(story, before, waited, false).changes).toBeUndefined();
  });

  it('is never said for a player who is not a halfbie: the panel shows no hunger then', () => {
    const before = start(story, 1);
    const player = before.characters.player!;
    const hungrier = later(before, { characters: { ...before.characters, player: { ...player, hunger: 30 } } });
    expect(changesLine(story, before, hungrier)).toBeUndefined();
    expect(changesLine(story, before, step(story, before, 'wait'))).toBeUndefined();
  });

  it('is not said as the player becomes a halfbie: the hunger appears in the panel, it did not change', () => {
    const before = start(story, 1);
    const player = before.characters.player!;
    const changed = later(before, { characters: { ...before.characters, player: { ...player, status: 'semi-infected', hunger: 20 } } });
    expect(changesLine(story, before, changed) ?? '').not.toContain('Hunger');
  });
});

describe('what a scene told, shown again (undo, load, --continue)', () => {
  it('is what it told when first shown: the say lines and the changes line of the choice that led there', () => {
    const first = newGame(story, 1);
    const belfry = playChoice(story, first, 'bell');
    const told = moveOutcome(story, first.state, belfry.state, true, 'bell');
    expect(told.changes).toBe('+ Bell rope ×2');
    // Loaded or continued: the game alone, as a save gives it back.
    expect(shownOutcome(story, belfry, true)).toEqual(told);
    // Undone back to it from the next scene.
    const back = rewind(story, playChoice(story, belfry, 'down'), 1);
    expect(shownOutcome(story, back, true)).toEqual(told);
    // Round-tripped through JSON as a save file is.
    expect(shownOutcome(story, JSON.parse(JSON.stringify(belfry)), true)).toEqual(told);
  });

  it('has no changes line at the start of a game, nor when the setting is off', () => {
    const first = newGame(story, 1);
    expect(shownOutcome(story, first, true)).toEqual({ said: ['Ji-woo counts the steps.'] });
    expect(shownOutcome(story, playChoice(story, first, 'bell'), false)).toEqual({ said: ['The bell dies, mid-ring.', 'The rope sways.'] });
  });

  it('uses the state the choice was made in when the caller has it, without replaying', () => {
    const first = newGame(story, 1);
    const belfry = playChoice(story, first, 'bell');
    const fake = later(first.state, { items: { bell_rope: 1 } });
    expect(shownOutcome(story, belfry, true, fake).changes).toBe('+ Bell rope');
  });
});

describe('the status', () => {
  it('lists every item carried, key items first, with counts, and none given away', () => {
    const keyed: Story = { ...story, items: { ...story.items, torch: { label: 'Torch', key: true } } };
    const state = later(start(keyed, 1), { items: { bell_rope: 2, gum: 0, torch: 1 } });
    expect(statusReport(keyed, state).items).toEqual(['Torch', 'Bell rope ×2']);
  });
});

describe('the summary under an ending', () => {
  it('says how long the player lasted by the clock since the start, in units that are true', () => {
    expect(lasted(0)).toBe('less than a minute');
    expect(lasted(45)).toBe('45 minutes');
    expect(lasted(60)).toBe('1 hour');
    expect(lasted(200)).toBe('3 hours, 20 minutes');
    expect(lasted(24 * 60)).toBe('1 day');
    expect(lasted(4 * 24 * 60 + 5 * 60 + 12)).toBe('4 days, 5 hours');
    expect(lasted(243 * 24 * 60)).toBe('about 8 months (243 days)');
  });

  it('matches the state: the time since the start, and only who is in the party, each condition in one pair of brackets', () => {
    const state = later(start(story, 1), {
      time: 2 * 24 * 60 + 90,
      party: ['namra'],
      characters: {
        ...start(story, 1).characters,
        namra: { ...start(story, 1).characters.namra!, status: 'exposed', bitten: true, incubation: { outcome: 'infected', exposedAt: 2 * 24 * 60, resolvesAt: 2 * 24 * 60 + 100, route: 'bite', emotion: 'fear' } },
        woojin: { ...start(story, 1).characters.woojin!, fate: 'lost' },
      },
    });
    const lines = Object.fromEntries(runSummaryLines(runSummary(story, state, [])).map((l) => [l.label, l.text]));
    expect(lines.Survived).toBe('2 days, 1 hour (until Day 3, 19:30)');
    expect(lines['With you']).toBe('Nam-ra (unwell: fever, chills, pale skin, clouded eyes, hunger)');
    expect(lines.Fates).toBe('Woo-jin — lost');
  });

  it('names nobody when the party is empty, whoever was with the player before', () => {
    const state = later(start(story, 1), { party: [] });
    const lines = Object.fromEntries(runSummaryLines(runSummary(story, state, [])).map((l) => [l.label, l.text]));
    expect(lines['With you']).toBe('nobody');
    expect(lines.Fates).toBeUndefined();
  });
});
