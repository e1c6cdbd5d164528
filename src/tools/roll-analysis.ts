/**
 * `check`'s analyses of what a roll shows the player (docs/AUTHORING.md,
 * "Rolls that show nothing" and "Deaths straight from a roll"):
 *
 * - a `chance` or `check` whose branches change the game but show nothing:
 *   a branch that changes something has no `say`, the branches go on to the
 *   same scene, and the roll is not marked `told: next-scene`;
 * - a roll that can lead straight to a death ending: within the one move, a
 *   roll's branch goes to a death ending, or certainly brings health to its
 *   minimum (the `on_death` hook then takes over). (An exposure never turns
 *   the player within the move: the engine shows the next scene first.)
 */
import { isDeathEnding } from '../engine/fates.js';
import type { Effect } from '../engine/effect-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Choice, Scene, Story } from '../engine/story-types.js';
import { RETURN } from '../story/names.js';
import type { Problem } from '../story/problem.js';
import { forEachEffect, scenesInOrder } from '../story/story-facts.js';

type Roll = Extract<Effect, { kind: 'chance' | 'check' }>;

/** Where effects run: a choice, or a scene's `on_enter`. */
interface Site {
  readonly scene: Scene;
  readonly choice?: Choice;
}

function siteName(site: Site): string {
  return site.choice === undefined
    ? `the on_enter of scene '${site.scene.id}'`
    : `choice '${site.choice.id}' in scene '${site.scene.id}'`;
}

function siteSource(site: Site): SourceRef {
  return site.choice?.source ?? site.scene.source;
}

function warning(at: SourceRef, message: string): Problem {
  return { file: at.file, line: at.line, col: at.col, severity: 'warning', message };
}

function rollName(roll: Roll): string {
  return roll.kind === 'chance' ? `chance ${roll.percent}` : `check ${roll.stat}`;
}

// ---------------------------------------------------------------------------
// Rolls that show nothing

/** Warns about every roll whose branches change the game but show the player nothing. */
export function silentRolls(story: Story, problems: Problem[]): void {
  for (const scene of scenesInOrder(story)) {
    const sites: Site[] = [{ scene }, ...scene.choices.map((choice) => ({ scene, choice }))];
    for (const site of sites) {
      const effects = site.choice?.effects ?? scene.onEnter;
      const onward = site.choice === undefined ? scene.id : (site.choice.goto ?? '');
      forEachEffect(effects, (e) => {
        if (e.kind !== 'chance' && e.kind !== 'check') return;
        const silent = silentBranches(e, onward);
        if (silent.length === 0) return;
        problems.push(
          warning(
            e.source ?? siteSource(site),
            `the ${rollName(e)} in ${siteName(site)} changes the game but shows the player nothing: ` +
              `${silent.join('; ')}; add a say to each branch that changes something, ` +
              'or mark the roll told: next-scene if the next scene’s text tells the outcome',
          ),
        );
      });
    }
  }
}

/** What each silent branch of `roll` does, or nothing when the roll shows its outcome. */
function silentBranches(roll: Roll, onward: string): string[] {
  if (roll.told === 'next-scene') return [];
  if (destinations(roll.then, onward) !== destinations(roll.else, onward)) return [];
  const out: string[] = [];
  for (const [name, branch] of [['then', roll.then], ['else', roll.else]] as const) {
    const changes = changesIn(branch);
    if (changes.length === 0 || says(branch)) continue;
    const more = changes.length > 3 ? ', …' : '';
    out.push(`its ${name} branch ${changes.slice(0, 3).join(', ')}${more} and says nothing`);
  }
  return out;
}

/** The scenes a branch may go to (`onward` when it does not redirect), as one comparable string. */
function destinations(branch: readonly Effect[], onward: string): string {
  const scenes = new Set<string>();
  forEachEffect(branch, (e) => {
    if (e.kind === 'goto') scenes.add(e.scene);
  });
  if (scenes.size === 0) scenes.add(onward);
  return JSON.stringify([...scenes].sort());
}

function says(branch: readonly Effect[]): boolean {
  let found = false;
  forEachEffect(branch, (e) => {
    if (e.kind === 'say') found = true;
  });
  return found;
}

