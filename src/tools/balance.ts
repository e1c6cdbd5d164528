/**
 * `randomtest --stats`: the balance report. Each time a game enters an
 * ending scene (one that leads on included, at the moment it is reached;
 * once per game and ending), the state is tallied for that ending: every
 * stat and counter, the player's hunger and each bond, as counts of games
 * by value, and each character's place (with the player, turned, gone).
 *
 * Tallies are counts, so parts played on any worker merge in any order to
 * the same whole: a seed gives the same report whatever the worker count.
 * Nothing here runs unless `--stats` asks for it.
 */
import { BOND_MAX, BOND_MIN, bondOf } from '../engine/bonds.js';
import type { Fate, GameState } from '../engine/state-types.js';
import type { Story } from '../engine/story-types.js';

/** A stat's values at an ending: `[value, games]` pairs, by value. */
type Counts = [value: number, games: number][];

/** What the games that reached one ending had. */
interface EndingTally {
  games: number;
  /** Per stat key (see `statKeys`): how many games had each value. */
  stats: Record<string, Counts>;
  /** Per character: in how many games they were with the player, turned, or gone. */
  characters: Record<string, CharacterPlaces>;
}

/** Counts (in a tally) or shares of games (in the report) for one character. */
export interface CharacterPlaces {
  /** In the party. */
  readonly withPlayer: number;
  /** Turned: infected, or given a fate that means they turned (`killed`, `killed-by-you`, `lost`). */
  readonly turned: number;
  /** Not turned, and dead or left (`fate` `dead` or `left`), so not with the player. */
  readonly gone: number;
}

/** The balance tallies of some batches of games, by ending id; plain data, so workers can send it. */
export type BalancePart = Readonly<Record<string, EndingTally>>;

/** One stat at one ending. `atMin`/`atMax` are shares (0–1) of the games at the stat's own bounds. */
export interface StatSpread {
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
  readonly atMin: number;
  readonly atMax: number;
}

/** What the games reaching one ending had. */
export interface EndingBalance {
  readonly games: number;
  /** Per stat: each stat and counter by id, `hunger`, and `bond:ID` for each bonded character. */
  readonly stats: Readonly<Record<string, StatSpread>>;
  /** Per character: shares (0–1) of these games. */
  readonly characters: Readonly<Record<string, CharacterPlaces>>;
}

/** `--json`'s `stats`. */
export interface BalanceReport {
  /** Every ending reached, by id. */
  readonly byEnding: Readonly<Record<string, EndingBalance>>;
  /**
   * The endings of each group taken together, by the group's name: the part
   * of an ending id before its first dot (`s1` for `s1.end-dead`); endings
   * without a dot are in no group. A game counts once for each ending of the
   * group it reached (in a story whose endings that lead on cross groups, as
   * Season 1's lead into Season 2, that is once per group).
   */
  readonly byGroup: Readonly<Record<string, EndingBalance>>;
  /** How many games reached each ending (endings that lead on included). */
  readonly endings: Readonly<Record<string, number>>;
}

const TURNED_FATES: ReadonlySet<Fate> = new Set(['killed', 'killed-by-you', 'lost']);
const GONE_FATES: ReadonlySet<Fate> = new Set(['dead', 'left']);

/** The key of a bond in a report's `stats`: `bond:onjo` (`:` is in no stat's name). */
export function bondKey(who: string): string {
  return `bond:${who}`;
}

/** What the report measures: its key, its label for people, its bounds, and how to read it. */
interface Measure {
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly read: (state: GameState) => number;
}

// A story never changes once loaded, so its measures are worked out once.
const measuresByStory = new WeakMap<Story, readonly Measure[]>();

/** Every stat and counter in the story's order, then hunger, then each bond. */
function measuresOf(story: Story): readonly Measure[] {
  let measures = measuresByStory.get(story);
  if (measures !== undefined) return measures;
  const list: Measure[] = Object.entries(story.stats).map(([id, def]) => ({
    key: id,
    label: def.label,
    min: def.min,
    max: def.max,
    read: (s: GameState) => s.stats[id] ?? def.start,
  }));
  list.push({
    key: 'hunger',
    label: 'Hunger',
    min: 0,
    max: story.infection.hunger.max,
    // As the status panel shows it: a whole number.
    read: (s) => Math.round(s.characters.player?.hunger ?? 0),
  });
  for (const [id, def] of Object.entries(story.characters)) {
    if (def.bond === undefined) continue;
    list.push({ key: bondKey(id), label: `${def.name} (bond)`, min: BOND_MIN, max: BOND_MAX, read: (s) => bondOf(s, id) });
  }
  measures = list;
  measuresByStory.set(story, measures);
  return measures;
}

