/**
 * Starting a new game mid-story, checked against the story: the
 * `--start-at SCENE`, and what the setup options (setup-options.ts) mean:
 * `--set FLAG`, `--clear FLAG`, `--give ITEM[=N]`, `--take ITEM`,
 * `--join CHAR`, `--leave CHAR`, `--stat NAME=N`, `--bond CHAR=N`, `--at "DAY HH:MM"`,
 * `--status WHO=STATUS[:OUTCOME]`, `--var NAME=TEXT` and `--force pass,fail`.
 * `setupFor` checks every name against the story, with a "did you mean",
 * and builds the engine's `Setup`. Every mistake is a `UsageError` (exit
 * status 2). Lists may be given with commas: `--set a,b --force pass,fail`.
 */
import { BOND_MAX, BOND_MIN } from '../engine/bonds.js';
import { formatClock } from '../engine/clock.js';
import { rollNamed } from '../engine/rolls.js';
import { minutesSinceStart, type Setup, type StatusSetup } from '../engine/setup.js';
import type { ExposureOutcome, Roll } from '../engine/state-types.js';
import type { Clock, Story } from '../engine/story-types.js';
import { storyFacts } from '../story/story-facts.js';
import { closest } from '../story/suggest.js';
import { UsageError } from './args.js';
import type { SetupArg, SetupOption } from './setup-options.js';
import { workingStoryHas } from './story-source.js';

/**
 * Refuses a `--start-at` scene the story does not have, suggesting a near
 * miss, or `--story story` when the scene is in the working folder but the
 * game is playing the story it was built with.
 */
export async function checkStartScene(story: Story, scene: string, label: string, builtIn: boolean): Promise<void> {
  if (story.scenes.has(scene)) return;
  if (builtIn && (await workingStoryHas(scene))) {
    throw new UsageError(
      `--start-at: no scene '${scene}' in ${label}, but story/ has it: play your working files with --story story --start-at ${scene}`,
    );
  }
  const guess = closest(scene, story.scenes.keys());
  throw new UsageError(
    `--start-at: no scene '${scene}' in ${label}${guess === undefined ? '' : ` (did you mean ${guess}?)`}`,
  );
}

const STATUSES = ['healthy', 'exposed', 'infected', 'semi-infected', 'immune'] as const;
const OUTCOMES = ['infected', 'semi-infected', 'immune'] as const;

/** The names a story knows, by kind, for checking the options. */
interface Known {
  readonly flag: readonly string[];
  readonly item: readonly string[];
  readonly character: readonly string[];
  readonly who: readonly string[];
  readonly stat: readonly string[];
  /** Characters who have a bond. */
  readonly bonded: readonly string[];
  readonly variable: readonly string[];
}

function knownNames(story: Story): Known {
  const facts = storyFacts(story);
  const sorted = (...lists: Iterable<string>[]) => [...new Set(lists.flatMap((l) => [...l]))].sort();
  const characters = Object.keys(story.characters).sort();
  return {
    // A flag is known when the story documents it, sets it or tests it.
    flag: sorted(Object.keys(story.flags), facts.flagsSet.keys(), facts.tested.flags),
    item: sorted(Object.keys(story.items), facts.startItems, facts.itemsGiven.keys(), facts.tested.items),
    character: characters,
    who: ['player', ...characters],
    stat: Object.keys(story.stats).sort(),
    bonded: characters.filter((c) => story.characters[c]!.bond !== undefined),
    variable: Object.keys(story.vars).sort(),
  };
}

/** The setup the options describe for `story` (`label` names it in messages); a `UsageError` for any mistake. */
export function setupFor(story: Story, args: readonly SetupArg[], label: string): Setup {
  const known = knownNames(story);
  const name = (option: SetupOption, kind: keyof Known, word: string): string => {
    if (known[kind].includes(word)) return word;
    throw new UsageError(`${option}: no ${kindWord(kind)} '${word}' in ${label}${hint(word, known[kind], kind)}`);
  };
  const b = new SetupBuilder();
  for (const { option, value } of args) {
    switch (option) {
      case '--set':
      case '--clear':
        for (const word of listOf(option, value)) b.flag(option, name(option, 'flag', word));
        break;
      case '--give':
        for (const word of listOf(option, value)) {
          const [item, count] = pair(option, word, 'ITEM[=N]', false);
          b.give(name(option, 'item', item), count === undefined ? 1 : wholeCount(option, word, count));
        }
        break;
      case '--take':
        for (const word of listOf(option, value)) b.take(name(option, 'item', word));
        break;
      case '--join':
      case '--leave':
        for (const word of listOf(option, value)) b.party(option, name(option, 'character', word));
        break;
      case '--stat':
        for (const word of listOf(option, value)) {
          const [stat, text] = pair(option, word, 'NAME=N', true);
          b.stat(name(option, 'stat', stat), statValue(story, stat, text));
        }
        break;
      case '--bond':
        for (const word of listOf(option, value)) {
          const [who, text] = pair(option, word, 'CHAR=N', true);
          b.bond(name(option, 'bonded', who), bondValue(who, text));
        }
        break;
      case '--var': {
        const [variable, text] = pair(option, value, 'NAME=TEXT', true);
        if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) throw new UsageError(`--var ${variable}: the text has control characters`);
        b.variable(name(option, 'variable', variable), text);
        break;
      }
      case '--status':
        for (const word of listOf(option, value)) b.status(statusOf(word, (w) => name(option, 'who', w)));
        break;
      case '--at':
        b.at(clockOf(story.clock, value));
        break;
      case '--force':
        for (const word of listOf(option, value)) b.force(rollOf(word));
        break;
      default: {
        const _never: never = option;
        return _never;
      }
    }
  }
  return b.setup();
}

