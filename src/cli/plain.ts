/**
 * The line-by-line mode: append-only text, no ANSI codes, one numbered choice
 * per line and a `> ` prompt. Used with `--plain` and whenever stdin or stdout
 * is not a terminal (pipes, CI, screen readers). Works on any Readable and
 * Writable pair, so tests drive it in-process; it never loads Ink.
 */

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { choicesOf, isEnded, sceneView, step } from '../engine/index.js';
import type { ChoiceView, GameState, SceneView, Story } from '../engine/index.js';
import { endingBanner, unavailableLabel } from '../ui/labels.js';
import { textWidth, wrapHanging, wrapText } from '../ui/wrap.js';

/** Where plain mode reads and writes, and how. */
export interface PlainIo {
  readonly input: Readable;
  readonly output: Writable;
  /** Repeat each line read, so a piped transcript shows what was typed. */
  readonly echo: boolean;
  /** The terminal's width, when there is one. */
  readonly columns?: number;
}

/** What one game in plain mode reads from and writes to. */
interface Session {
  readonly story: Story;
  readonly lines: LineReader;
  readonly write: (text: string) => void;
  readonly width: number;
  readonly echo: boolean;
}

/** Plays from `state` until an ending, `quit` or the end of input; resolves to the exit code. */
export async function playPlain(story: Story, state: GameState, io: PlainIo): Promise<number> {
  const session: Session = {
    story,
    lines: lineReader(io.input),
    write: (text) => {
      io.output.write(text);
    },
    width: textWidth(io.columns),
    echo: io.echo,
  };
  const { write, width } = session;
  let chapter = '';
  try {
    for (;;) {
      const view = sceneView(story, state);
      if (view.chapter !== '' && view.chapter !== chapter) write(`[${view.chapter}]\n\n`);
      chapter = view.chapter;
      write(sceneText(view, width));
      if (isEnded(story, state)) {
        write(endingText(view, width));
        return 0;
      }
      const choices = choicesOf(story, state);
      if (!choices.some((c) => c.enabled)) {
        write(`There is no way on from here (scene '${view.id}'): the story has a dead end. Please report it.\n`);
        return 1;
      }
      write(choiceText(choices, width));
      const next = await readTurn(session, state, view, choices);
      if (next === 'quit' || next === 'eof') return 0;
      state = next;
      write('\n');
    }
  } finally {
    session.lines.close();
  }
}

/** Reads commands until one moves the game on; the new state, or why play stopped. */
async function readTurn(
  session: Session,
  state: GameState,
  view: SceneView,
  choices: readonly ChoiceView[],
): Promise<GameState | 'quit' | 'eof'> {
  const { story, write, width } = session;
  for (;;) {
    const line = await ask(session, '> ');
    if (line === undefined) return 'eof';
    const command = interpret(line, choices);
    switch (command.kind) {
      case 'quit':
        return 'quit';
      case 'help':
        write(HELP);
        break;
      case 'look':
        write(`\n${sceneText(view, width)}${choiceText(choices, width)}`);
        break;
      case 'invalid':
        write(`${command.message}\n`);
        break;
      case 'choose': {
        const { choice } = command;
        if (choice.input === undefined) return step(story, state, choice.id);
        const answer = await readAnswer(session, choice.input);
        if (answer === undefined) return 'eof';
        return step(story, state, choice.id, answer);
      }
      default: {
        const _never: never = command;
        return _never;
      }
    }
  }
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
  session.write(prompt);
  const line = await session.lines.next();
  // End the prompt's line, so the shell's prompt does not follow it.
  if (line === undefined) session.write('\n');
  else if (session.echo) session.write(`${line}\n`);
  return line;
}

/** What a line typed at the `> ` prompt asks for. */
export type PlainCommand =
  | { readonly kind: 'choose'; readonly choice: ChoiceView }
  | { readonly kind: 'quit' }
  | { readonly kind: 'help' }
  | { readonly kind: 'look' }
  | { readonly kind: 'invalid'; readonly message: string };

/** Interprets one line typed at the prompt against the numbered choices. */
export function interpret(line: string, choices: readonly ChoiceView[]): PlainCommand {
  const text = line.trim().toLowerCase();
  const range = `a number from 1 to ${choices.length}`;
  if (text === 'quit' || text === 'q' || text === 'exit') return { kind: 'quit' };
  if (text === 'help' || text === '?' || text === 'h') return { kind: 'help' };
  if (text === 'look' || text === 'l') return { kind: 'look' };
  if (text === '') return { kind: 'invalid', message: `Type ${range}, or 'help'.` };
  if (!/^\d+$/.test(text)) {
    return { kind: 'invalid', message: `'${shorten(line.trim())}' is not a choice. Type ${range}, or 'help'.` };
  }
  const choice = choices[Number(text) - 1];
  if (choice === undefined) {
    return { kind: 'invalid', message: `There is no choice ${shorten(text)}. Type ${range}.` };
  }
  if (!choice.enabled) {
    const why = choice.hint === undefined ? 'not possible right now' : choice.hint;
    return { kind: 'invalid', message: `You can't choose that: ${why}` };
  }
  return { kind: 'choose', choice };
}

const HELP = `Type the number of a choice and press Enter.
  look   show the scene again
  help   show this help
  quit   leave the game
`;

/** The scene's title underlined with `=`, then its paragraphs, each followed by a blank line. */
function sceneText(view: SceneView, width: number): string {
  let out = `${view.title}\n${'='.repeat(Math.min([...view.title].length, width))}\n\n`;
  for (const paragraph of view.paragraphs) {
    const lines = wrapText(paragraph, width);
    if (lines.length > 0) out += `${lines.join('\n')}\n\n`;
  }
  return out;
}

function choiceText(choices: readonly ChoiceView[], width: number): string {
  let out = '';
  choices.forEach((choice, index) => {
    const prefix = `${index + 1}. `;
    const label = choice.enabled ? choice.text : unavailableLabel(choice);
    out += `${prefix}${wrapHanging(label, width, prefix.length).join('\n')}\n`;
  });
  return out;
}

function endingText(view: SceneView, width: number): string {
  let out = `${endingBanner(view.ending)}\n`;
  const summary = view.ending?.summary;
  if (summary !== undefined && summary.trim() !== '') out += `\n${wrapText(summary, width).join('\n')}\n`;
  return out;
}

/** Drops control characters so a typed answer cannot smuggle terminal escapes into the story. */
function cleanAnswer(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
}

function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

/** Pulls one line at a time from a stream; `next()` is undefined at the end of input. */
interface LineReader {
  next(): Promise<string | undefined>;
  close(): void;
}

function lineReader(input: Readable): LineReader {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const iterator = rl[Symbol.asyncIterator]();
  return {
    async next() {
      const result = await iterator.next();
      return result.done === true ? undefined : result.value;
    },
    close() {
      rl.close();
    },
  };
}