/** Tallies one batch's games at the endings they reach. */
export class BalanceTally {
  private readonly endings = new Map<string, { games: number; stats: Map<string, Map<number, number>>; characters: Map<string, [number, number, number]> }>();
  private game = -1;
  private readonly seen = new Set<string>();

  /** Looks at a game's state after a move (or its start): tallied if it is in an ending this game has not reached before. */
  observe(story: Story, state: GameState, game: number): void {
    if (story.scenes.get(state.scene)?.ending === undefined) return;
    if (game !== this.game) {
      this.game = game;
      this.seen.clear();
    }
    if (this.seen.has(state.scene)) return;
    this.seen.add(state.scene);
    let tally = this.endings.get(state.scene);
    if (tally === undefined) {
      tally = { games: 0, stats: new Map(), characters: new Map() };
      this.endings.set(state.scene, tally);
    }
    tally.games++;
    for (const m of measuresOf(story)) {
      let counts = tally.stats.get(m.key);
      if (counts === undefined) tally.stats.set(m.key, (counts = new Map()));
      const v = m.read(state);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const id of Object.keys(story.characters)) {
      let places = tally.characters.get(id);
      if (places === undefined) tally.characters.set(id, (places = [0, 0, 0]));
      const place = placeOf(state, id);
      if (place !== undefined) places[place]++;
    }
  }

  /** The tallies as plain data. */
  part(): BalancePart {
    const out: Record<string, EndingTally> = {};
    for (const [id, t] of this.endings) {
      const stats: Record<string, Counts> = {};
      for (const [key, counts] of t.stats) stats[key] = [...counts].sort((a, b) => a[0] - b[0]);
      const characters: Record<string, CharacterPlaces> = {};
      for (const [who, [withPlayer, turned, gone]] of t.characters) characters[who] = { withPlayer, turned, gone };
      out[id] = { games: t.games, stats, characters };
    }
    return out;
  }
}

/** Where a character is at an ending: 0 with the player, 1 turned, 2 gone, or none of these. */
function placeOf(state: GameState, who: string): 0 | 1 | 2 | undefined {
  if (state.party.includes(who)) return 0;
  const c = state.characters[who];
  if (c === undefined) return undefined;
  if (c.status === 'infected' || (c.fate !== undefined && TURNED_FATES.has(c.fate))) return 1;
  return c.fate !== undefined && GONE_FATES.has(c.fate) ? 2 : undefined;
}

/** Adds up balance parts (any order gives the same whole); undefined when no part has one. */
export function mergeBalance(parts: readonly (BalancePart | undefined)[]): BalancePart | undefined {
  const present = parts.filter((p): p is BalancePart => p !== undefined);
  if (present.length === 0) return undefined;
  const out: Record<string, EndingTally> = {};
  for (const part of present) {
    for (const [id, t] of Object.entries(part)) {
      const into = (out[id] ??= { games: 0, stats: {}, characters: {} });
      into.games += t.games;
      for (const [key, counts] of Object.entries(t.stats)) into.stats[key] = addCounts(into.stats[key] ?? [], counts);
      for (const [who, p] of Object.entries(t.characters)) {
        const had = into.characters[who] ?? { withPlayer: 0, turned: 0, gone: 0 };
        into.characters[who] = { withPlayer: had.withPlayer + p.withPlayer, turned: had.turned + p.turned, gone: had.gone + p.gone };
      }
    }
  }
  return out;
}

function addCounts(a: Counts, b: Counts): Counts {
  const sum = new Map<number, number>(a);
  for (const [v, n] of b) sum.set(v, (sum.get(v) ?? 0) + n);
  return [...sum].sort((x, y) => x[0] - y[0]);
}

/** The report: for each ending, each stat's spread and each character's shares, and the games per ending. */
export function balanceReport(story: Story, part: BalancePart): BalanceReport {
  const ids = Object.keys(part).sort();
  const byEnding: Record<string, EndingBalance> = {};
  const endings: Record<string, number> = {};
  const groups = new Map<string, EndingTally[]>();
  for (const id of ids) {
    const t = part[id]!;
    byEnding[id] = endingBalance(story, t);
    endings[id] = t.games;
    const group = groupOf(id);
    if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), t]);
  }
  const byGroup: Record<string, EndingBalance> = {};
  for (const [group, tallies] of groups) {
    // Every ending's tally filed under the one key, so that merging adds their raw counts: a group's median is one of games.
    const whole = mergeBalance(tallies.map((t) => ({ [group]: t })))!;
    byGroup[group] = endingBalance(story, whole[group]!);
  }
  return { byEnding, byGroup, endings };
}