/** Collects the options, refusing two that contradict each other. */
class SetupBuilder {
  private readonly sets = new Map<string, '--set' | '--clear'>();
  private readonly items = new Map<string, number | 'take'>();
  private readonly members = new Map<string, '--join' | '--leave'>();
  private readonly stats = new Map<string, number>();
  private readonly bonds = new Map<string, number>();
  private readonly vars = new Map<string, string>();
  private readonly statuses = new Map<string, StatusSetup>();
  private readonly rolls: Roll[] = [];
  private clock: Clock | undefined;

  flag(option: '--set' | '--clear', flag: string): void {
    const had = this.sets.get(flag);
    if (had !== undefined && had !== option) throw new UsageError(`--set and --clear both name the flag '${flag}'`);
    this.sets.set(flag, option);
  }

  give(item: string, count: number): void {
    const had = this.items.get(item);
    if (had === 'take') throw clash('--give', '--take', 'item', item);
    this.items.set(item, (had ?? 0) + count);
  }

  take(item: string): void {
    if (typeof this.items.get(item) === 'number') throw clash('--give', '--take', 'item', item);
    this.items.set(item, 'take');
  }

  party(option: '--join' | '--leave', who: string): void {
    const had = this.members.get(who);
    if (had !== undefined && had !== option) throw clash('--join', '--leave', 'character', who);
    this.members.set(who, option);
  }

  stat(stat: string, value: number): void {
    const had = this.stats.get(stat);
    if (had !== undefined && had !== value) throw new UsageError(`--stat sets '${stat}' twice (${had} and ${value})`);
    this.stats.set(stat, value);
  }

  bond(who: string, value: number): void {
    const had = this.bonds.get(who);
    if (had !== undefined && had !== value) throw new UsageError(`--bond sets '${who}' twice (${had} and ${value})`);
    this.bonds.set(who, value);
  }

  variable(name: string, value: string): void {
    const had = this.vars.get(name);
    if (had !== undefined && had !== value) throw new UsageError(`--var sets '${name}' twice`);
    this.vars.set(name, value);
  }

  status(status: StatusSetup): void {
    const had = this.statuses.get(status.who);
    if (had !== undefined && JSON.stringify(had) !== JSON.stringify(status)) {
      throw new UsageError(`--status gives '${status.who}' two statuses`);
    }
    this.statuses.set(status.who, status);
  }

  at(clock: Clock): void {
    if (this.clock !== undefined && (this.clock.day !== clock.day || this.clock.minute !== clock.minute)) {
      throw new UsageError('--at sets the clock twice');
    }
    this.clock = clock;
  }

  force(roll: Roll): void {
    this.rolls.push(roll);
  }

  setup(): Setup {
    const flags = (option: '--set' | '--clear') => [...this.sets].filter(([, o]) => o === option).map(([f]) => f);
    const members = (option: '--join' | '--leave') => [...this.members].filter(([, o]) => o === option).map(([w]) => w);
    const give = [...this.items].flatMap(([item, n]) => (n === 'take' ? [] : [{ item, count: n }]));
    const take = [...this.items].flatMap(([item, n]) => (n === 'take' ? [item] : []));
    const parts: Setup = {
      ...(this.clock === undefined ? {} : { at: this.clock }),
      set: flags('--set'),
      clear: flags('--clear'),
      give,
      take,
      join: members('--join'),
      leave: members('--leave'),
      stats: [...this.stats].map(([stat, value]) => ({ stat, value })),
      bonds: [...this.bonds].map(([who, value]) => ({ who, value })),
      vars: [...this.vars].map(([name, value]) => ({ name, value })),
      status: [...this.statuses.values()],
      force: this.rolls,
    };
    // Only the parts given: a save records the setup as it is.
    return Object.fromEntries(
      Object.entries(parts).filter(([, part]) => !Array.isArray(part) || part.length > 0),
    ) as Setup;
  }
}

function clash(a: SetupOption, b: SetupOption, kind: string, name: string): UsageError {
  return new UsageError(`${a} and ${b} both name the ${kind} '${name}'`);
}

