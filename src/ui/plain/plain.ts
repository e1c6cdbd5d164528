/**
 * The line-by-line mode: append-only text, no ANSI codes, one numbered choice
 * per line and a `> ` prompt. Used with `--plain` and whenever stdin or stdout
 * is not a terminal (pipes, CI, screen readers). Works on any Readable and
 * Writable pair, so tests drive it in-process; it never loads Ink.
 *
 * Besides choice numbers it reads a few words: `save [slot]`, `load SLOT`,
 * `undo`, `status`, `saves`, `look`, `changes on|off`, `force pass|fail`, `help` and `quit`. Every choice is
 * autosaved, and so is the game when the input ends.
 */

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { choicesOf, isEnded, sceneView } from '../../engine/index.js';
import type { ChoiceView, GameState, Roll, Story } from '../../engine/index.js';
import { forceNextRolls, playChoice, rewind, type SavedGame } from '../../saves/game.js';
import { shownOutcome } from '../changes.js';
import { plural } from '../labels.js';
import { DEFAULT_SETTINGS, type GameStart, type PlayPorts, type Settings, type StoryChange } from '../ports.js';
import { reloadGame } from '../reload.js';
import { textWidth } from '../wrap.js';
import { printableText } from '../typed-text.js';
import { AT_AN_ENDING, interpret, HELP } from './plain-commands.js';
import { choiceText, endingText, outcomeText, sceneText, statHelpText, statusBlock } from './scene-text.js';

export { interpret, type PlainCommand } from './plain-commands.js';

/** Where plain mode reads and writes, and how. */
export interface PlainIo {
  readonly input: Readable;
  readonly output: Writable;
  /** Repeat each line read, so a piped transcript shows what was typed. */
  readonly echo: boolean;
  /** The terminal's width, when there is one. */
  readonly columns?: number;
  /** A copy of everything shown and typed (`--transcript`); the command line opens the file. */
  readonly transcript?: { write(text: string): void };
  /** Ending scenes found in earlier games of this story. */
  readonly found?: readonly string[];
  /** The player's settings (plain mode uses "Show what changed"); the defaults when absent. */
  readonly settings?: Settings;
  /** Aborted when the player presses Ctrl+C: the game is saved and left as at the end of input. */
  readonly interrupt?: AbortSignal;
}

/** One game in plain mode: what it reads and writes, and where it is. */
interface Session {
  story: Story;
  game: SavedGame;
  found: readonly string[];
  chapter: string;
  settings: Settings;
  readonly ports: PlayPorts;
  readonly lines: LineReader;
  readonly write: (text: string) => void;
  readonly transcribe: (text: string) => void;
  readonly width: number;
  readonly echo: boolean;
}

/** The slot `save` writes to when no name is given. */
export const QUICK_SLOT = 'quicksave';

/**
 * Plays from `start` until `quit`, a dead end or the end of input; resolves
 * to the exit code (1 only for a story with a dead end). At an ending it
 * keeps reading, so `undo` and `load` still work; the end of input leaves.
 */
export async function playPlain(story: Story, start: GameStart, ports: PlayPorts, io: PlainIo): Promise<number> {
  const transcribe = (text: string) => io.transcript?.write(text);
  const session: Session = {
    story,
    game: start.game,
    found: io.found ?? [],
    chapter: '',
    settings: io.settings ?? DEFAULT_SETTINGS,
    ports,
    lines: lineReader(io.input, io.interrupt),
    write: (text) => {
      io.output.write(text);
      transcribe(text);
    },
    transcribe,
    width: textWidth(io.columns),
    echo: io.echo,
  };
  const stopWatching = ports.watchStory?.((change) => storyChanged(session, change));
  try {
    for (const notice of start.notices) session.write(`[${notice}]\n\n`);
    show(session, 'told');
    for (;;) {
      const outcome = await turn(session);
      if (outcome === 'continue') continue;
      await ports.leave(session.game);
      return outcome === 'dead-end' ? 1 : 0;
    }
  } finally {
    stopWatching?.();
    session.lines.close();
  }
}

/**
 * Prints what the last move told the player (unless `told` is 'quiet': the
 * scene shown again), the scene the game is in, then its ending if it is one
 * (recorded as found at once, even one with a way on), then its choices.
 * `before` is the state the choice was made in, for the changes line;
 * without it (undo, load, a continued game) the line is the one the scene
 * had when first shown.
 */
function show(session: Session, told: 'told' | 'quiet', before?: GameState): void {
  const { story, game, write, width } = session;
  const view = sceneView(story, game.state);
  if (told === 'told') write(outcomeText(shownOutcome(story, game, session.settings.showChanges, before), width));
  if (view.chapter !== '' && view.chapter !== session.chapter) write(`[${view.chapter}]\n\n`);
  session.chapter = view.chapter;
  write(sceneText(view, width));
  if (view.ending !== undefined) {
    if (!session.found.includes(view.id)) {
      session.found = [...session.found, view.id];
      session.ports.endingFound(view.id);
    }
    write(endingText(story, game.state, view, session.found, width));
    write('\n');
  }
  if (isEnded(story, game.state)) {
    write(`${AT_AN_ENDING}\n`);
    return;
  }
  const choices = choicesOf(story, game.state);
  if (!choices.some((c) => c.enabled)) {
    write(`There is no way on from here (scene '${view.id}'): the story has a dead end. Please report it.\n`);
    return;
  }
  write(choiceText(choices, width));
}