/** The group of an ending id: the part before its first dot, if it has one. */
export function groupOf(id: string): string | undefined {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(0, dot) : undefined;
}

/** The report's figures for one tally: each stat's spread and each character's shares of its games. */
function endingBalance(story: Story, t: EndingTally): EndingBalance {
  const stats: Record<string, StatSpread> = {};
  for (const m of measuresOf(story)) stats[m.key] = spread(t.stats[m.key] ?? [], t.games, m);
  const characters: Record<string, CharacterPlaces> = {};
  for (const who of Object.keys(story.characters)) {
    const p = t.characters[who] ?? { withPlayer: 0, turned: 0, gone: 0 };
    characters[who] = { withPlayer: share(p.withPlayer, t.games), turned: share(p.turned, t.games), gone: share(p.gone, t.games) };
  }
  return { games: t.games, stats, characters };
}

/** A stat's spread over `games` games from its counts. Percentiles are nearest-rank: each is a value some game had. */
function spread(counts: Counts, games: number, bounds: Pick<Measure, 'min' | 'max'>): StatSpread {
  const at = (p: number): number => {
    const rank = Math.max(1, Math.ceil(p * games));
    let seen = 0;
    for (const [v, n] of counts) {
      seen += n;
      if (seen >= rank) return v;
    }
    return counts[counts.length - 1]?.[0] ?? 0;
  };
  const atMin = counts.reduce((n, [v, c]) => (v <= bounds.min ? n + c : n), 0);
  const atMax = counts.reduce((n, [v, c]) => (v >= bounds.max ? n + c : n), 0);
  return {
    min: counts[0]?.[0] ?? 0,
    p10: at(0.1),
    median: at(0.5),
    p90: at(0.9),
    max: counts[counts.length - 1]?.[0] ?? 0,
    atMin: share(atMin, games),
    atMax: share(atMax, games),
  };
}

/** `n / games`, to four decimals. */
function share(n: number, games: number): number {
  return games === 0 ? 0 : Math.round((n / games) * 10_000) / 10_000;
}

/** The report as text for people: a table per ending, the most reached first. */
export function balanceLines(story: Story, report: BalanceReport): string[] {
  const out = [
    'Balance at the endings (an ending that leads on counts when it is reached):',
    '  p10, med, p90: the value 10%, half, 90% of the games had or less; at min, at max: games at the stat’s bounds',
  ];
  const ordered = Object.entries(report.byEnding).sort(([a, x], [b, y]) => y.games - x.games || (a < b ? -1 : 1));
  const measures = measuresOf(story);
  const labelWidth = Math.max(12, ...measures.map((m) => m.label.length), ...Object.values(story.characters).map((c) => c.name.length));
  const row = (cells: readonly string[], widths: readonly number[]) =>
    `    ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  const statWidths = [labelWidth, 4, 4, 4, 4, 4, 6, 6];
  const characterWidths = [labelWidth, 8, 6, 4];
  const table = (heading: string, e: EndingBalance) => {
    out.push('', heading);
    out.push(row(['stat', 'min', 'p10', 'med', 'p90', 'max', 'at min', 'at max'], statWidths));
    for (const m of measures) {
      const s = e.stats[m.key];
      if (s === undefined) continue;
      out.push(row([m.label, ...[s.min, s.p10, s.median, s.p90, s.max].map(String), percent(s.atMin), percent(s.atMax)], statWidths));
    }
    const people = Object.entries(e.characters).filter(([, p]) => p.withPlayer + p.turned + p.gone > 0);
    if (people.length === 0) return;
    out.push(row(['character', 'with you', 'turned', 'gone'], characterWidths));
    for (const [who, p] of people) {
      out.push(row([story.characters[who]?.name ?? who, percent(p.withPlayer), percent(p.turned), percent(p.gone)], characterWidths));
    }
  };
  // The groups first: "all of Season 1's endings" is what a balance target speaks of.
  for (const [group, e] of Object.entries(report.byGroup).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const count = Object.keys(report.byEnding).filter((id) => groupOf(id) === group).length;
    table(`  All ${plural(count, 'ending')} ${group}.* together: ${plural(e.games, 'game')}`, e);
  }
  for (const [id, e] of ordered) {
    const title = story.scenes.get(id)?.ending?.title;
    table(`  ${id}${title === undefined ? '' : ` (${title})`}: ${plural(e.games, 'game')}`, e);
  }
  return out;
}

/** A share as a whole percentage, never rounding a few games to 0% or all but a few to 100%. */
function percent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share > 0.995) return '>99%';
  return `${Math.round(share * 100)}%`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