/** The words of a comma-separated list (names hold no commas). */
function listOf(option: SetupOption, value: string): string[] {
  const words = value
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  if (words.length === 0) throw new UsageError(`option '${option}' needs a value`);
  return words;
}

/** `NAME=VALUE` split at the first `=`; the value is required when `needsValue`. */
function pair(option: SetupOption, word: string, form: string, needsValue: true): [string, string];
function pair(option: SetupOption, word: string, form: string, needsValue: false): [string, string | undefined];
function pair(option: SetupOption, word: string, form: string, needsValue: boolean): [string, string | undefined] {
  const eq = word.indexOf('=');
  if (eq < 0) {
    if (needsValue) throw new UsageError(`${option} takes ${form}, not '${word}'`);
    return [word, undefined];
  }
  const key = word.slice(0, eq).trim();
  if (key === '') throw new UsageError(`${option} takes ${form}, not '${word}'`);
  return [key, word.slice(eq + 1)];
}

function wholeCount(option: SetupOption, word: string, text: string): number {
  const n = /^\d{1,7}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= 1)) throw new UsageError(`${option} ${word}: the count must be a whole number from 1 to 9999999`);
  return n;
}

function statValue(story: Story, stat: string, text: string): number {
  const value = /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  const def = story.stats[stat]!;
  if (Number.isNaN(value)) throw new UsageError(`--stat ${stat}: '${text}' is not a number`);
  if (value < def.min || value > def.max) {
    throw new UsageError(`--stat ${stat}=${text}: ${stat} goes from ${def.min} to ${def.max}`);
  }
  return value;
}

function bondValue(who: string, text: string): number {
  const value = /^\s*\d{1,2}\s*$/.test(text) ? Number(text) : NaN;
  if (!(value >= BOND_MIN && value <= BOND_MAX)) {
    throw new UsageError(`--bond ${who}=${text}: a bond is a whole number from ${BOND_MIN} to ${BOND_MAX}`);
  }
  return value;
}

/** `WHO=STATUS` or `WHO=exposed:OUTCOME`. */
function statusOf(word: string, who: (w: string) => string): StatusSetup {
  const [name, text] = pair('--status', word, 'WHO=STATUS', true);
  const [status, outcome, ...extra] = text.split(':').map((w) => w.trim());
  const character = who(name);
  if (!isOneOf(status ?? '', STATUSES)) {
    throw new UsageError(`--status ${word}: no status '${status}'${hint(status ?? '', STATUSES, 'status')}`);
  }
  if (outcome === undefined) return { who: character, status } as StatusSetup;
  if (status !== 'exposed' || extra.length > 0) {
    throw new UsageError(`--status ${word}: only 'exposed' takes an outcome (exposed:${OUTCOMES.join('|')})`);
  }
  if (!isOneOf(outcome, OUTCOMES)) {
    throw new UsageError(`--status ${word}: an exposure ends infected, semi-infected or immune, not '${outcome}'`);
  }
  return { who: character, status, outcome: outcome satisfies ExposureOutcome };
}

/** `DAY HH:MM` (also `Day 4, 18:00`, as the game shows it), or `HH:MM` on the story's first day. */
function clockOf(clock: Clock, text: string): Clock {
  const m = /^\s*(?:(?:day\s*)?(\d{1,5})\s*[, ]\s*)?(\d{1,2}):(\d{2})\s*$/i.exec(text);
  const day = m?.[1] === undefined ? clock.day : Number(m[1]);
  const hour = Number(m?.[2]);
  const minute = Number(m?.[3]);
  if (m === null || hour > 23 || minute > 59) {
    throw new UsageError(`--at takes "DAY HH:MM" (for example "4 18:00") or "HH:MM", not '${text}'`);
  }
  const at = { day, minute: hour * 60 + minute };
  if (minutesSinceStart(clock, at) < 0) {
    throw new UsageError(
      `--at: ${formatClock(at, 0)} is before the story's clock starts (${formatClock(clock, 0)})`,
    );
  }
  return at;
}

function rollOf(word: string): Roll {
  const roll = rollNamed(word);
  if (roll === undefined) throw new UsageError(`--force takes pass or fail (then or else), not '${word}'`);
  return roll;
}

function kindWord(kind: keyof Known): string {
  return kind === 'who' ? 'character' : kind === 'bonded' ? 'character with a bond' : kind;
}

/** ` (did you mean x?)`, or the few names there are, or that there are none. */
function hint(word: string, names: readonly string[], kind: string): string {
  const guess = closest(word, names);
  if (guess !== undefined) return ` (did you mean ${guess}?)`;
  const plural =
    kind === 'status' ? 'statuses' : kind === 'bonded' ? 'characters with a bond' : `${kind === 'who' ? 'character' : kind}s`;
  if (names.length === 0) return ` (it has no ${plural})`;
  if (names.length <= 8) return ` (${plural}: ${names.join(', ')})`;
  return '';
}

function isOneOf<T extends string>(text: string, options: readonly T[]): text is T {
  return (options as readonly string[]).includes(text);
}
