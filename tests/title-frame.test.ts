/**
 * The title screen is painted before Ink loads (src/ui/ink/title.ts), and Ink's
 * first frame is drawn over it. If the two differed, the player would see
 * the screen jump; these tests run the built game in a real pseudo-terminal
 * and compare the two frames cell by cell, styles included.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PtyProcess } from '../bench/pty.js';
import { titleFrame } from '../src/ui/ink/title.js';
import { cli, ensureBuilt, playerEnv as builtGameEnv, root } from './helpers/built-game.js';

const ESC = '\u001B';
const PAINT = `${ESC}[?1049h${ESC}[?7l${ESC}[H${ESC}[?25l`;
const HOME = `${ESC}[H`;

/** One character on the screen and how it is drawn. */
interface Cell {
  readonly ch: string;
  readonly style: string;
}

/**
 * What a terminal shows for `text` drawn from the top left: lines of styled
 * cells. Understands the SGR codes the game uses (bold, dim, colours, resets)
 * and ignores other control sequences (cursor, modes) and carriage returns.
 */
function cells(text: string): Cell[][] {
  const lines: Cell[][] = [[]];
  let bold = false;
  let dim = false;
  let fg = 'default';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ESC) {
      const m = /^\[([?0-9;]*)([ -/]*[@-~])/.exec(text.slice(i + 1));
      if (m === null) throw new Error(`unexpected escape at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
      if (m[2] === 'm' && !m[1]!.startsWith('?')) {
        for (const code of (m[1] === '' ? '0' : m[1]!).split(';').map(Number)) {
          if (code === 0) [bold, dim, fg] = [false, false, 'default'];
          else if (code === 1) bold = true;
          else if (code === 2) dim = true;
          else if (code === 22) [bold, dim] = [false, false];
          else if (code === 39) fg = 'default';
          else if (code >= 30 && code <= 37) fg = String(code);
          else if (code >= 90 && code <= 97) fg = String(code);
        }
      }
      i += m[0].length;
      continue;
    }
    if (c === '\r') continue;
    if (c === '\n') {
      lines.push([]);
      continue;
    }
    lines.at(-1)!.push({ ch: c, style: `${bold ? 'b' : ''}${dim ? 'd' : ''}${fg}` });
  }
  return lines;
}

/** The screen as lines, each run of one style written `<style>text</>` (plain text unmarked). */
function render(text: string): string[] {
  return cells(text).map((line) => {
    let out = '';
    let style = 'default';
    for (const cell of line) {
      if (cell.style !== style) {
        out += `${style === 'default' ? '' : '</>'}${cell.style === 'default' ? '' : `<${cell.style}>`}`;
        style = cell.style;
      }
      out += cell.ch;
    }
    return out + (style === 'default' ? '' : '</>');
  });
}

function textOf(lines: readonly string[]): string {
  return lines.join('\n').replace(/<\/?[a-z0-9]*>/g, '');
}

let saveDir: string;
const playerEnv = (extra: NodeJS.ProcessEnv = {}) => builtGameEnv(saveDir, extra);

beforeAll(ensureBuilt);

beforeEach(async () => {
  saveDir = await mkdtemp(join(tmpdir(), 'hyosan-title-'));
});

afterEach(async () => {
  await rm(saveDir, { recursive: true, force: true });
});

/** The frame painted before Ink, and Ink's first frame, from a real start of the game. */
async function bothFrames(columns: number, env: NodeJS.ProcessEnv = {}): Promise<{ painted: string; ink: string }> {
  const pty = new PtyProcess([process.execPath, cli, '--seed', '1'], playerEnv(env), root, {
    columns,
  });
  try {
    const inkDrawn = (out: string) => {
      const at = out.indexOf(PAINT);
      const home = at < 0 ? -1 : out.indexOf(HOME, at + PAINT.length);
      return home >= 0 && out.slice(home).includes('quit');
    };
    expect(await pty.waitFor(inkDrawn, 20_000)).toBeDefined();
    await pty.settle(150);
    const out = pty.output.slice(pty.output.indexOf(PAINT) + PAINT.length);
    const home = out.indexOf(HOME);
    return { painted: out.slice(0, home), ink: out.slice(home + HOME.length) };
  } finally {
    await pty.stop();
  }
}

describe('the title screen painted before Ink loads', () => {
  it.each([80, 40])('is the frame Ink then draws, cell for cell, at %i columns', async (columns) => {
    const { painted, ink } = await bothFrames(columns);
    const shown = render(painted);
    expect(shown).toContain('<b33>Hyosan High</>');
    expect(textOf(shown)).toContain('Continue (no saved game yet)');
    expect(render(ink)).toEqual(shown);
  });

  it('is the same frame with a save to continue (Continue highlighted) and under NO_COLOR', async () => {
    // One move in plain mode leaves an autosave behind.
    execFileSync(process.execPath, [cli, '--plain', '--seed', '1'], {
      input: '1\n',
      env: { ...process.env, HYOSAN_SAVE_DIR: saveDir },
    });
    const { painted, ink } = await bothFrames(80, { NO_COLOR: '1' });
    const shown = render(painted);
    expect(shown.some((line) => /^❯ Continue \(.+ · Day 1, \d\d:\d\d\)$/.test(line))).toBe(true);
    expect(textOf(shown)).toBe(shown.join('\n')); // no styles at all
    expect(render(ink)).toEqual(shown);
  });
});

describe('keys typed before Ink has loaded', () => {
  it('are kept for the Ink screen, not echoed or lost', async () => {
    const pty = new PtyProcess([process.execPath, cli, '--seed', '1'], playerEnv(), root);
    try {
      // Typed the moment the painted title shows, long before Ink can listen.
      expect(await pty.waitFor((out) => out.includes(PAINT) && out.includes('quit'), 20_000)).toBeDefined();
      pty.type('\u001B[B\r');
      expect(await pty.waitFor((out) => out.includes('Text speed'), 20_000)).toBeDefined();
      // Down skipped the greyed Continue and Saved games and went on to Settings; nothing typed was echoed.
      expect(pty.output).not.toContain('^[[B');
    } finally {
      await pty.stop();
    }
  });
});

describe('a terminal too narrow for the title menu', () => {
  it('is left to Ink to draw (it wraps the entries), and still opens on the title screen', async () => {
    const look = { title: 'Hyosan High', tagline: undefined, canContinue: false, color: true, styled: true };
    expect(titleFrame({ ...look, columns: 40 })).toBeDefined();
    expect(titleFrame({ ...look, columns: 12 })).toBeUndefined();
    const pty = new PtyProcess([process.execPath, cli, '--seed', '1'], playerEnv(), root, {
      columns: 12,
    });
    try {
      expect(await pty.waitFor((out) => out.includes('Hyosan High') && out.includes('Settings'), 20_000)).toBeDefined();
      expect(pty.output).not.toContain(PAINT);
    } finally {
      await pty.stop();
    }
  });
});