/** How each effect in a branch changes the game, in a few words (none for `say`, `goto` and branches themselves). */
function changesIn(branch: readonly Effect[]): string[] {
  const out: string[] = [];
  forEachEffect(branch, (e) => {
    const change = changeOf(e);
    if (change !== undefined && !out.includes(change)) out.push(change);
  });
  return out;
}

function changeOf(e: Effect): string | undefined {
  switch (e.kind) {
    case 'set':
      return `sets ${e.flags.join(', ')}`;
    case 'clear':
      return `clears ${e.flags.join(', ')}`;
    case 'add':
    case 'setStat':
      return `changes ${Object.keys(e.stats).join(', ')}`;
    case 'give':
      return `gives ${e.item}`;
    case 'take':
      return `takes ${e.item}`;
    case 'join':
      return `${e.who} joins`;
    case 'leave':
      return `${e.who} leaves`;
    case 'time':
    case 'skipTime':
      return 'passes time';
    case 'setVar':
      return `sets {${e.name}}`;
    case 'expose':
      return `exposes ${e.who}`;
    case 'feed':
    case 'stress':
      return 'changes hunger';
    case 'cure':
      return `cures ${e.who}`;
    case 'setStatus':
      return `sets ${e.who}'s status`;
    case 'fate':
      return `records ${e.who}'s fate`;
    case 'bond':
      return `changes ${Object.keys(e.changes).join(', ')}'s bond`;
    case 'say':
    case 'goto':
    case 'chance':
    case 'check':
    case 'if':
      return undefined;
    default: {
      const never: never = e;
      return never;
    }
  }
}

// ---------------------------------------------------------------------------
// Deaths straight from a roll

/** What made a path deadly, and where to report it. */
interface Cause {
  readonly site: Site;
  readonly at: SourceRef;
  /** `chance 30`, `check wits`. */
  readonly what: string;
}

/** One way through a move's effects, as far as this analysis cares. */
interface Path {
  /** The last roll on the way. */
  readonly roll?: Cause;
  /** Inside a roll's branch. */
  readonly inRoll?: boolean;
  /** A roll's branch that certainly brings health to its minimum. */
  readonly lethal?: Cause;
  readonly redirect?: string;
}

/** Where one path of a move ends: the scene shown, and how it got there. */
interface Outcome {
  readonly path: Path;
  readonly shown: Scene;
}

// Paths through one list of effects beyond this are not followed: no real scene has so many rolls in a row.
const MAX_PATHS = 256;
// On_enter redirects followed within one move (the engine allows 64; the analysis needs far fewer).
const MAX_HOPS = 16;

const keyOf = (at: SourceRef): string => `${at.file}:${at.line}:${at.col}`;