/** Reads and carries out one line; whether to go on, or why play stopped. */
async function turn(session: Session): Promise<'continue' | 'quit' | 'eof' | 'dead-end'> {
  const { story, game } = session;
  const ended = isEnded(story, game.state);
  const choices = ended ? [] : choicesOf(story, game.state);
  if (!ended && !choices.some((c) => c.enabled)) return 'dead-end';
  const line = await ask(session, '> ');
  if (line === undefined) return 'eof';
  // The story may have been reloaded while the line was typed; read it against what is shown now.
  const current = isEnded(session.story, session.game.state) ? [] : choicesOf(session.story, session.game.state);
  const command = interpret(line, current, isEnded(session.story, session.game.state));
  const { write, width } = session;
  switch (command.kind) {
    case 'quit':
      return 'quit';
    case 'help':
      write(HELP + statHelpText(session.story, session.game.state, width));
      return 'continue';
    case 'new':
      session.game = session.ports.newGame().game;
      session.chapter = '';
      write('\n[A new game. The last one is saved; load it to go back.]\n\n');
      show(session, 'quiet');
      return 'continue';
    case 'delete':
      await deleteSave(session, command.slot);
      return 'continue';
    case 'look':
      write('\n');
      show(session, 'quiet');
      return 'continue';
    case 'changes':
      changeSetting(session, command.show);
      return 'continue';
    case 'status':
      write(statusBlock(session.story, session.game.state, width));
      return 'continue';
    case 'invalid':
      write(`${command.message}\n`);
      return 'continue';
    case 'save': {
      const result = await session.ports.save(command.slot ?? QUICK_SLOT, session.game);
      write(`${result.message}\n`);
      return 'continue';
    }
    case 'load':
      await load(session, command.slot);
      return 'continue';
    case 'saves':
      await listSaves(session);
      return 'continue';
    case 'undo':
      await undo(session, command.count);
      return 'continue';
    case 'packs':
      await listPacks(session);
      return 'continue';
    case 'pack':
      write(`${session.ports.switchPack === undefined ? 'Packs cannot be switched here.' : await session.ports.switchPack(command.id, command.on)}\n`);
      return 'continue';
    case 'force':
      session.game = forceNextRolls(session.game, command.rolls);
      write(`${forcedNote(session.game.state.forced ?? [])}\n`);
      return 'continue';
    case 'choose':
      await choose(session, command.choice, command.index);
      return 'continue';
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

/** Makes a choice (asking for its answer first if it needs one), autosaves and shows where it led. */
async function choose(session: Session, choice: ChoiceView, index: number): Promise<void> {
  let answer: string | undefined;
  if (choice.input !== undefined) {
    answer = await readAnswer(session, choice.input);
    if (answer === undefined) return;
  }
  const before = session.game;
  try {
    session.game = playChoice(session.story, before, choice.id, answer);
  } catch (error) {
    session.write(`The story failed here (${error instanceof Error ? error.message : String(error)}). Please report it.\n`);
    return;
  }
  const label = `${index + 1}. ${choice.text}${answer === undefined ? '' : `: ${answer}`}`;
  const problem = await session.ports.chose(session.game, label);
  session.write('\n');
  if (problem !== undefined) session.write(`[${problem}]\n\n`);
  show(session, 'told', before.state);
}

/** Turns the changes line on or off (`changes on|off`, or `changes` to flip it); kept between games. */
function changeSetting(session: Session, show: boolean | undefined): void {
  const showChanges = show ?? !session.settings.showChanges;
  session.settings = { ...session.settings, showChanges };
  session.ports.settingsChanged(session.settings);
  session.write(`Show what changed: ${showChanges ? 'on' : 'off'} (kept for later games).\n`);
}

/** `[Forced: the next 2 rolls will pass, then fail.]`: the whole queue, what was forced before included. */
function forcedNote(queue: readonly Roll[]): string {
  const next = queue.length === 1 ? 'the next roll' : `the next ${queue.length} rolls`;
  return `[Forced: ${next} will ${queue.join(', then ')}.]`;
}

async function undo(session: Session, count: number): Promise<void> {
  const made = session.game.history.length;
  if (made === 0) {
    session.write('There is no choice to undo yet.\n');
    return;
  }
  const steps = Math.min(count, made);
  session.game = rewind(session.story, session.game, steps);
  const problem = await session.ports.rewound(session.game);
  session.write(`\n[Went back ${plural(steps, 'choice')}.]\n\n`);
  if (problem !== undefined) session.write(`[${problem}]\n\n`);
  show(session, 'told');
}

async function load(session: Session, slot: string): Promise<void> {
  const loaded = await session.ports.load(slot);
  if (typeof loaded === 'string') {
    session.write(`${loaded}\n`);
    return;
  }
  session.game = loaded.game;
  session.write(`\n[Loaded "${slot}".]\n\n`);
  for (const notice of loaded.notices) session.write(`[${notice}]\n\n`);
  show(session, 'told');
}

/** Deletes a save once the player has said yes to it. */
async function deleteSave(session: Session, slot: string): Promise<void> {
  // Asking "delete it?" about a save that is not there, then "Kept" it, would tell the player it exists.
  const saves = await session.ports.listSaves();
  if (typeof saves !== 'string' && !saves.some((s) => s.slot === slot)) {
    session.write(`There is no save "${slot}". Type 'saves' to list them.\n`);
    return;
  }
  const answer = await ask(session, `Delete the save "${slot}" and its backup? Type yes to delete it: `);
  if (answer === undefined || !/^\s*y(es)?\s*$/i.test(answer)) {
    session.write(`Kept "${slot}".\n`);
    return;
  }
  session.write(`${(await session.ports.deleteSave(slot)).message}\n`);
}

async function listPacks(session: Session): Promise<void> {
  const lines = (await session.ports.listPacks?.()) ?? 'Packs cannot be listed here.';
  session.write(typeof lines === 'string' ? `${lines}\n` : `${lines.join('\n')}\n`);
}

async function listSaves(session: Session): Promise<void> {
  const saves = await session.ports.listSaves();
  if (typeof saves === 'string') {
    session.write(`${saves}\n`);
    return;
  }
  if (saves.length === 0) {
    session.write('There are no saved games yet.\n');
    return;
  }
  for (const s of saves) {
    const where = [s.sceneTitle, s.chapter, s.clock, s.savedAt].filter((x) => x !== '').join(' · ');
    session.write(`  ${s.slot}: ${where}${s.note === undefined ? '' : ` (${s.note})`}\n`);
  }
}

/** Applies a reload of the watched story at once, and shows where the player now is. */
function storyChanged(session: Session, change: StoryChange): void {
  if (change.kind === 'broken') {
    session.write(`\n[${change.message}]\n> `);
    return;
  }
  const reloaded = reloadGame(change.story, session.game);
  if ('failed' in reloaded) {
    session.write(`\n[Not reloaded: ${reloaded.failed}.]\n> `);
    return;
  }
  session.story = change.story;
  session.game = reloaded.game;
  session.write(`\n[${reloaded.notice}]\n\n`);
  show(session, 'quiet');
  session.write('> ');
}

/** Asks for a choice's free-text answer until one fits; undefined at the end of input. */
async function readAnswer(session: Session, input: NonNullable<ChoiceView['input']>): Promise<string | undefined> {
  for (;;) {
    const line = await ask(session, `${input.prompt} `);
    if (line === undefined) return undefined;
    const answer = cleanAnswer(line);
    if (answer === '') session.write(`Type an answer (up to ${input.maxLength} characters) and press Enter.\n`);
    else if ([...answer].length > input.maxLength) {
      session.write(`That is too long: ${input.maxLength} characters at most.\n`);
    } else return answer;
  }
}

/** Writes a prompt and reads one line (echoed when asked to); undefined at the end of input. */
async function ask(session: Session, prompt: string): Promise<string | undefined> {
  // Input that ended while an answer was being asked for (Ctrl+C at "Your given name:") gets no prompt it cannot answer.
  if (session.lines.ended()) return undefined;
  session.write(prompt);
  const line = await session.lines.next();
  // End the prompt's line, so the shell's prompt does not follow it.
  if (line === undefined) session.write('\n');
  else if (session.echo) session.write(`${line}\n`);
  // A terminal echoes what is typed itself; the transcript still needs it.
  else session.transcribe(`${line}\n`);
  return line;
}

/** Only printable text, so a typed answer cannot smuggle terminal escapes or broken bytes into the story. */
function cleanAnswer(line: string): string {
  return printableText(line).trim();
}

/** Pulls one line at a time from a stream; `next()` is undefined at the end of input. */
interface LineReader {
  next(): Promise<string | undefined>;
  /** `next()` has said the input is over: every later call says so too. */
  ended(): boolean;
  close(): void;
}

function lineReader(input: Readable, interrupt: AbortSignal | undefined): LineReader {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const iterator = rl[Symbol.asyncIterator]();
  // Ctrl+C ends the input as its end would; every line after it is left unread.
  const interrupted = new Promise<undefined>((resolve) => {
    if (interrupt?.aborted === true) resolve(undefined);
    interrupt?.addEventListener('abort', () => resolve(undefined), { once: true });
  });
  let over = false;
  return {
    async next() {
      if (over || interrupt?.aborted === true) return undefined;
      const result = await Promise.race([iterator.next(), interrupted]);
      if (result === undefined || result.done === true) {
        over = true;
        return undefined;
      }
      return result.value;
    },
    ended() {
      return over;
    },
    close() {
      rl.close();
    },
  };
}
