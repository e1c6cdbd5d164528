import type { Draft } from 'immer';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { expose, passTime } from '../src/engine/infection.js';
import { DEFAULT_INFECTION_TABLE as T, type InfectionTable } from '../src/engine/infection-table.js';
import { hashUnit } from '../src/engine/rng.js';
import type { Emotion, GameState, Route } from '../src/engine/state-types.js';

/** A bare state with `n` healthy characters of the given immunities. */
function crowd(immunities: readonly number[], rng: number): GameState {
  const characters: GameState['characters'] = {};
  immunities.forEach((immunity, i) => {
    (characters as Record<string, unknown>)[`p${i}`] = { status: 'healthy', immunity, hunger: 0, bitten: false };
  });
  return {
    scene: 'x', chapter: '', turn: 0, time: 0, rng, flags: [], stats: {}, items: {}, party: [],
    vars: {}, visits: {}, characters, said: [],
  };
}

type Tally = { notInfected: number; turnFast: number; turnSlow: number; semi: number; immune: number };

/** Exposes everyone at once, then classifies each by what their incubation became. */
function exposeAll(state: GameState, route: Route, emotion: Emotion, table: InfectionTable = T): Tally {
  const tally: Tally = { notInfected: 0, turnFast: 0, turnSlow: 0, semi: 0, immune: 0 };
  const after = produce(state, (d: Draft<GameState>) => {
    for (const who of Object.keys(d.characters)) expose(d, table, who, route, emotion, undefined);
  });
  const fastLimit = table.incubationMinutes.turnFast[1];
  for (const c of Object.values(after.characters)) {
    const inc = c.incubation;
    if (inc === undefined) tally.notInfected++;
    else if (inc.outcome === 'infected') {
      if (inc.resolvesAt - inc.exposedAt <= fastLimit) tally.turnFast++;
      else tally.turnSlow++;
    } else if (inc.outcome === 'semi-infected') tally.semi++;
    else tally.immune++;
  }
  return tally;
}

/** The documented probabilities for the reference person (immunity 0.5, calm). */
function expected(route: Route): Tally {
  const p = T.transmission[route];
  const w = T.outcomeWeights;
  const total = w.turnFast + w.turnSlow + w.semi + w.immune;
  return {
    notInfected: 1 - p,
    turnFast: (p * w.turnFast) / total,
    turnSlow: (p * w.turnSlow) / total,
    semi: (p * w.semi) / total,
    immune: (p * w.immune) / total,
  };
}

describe('the infection table', () => {
  for (const route of ['bite', 'scratch', 'blood'] as const) {
    it(`reproduces the documented outcomes of 10,000 ${route} exposures within 2 points`, () => {
      const n = 10_000;
      const tally = exposeAll(crowd(Array(n).fill(0.5), 12345), route, 'calm');
      const want = expected(route);
      for (const key of Object.keys(want) as (keyof Tally)[]) {
        expect(Math.abs(tally[key] / n - want[key]), `${route} ${key}`).toBeLessThanOrEqual(0.02);
      }
    });
  }

  it('documents the director’s example: of ten people, five are fine and two turn quickly', () => {
    // A scratch is the mild source; the reference person's numbers.
    expect(expected('scratch')).toEqual({ notInfected: 0.5, turnFast: 0.2, turnSlow: 0.15, semi: 0.05, immune: 0.1 });
  });

  it('gives, over many rooms of ten people with their own immunity, about 5 fine and 2 quick turns', () => {
    const rooms = 2_000;
    let fine = 0;
    let quick = 0;
    for (let room = 0; room < rooms; room++) {
      const people = Array.from({ length: 10 }, (_, i) => hashUnit(room, `p${i}`));
      const t = exposeAll(crowd(people, room * 7919), 'scratch', 'calm');
      fine += t.notInfected;
      quick += t.turnFast;
    }
    expect(fine / rooms).toBeGreaterThan(4.5);
    expect(fine / rooms).toBeLessThan(5.5);
    expect(quick / rooms).toBeGreaterThan(1.5);
    expect(quick / rooms).toBeLessThan(2.5);
  });

  it('lets the emotion at the bite shape the mutation: rage and resolve make more halfbies than fear', () => {
    const n = 5_000;
    const people = Array(n).fill(0.5);
    const fear = exposeAll(crowd(people, 1), 'bite', 'fear');
    const rage = exposeAll(crowd(people, 1), 'bite', 'rage');
    const resolve = exposeAll(crowd(people, 1), 'bite', 'resolve');
    expect(rage.semi).toBeGreaterThan(fear.semi * 3);
    expect(resolve.semi).toBeGreaterThan(fear.semi * 2);
    expect(resolve.immune).toBeGreaterThan(fear.immune);
    expect(fear.turnFast).toBeGreaterThan(rage.turnFast);
  });

  it('lets hidden immunity protect: high-immunity people are infected less and turn less', () => {
    const n = 5_000;
    const low = exposeAll(crowd(Array(n).fill(0.05), 3), 'bite', 'calm');
    const high = exposeAll(crowd(Array(n).fill(0.95), 3), 'bite', 'calm');
    expect(high.notInfected).toBeGreaterThan(low.notInfected);
    expect(high.turnFast + high.turnSlow).toBeLessThan(low.turnFast + low.turnSlow);
    expect(high.immune).toBeGreaterThan(low.immune);
  });

  it('resolves every incubation within its documented range of minutes', () => {
    let s = produce(crowd(Array(2_000).fill(0.5), 99), (d: Draft<GameState>) => {
      for (const who of Object.keys(d.characters)) expose(d, T, who, 'bite', 'calm', undefined);
    });
    for (const c of Object.values(s.characters)) {
      if (c.incubation === undefined) continue;
      const minutes = c.incubation.resolvesAt - c.incubation.exposedAt;
      expect(minutes).toBeGreaterThanOrEqual(T.incubationMinutes.turnFast[0]);
      expect(minutes).toBeLessThanOrEqual(T.incubationMinutes.semi[1]);
    }
    s = produce(s, (d: Draft<GameState>) => {
      d.time = T.incubationMinutes.semi[1] + 1;
      passTime(d, T, d.time);
    });
    expect(Object.values(s.characters).some((c) => c.status === 'exposed')).toBe(false);
  });
});