/** Warns about every choice (or scene entry) that can lead straight to a death ending by a roll. */
export function deathsByRoll(story: Story, problems: Problem[]): void {
  const reported = new Set<string>();
  const report = (cause: Cause, ending: string, how: string): void => {
    const key = `${keyOf(cause.at)}>${ending}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(
      warning(
        cause.at,
        `${siteName(cause.site)} can lead straight to the death ending '${ending}' by a roll: ${how}; ` +
          'show a scene between the roll and the ending (a beat that tells what happened), ' +
          'or warn before the choice is picked (a hint, with requires) and show a scene first',
      ),
    );
  };
  const walker = new MoveWalker(story);
  for (const scene of scenesInOrder(story)) {
    // A scene's own entry (reached from the start, a hook or any choice), then each choice made there.
    judge(story, walker.enter(scene.id, {}, 0), report);
    for (const choice of scene.choices) {
      const outcomes: Outcome[] = [];
      for (const path of walker.walk(choice.effects, {}, { scene, choice })) {
        const to = path.redirect ?? choice.goto;
        if (to !== undefined && to !== RETURN) outcomes.push(...walker.enter(to, { ...path, redirect: undefined }, 0));
      }
      judge(story, outcomes, report);
    }
  }
}

/**
 * Reports the deadly outcomes of one move. A roll is to blame for a death
 * ending only when some other way through the same roll does not end there:
 * a move that dies whatever the dice say is a certain death, not a roll's.
 */
function judge(story: Story, outcomes: readonly Outcome[], report: (cause: Cause, ending: string, how: string) => void): void {
  const endsByRoll = new Map<string, Set<string>>();
  for (const { path, shown } of outcomes) {
    if (path.roll === undefined) continue;
    const key = keyOf(path.roll.at);
    const ends = endsByRoll.get(key) ?? new Set<string>();
    ends.add(isDeathEnding(story, shown) ? shown.id : '');
    endsByRoll.set(key, ends);
  }
  const { on_death: onDeath } = story.hooks;
  for (const { path, shown } of outcomes) {
    if (isDeathEnding(story, shown)) {
      if (path.roll !== undefined && (endsByRoll.get(keyOf(path.roll.at))?.size ?? 0) > 1) {
        report(path.roll, shown.id, `a branch of the ${path.roll.what} goes to it`);
      }
      continue;
    }
    // Hooks never fire in an ending.
    if (shown.ending !== undefined) continue;
    // An exposure cannot turn the player in the move that exposed them: the
    // engine holds the incubation until the next move (isDue in infection.ts).
    if (onDeath !== undefined && path.lethal !== undefined) {
      report(path.lethal, onDeath, `a branch of the ${path.lethal.what} brings health to its minimum (the on_death hook then takes over)`);
    }
  }
}

/** Follows the paths of one move, from effects through the scenes entered, to the scene shown. */
class MoveWalker {
  constructor(private readonly story: Story) {}

  /** Enters a scene: runs its on_enter and follows redirects to the scenes finally shown. */
  enter(id: string, path: Path, hops: number): Outcome[] {
    const scene = this.story.scenes.get(id);
    if (scene === undefined || hops > MAX_HOPS) return [];
    const outcomes: Outcome[] = [];
    for (const after of this.walk(scene.onEnter, path, { scene })) {
      if (after.redirect === undefined) outcomes.push({ path: after, shown: scene });
      else if (after.redirect !== RETURN) outcomes.push(...this.enter(after.redirect, { ...after, redirect: undefined }, hops + 1));
    }
    return outcomes;
  }

  /** Every path through `effects` from `from`. */
  walk(effects: readonly Effect[], from: Path, site: Site): Path[] {
    let paths: Path[] = [from];
    for (const e of effects) {
      const next: Path[] = [];
      for (const path of paths) next.push(...this.step(e, path, site));
      paths = next.length > MAX_PATHS ? next.slice(0, MAX_PATHS) : next;
    }
    return paths;
  }

  private step(e: Effect, path: Path, site: Site): Path[] {
    switch (e.kind) {
      case 'goto':
        return [{ ...path, redirect: e.scene }];
      case 'add':
      case 'setStat':
        return [path.inRoll === true && path.roll !== undefined && path.lethal === undefined && this.lethal(e) ? { ...path, lethal: path.roll } : path];
      case 'chance':
      case 'check': {
        const roll: Cause = { site, at: e.source ?? siteSource(site), what: rollName(e) };
        const inside: Path = { ...path, roll, inRoll: true };
        const back = (p: Path): Path => ({ ...p, inRoll: path.inRoll === true });
        return [...this.walk(e.then, inside, site).map(back), ...this.walk(e.else, inside, site).map(back)];
      }
      case 'if':
        return [...this.walk(e.then, path, site), ...this.walk(e.else, path, site)];
      case 'set':
      case 'clear':
      case 'give':
      case 'take':
      case 'join':
      case 'leave':
      case 'time':
      case 'skipTime':
      case 'expose':
      case 'setVar':
      case 'say':
      case 'feed':
      case 'stress':
      case 'cure':
      case 'setStatus':
      case 'fate':
      case 'bond':
        return [path];
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  /** Whether a stat change certainly brings health to its minimum, from any value. */
  private lethal(e: Extract<Effect, { kind: 'add' | 'setStat' }>): boolean {
    const health = this.story.stats.health;
    const change = e.stats.health;
    // A computed amount depends on the game: not certainly lethal.
    if (health === undefined || change === undefined || typeof change !== 'number') return false;
    return e.kind === 'setStat' ? change <= health.min : change <= health.min - health.max;
  }
}
