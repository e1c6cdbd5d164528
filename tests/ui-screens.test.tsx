import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/index.js';
import { newGame, playChoice } from '../src/saves/index.js';
import { loadStoryDir } from '../src/story/load.js';
import { waitForFrame, waitUntil } from './helpers/fake-terminal.js';
import { MemoryPorts } from './helpers/memory-ports.js';
import { buildStory } from './helpers/build-story.js';
import { renderApp, renderAppOn } from './helpers/ui-app.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';
const ENTER = '\r';
const ESC = '\u001B';
const TAB = '\t';

let gym: Story;
let hall: Story;

async function load(dir: string): Promise<Story> {
  const result = await loadStoryDir(join(root, dir));
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.story!;
}

beforeAll(async () => {
  gym = await load('tests/fixtures/cli-story');
  hall = await load('tests/fixtures/ui-story');
});

afterEach(() => {
  cleanup();
});

describe('the title screen', () => {
  it("shows the story's title and its entries, Continue and Saved games greyed when there is no save", async () => {
    const { lastFrame, stdin } = renderApp(gym, { title: true });
    const frame = await waitForFrame(lastFrame, 'The Locked Gym');
    for (const entry of ['❯ New game', 'Continue (no saved game yet)', 'Saved games (none yet)', 'Settings', 'Quit']) expect(frame).toContain(entry);
    // Down skips both greyed entries; their numbers pick nothing.
    stdin.write(DOWN);
    await waitForFrame(lastFrame, '❯ Settings');
    stdin.write('3');
    stdin.write('2');
    stdin.write(UP);
    const back = await waitForFrame(lastFrame, '❯ New game');
    expect(back).toContain('Saved games (none yet)');
  });

  it("shows the story's own tagline under its title, and nothing when it has none", async () => {
    const tagged = { ...gym, tagline: 'A door, a gym, and what is behind it.' };
    const { lastFrame } = renderApp(tagged, { title: true });
    const frame = await waitForFrame(lastFrame, 'The Locked Gym');
    expect(frame).toContain('The Locked Gym\nA door, a gym, and what is behind it.');
    cleanup();
    const plain = await waitForFrame(renderApp(gym, { title: true }).lastFrame, 'The Locked Gym');
    expect(plain).not.toContain('a hyosan story');
    expect(plain).toMatch(/The Locked Gym\n\n/);
  });

  it('does nothing on Esc: only Quit or q leaves', async () => {
    const { lastFrame, stdin, ports } = renderApp(gym, { title: true });
    await waitForFrame(lastFrame, 'New game');
    stdin.write(ESC);
    // A lone Esc is told from the start of a sequence once the input has paused: let Ink's parser flush it.
    await new Promise((resolve) => setImmediate(resolve));
    stdin.write(DOWN);
    await waitForFrame(lastFrame, '❯ Settings');
    expect(ports.left).toBeUndefined();
  });

  it('starts a new game at the start scene', async () => {
    const { lastFrame, stdin } = renderApp(gym, { title: true });
    await waitForFrame(lastFrame, 'New game');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'The Gym Door');
  });

  it('continues the latest save, showing its notice, with Continue highlighted first and saying where', async () => {
    const ports = new MemoryPorts(gym).withSave('mine', playChoice(gym, newGame(gym, 1), 'listen'));
    const { lastFrame, stdin } = renderApp(gym, {
      title: true,
      ports,
      props: { canContinue: true, continueNote: 'Listening · Day 1, 08:40' },
    });
    await waitForFrame(lastFrame, '❯ Continue (Listening · Day 1, 08:40)');
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'Someone inside is breathing hard');
    expect(frame).toContain('! Continued.');
  });

  it('quits with q', async () => {
    const { lastFrame, stdin, ports } = renderApp(gym, { title: true });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('q');
    await waitUntil(() => ports.left !== undefined, 'the screen leaves');
  });
});

describe('the load screen', () => {
  it('lists the saves with scene title, chapter, in-game time and real date, and loads one', async () => {
    const ports = new MemoryPorts(gym)
      .withSave('before the door', newGame(gym, 1))
      .withSave('listening', playChoice(gym, newGame(gym, 1), 'listen'));
    const { lastFrame, stdin } = renderApp(gym, { title: true, ports, props: { canContinue: true } });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('3');
    const list = await waitForFrame(lastFrame, 'listening');
    expect(list).toContain('before the door');
    expect(list).toContain('The Gym Door · Chapter 1: Test · Day 1, 08:40');
    expect(list).toContain('2026-03-14 09:05');
    stdin.write(DOWN);
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'Someone inside is breathing hard');
    expect(frame).toContain('! Loaded "listening".');
  });

  it('fits 40 columns: every key on the help line, and each save\'s in-game time (the chapter left out first)', async () => {
    const ports = new MemoryPorts(gym).withSave('before the door', newGame(gym, 1));
    const { lastFrame, stdin } = renderAppOn(gym, 40, 24, { title: true, ports, props: { canContinue: true } });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('3');
    const list = await waitForFrame(lastFrame, 'before the door');
    expect(list).toContain('  The Gym Door · Day 1, 08:40');
    expect(list).toContain('Enter load · d delete · r rename · esc');
    expect(list).not.toContain('…');
    for (const line of list.split('\n')) expect(stringWidth(line.trimEnd())).toBeLessThanOrEqual(40);
  });

  it('says why a damaged save will not load, and harms nothing', async () => {
    const ports = new MemoryPorts(gym)
      .withDamagedSave('broken', 'broken.json: is not valid JSON — load another save.')
      .withSave('good', newGame(gym, 1));
    const { lastFrame, stdin } = renderApp(gym, { title: true, ports, props: { canContinue: true } });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('3');
    await waitForFrame(lastFrame, 'broken');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, '! broken.json: is not valid JSON');
    stdin.write(DOWN);
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'The Gym Door');
  });

  it('deletes a save only after y, keeps it on any other key', async () => {
    const ports = new MemoryPorts(gym).withSave('keep me', newGame(gym, 1)).withSave('old', newGame(gym, 2));
    const { lastFrame, stdin } = renderApp(gym, { title: true, ports, props: { canContinue: true } });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('3');
    await waitForFrame(lastFrame, 'keep me');
    stdin.write('d');
    await waitForFrame(lastFrame, 'Delete the save "keep me" and its backup?');
    stdin.write('n');
    await waitForFrame(lastFrame, (f) => !f.includes('Delete the save'));
    expect(ports.slots.has('keep me')).toBe(true);
    stdin.write(DOWN);
    stdin.write('d');
    await waitForFrame(lastFrame, 'Delete the save "old"');
    stdin.write('y');
    const after = await waitForFrame(lastFrame, (f) => f.includes('Deleted "old".') && f.includes('keep me'));
    expect(ports.slots.has('old')).toBe(false);
    expect(after).toContain('keep me');
  });

  it('goes back to the title, Continue and Saved games greyed, once the last save is deleted', async () => {
    const ports = new MemoryPorts(gym).withSave('only', newGame(gym, 1));
    const { lastFrame, stdin } = renderApp(gym, { title: true, ports, props: { canContinue: true, continueNote: 'The Gym Door' } });
    await waitForFrame(lastFrame, '❯ Continue (The Gym Door)');
    stdin.write('3');
    await waitForFrame(lastFrame, 'only');
    stdin.write('d');
    stdin.write('y');
    const title = await waitForFrame(lastFrame, 'Saved games (none yet)');
    expect(title).toContain('Continue (no saved game yet)');
    expect(title).toContain('Deleted "only".');
  });

  it('renames a save, with a cursor to edit the old name, and refuses a name taken', async () => {
    const ports = new MemoryPorts(gym).withSave('alpha', newGame(gym, 1)).withSave('beta', newGame(gym, 2));
    const { lastFrame, stdin } = renderApp(gym, { title: true, ports, props: { canContinue: true } });
    await waitForFrame(lastFrame, 'New game');
    stdin.write('3');
    await waitForFrame(lastFrame, 'alpha');
    stdin.write('r');
    await waitForFrame(lastFrame, 'A new name for "alpha":');
    // The old name is there to edit: Left twice, then type, lands inside it.
    stdin.write(LEFT);
    stdin.write(LEFT);
    stdin.write('-');
    await waitForFrame(lastFrame, '> alp-ha');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, (f) => f.includes('Renamed "alpha" to "alp-ha".') && f.includes('❯ beta'));
    stdin.write(DOWN);
    expect([...ports.slots.keys()].sort()).toEqual(['alp-ha', 'beta']);
    stdin.write('r');
    await waitForFrame(lastFrame, 'A new name for "alp-ha":');
    for (let i = 0; i < 6; i++) stdin.write('\u007f');
    stdin.write('beta');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'is the name of another save');
    expect([...ports.slots.keys()].sort()).toEqual(['alp-ha', 'beta']);
  });
});

describe('the in-game menu', () => {
  it('opens with Esc and goes back to the game with Esc', async () => {
    const { lastFrame, stdin } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(ESC);
    const menu = await waitForFrame(lastFrame, 'Menu');
    for (const entry of ['Save to a slot', 'Saved games… (load, delete, rename)', 'Undo the last choice (none made yet)', 'Settings', 'Quit to the title screen']) {
      expect(menu).toContain(entry);
    }
    expect(menu).toContain('The Gym Door · Day 1, 08:40');
    stdin.write(ESC);
    await waitForFrame(lastFrame, '1. Listen at the door');
  });

  it('saves to a slot typed by the player', async () => {
    const { lastFrame, stdin, ports } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Menu');
    stdin.write('2');
    expect(await waitForFrame(lastFrame, 'Name the save')).toContain('40 characters left');
    stdin.write('my slot');
    expect(await waitForFrame(lastFrame, '> my slot')).toContain('33 characters left');
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'Saved to "my slot".');
    expect(frame).toContain('Listening');
    expect(ports.slots.get('my slot')?.game?.state.scene).toBe('gym.listen');
  });

  it('keeps the typed name and shows why a slot name is refused', async () => {
    const { lastFrame, stdin } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Menu');
    stdin.write('2');
    await waitForFrame(lastFrame, 'Save to a slot');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'Type a name for the save');
    stdin.write('../x');
    stdin.write(ENTER);
    const frame = await waitForFrame(lastFrame, 'contains a path separator');
    expect(frame).toContain('> ../x');
  });

  it('undoes one choice at a time and stays open to undo another', async () => {
    const { lastFrame, stdin } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('2');
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Undo the last choice (3 made)');
    stdin.write('4');
    await waitForFrame(lastFrame, 'Went back to "The Gym Door" (2 choices made).');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, 'Went back to "Listening" (1 choice made).');
    stdin.write(ESC);
    await waitForFrame(lastFrame, '2. Step back from the door');
  });

  it('changes the text speed and keeps the setting', async () => {
    const { lastFrame, stdin, ports } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Menu');
    stdin.write('5');
    await waitForFrame(lastFrame, 'Text speed: instant');
    stdin.write(RIGHT);
    await waitForFrame(lastFrame, 'Text speed: fast');
    await waitUntil(() => ports.settings.length === 1, 'the setting is kept');
    expect(ports.settings[0]).toEqual({ textSpeed: 'fast', colour: true, showChanges: true });
    expect(lastFrame()).toContain('NO_COLOR is set');
  });

  it('quits to the title screen', async () => {
    const { lastFrame, stdin } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Menu');
    stdin.write(UP);
    stdin.write(UP);
    stdin.write(ENTER);
    // No choice made, so nothing was saved to continue.
    expect(await waitForFrame(lastFrame, 'New game')).toContain('Continue (no saved game yet)');
  });

  it('offers to continue the game just left, from where it was', async () => {
    const { lastFrame, stdin } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write(ESC);
    await waitForFrame(lastFrame, 'Menu');
    stdin.write(UP);
    stdin.write(UP);
    stdin.write(ENTER);
    await waitForFrame(lastFrame, '❯ Continue (Listening · Day 1, 08:40)');
  });
});

describe('the status panel', () => {
  it('shows visible stats, condition, party with Hangul names and the in-game time beside the scene', async () => {
    const { lastFrame } = renderApp(hall);
    const frame = await waitForFrame(lastFrame, 'Status');
    expect(frame).toMatch(/Health\s+8\/10/);
    expect(frame).toMatch(/Stamina\s+5\/10/);
    expect(frame).not.toContain('Noise');
    expect(frame).toMatch(/Condition\s+well/);
    expect(frame).toContain('On-jo 온조: well');
    expect(frame).toContain('Gum ×2');
  });

  it('lists every item carried, key items first, with counts', async () => {
    const { lastFrame, stdin } = renderApp(hall);
    await waitForFrame(lastFrame, 'Status');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, 'Baseball bat');
    expect(frame.indexOf('Baseball bat')).toBeLessThan(frame.indexOf('Gum ×2'));
    expect(frame).toContain('Day 1, 15:15');
  });

  it("shows a changed player's signs, hunger and powers, never the word semi-infected", async () => {
    const { lastFrame, stdin } = renderApp(hall);
    await waitForFrame(lastFrame, 'Status');
    stdin.write('3');
    const frame = await waitForFrame(lastFrame, 'After the Fever');
    expect(frame).toMatch(/Condition\s+changed/);
    expect(frame).toMatch(/Hunger\s+2\d\/100/);
    expect(frame).toContain('Powers');
    expect(frame).not.toMatch(/semi-infected|infected/);
  });

  it('uses the width a wide terminal has and wraps a changed player’s powers, cutting nothing', async () => {
    const { lastFrame, stdin } = renderAppOn(hall, 160, 50);
    await waitForFrame(lastFrame, 'Status');
    stdin.write('3');
    const frame = await waitForFrame(lastFrame, 'After the Fever');
    const rows = frame.split('\n').filter((l) => l.includes('│'));
    // The prose keeps its 78 columns; the panel takes 44 beside it, not 26.
    expect(new Set(rows.map((l) => stringWidth(l.slice(0, l.indexOf('│')))))).toEqual(new Set([79]));
    expect(Math.max(...rows.map((l) => stringWidth(l.trimEnd())))).toBeGreaterThan(79 + 26);
    const panel = rows.map((l) => l.slice(l.indexOf('│') + 1).trim()).join(' ');
    expect(frame).not.toContain('…');
    expect(panel.replace(/\s+/g, ' ')).toContain('Powers sharp hearing, halfbie strength (+2 to strength checks), healing (+1 health an hour)');
    expect(panel).toMatch(/Hunger\s+2\d\/100, fed/);
  });

  it('on 80×24 with a party too big to list beside the scene: tab shows it all, page by page, no taller than the terminal', async () => {
    const names = ['On-jo', 'Cheong-san', 'Su-hyeok', 'Nam-ra', 'Dae-su', 'Ha-ri', 'Hyo-ryung', 'Mi-jin', 'Woo-jin', 'Gwi-nam', 'Bo-ram', 'Jun-ho'];
    const story = buildStory(
      { roof: { text: ['The roof, at night.'], choices: [{ id: 'wait', text: 'Wait', goto: 'roof' }] } },
      {
        characters: Object.fromEntries(names.map((name, i) => [`c${i}`, { name, party: true }])),
        stats: Object.fromEntries(['Health', 'Stamina', 'Supplies', 'Noise', 'Strength', 'Speed', 'Wits', 'Trust'].map((id) => [id, {}])),
      },
    );
    const { lastFrame, stdin } = renderAppOn(story, 80, 24);
    const beside = await waitForFrame(lastFrame, 'tab: see it all');
    expect(names.filter((name) => !beside.includes(`${name}: well`)).length).toBeGreaterThan(0);
    stdin.write(TAB);
    const first = await waitForFrame(lastFrame, 'Status (tab: back to the story)');
    expect(first).toContain('more (Enter) — page 1 of 2');
    expect(first.split('\n').length).toBeLessThan(24);
    stdin.write(ENTER);
    const second = await waitForFrame(lastFrame, 'page 2 of 2');
    expect(second.split('\n').length).toBeLessThan(24);
    for (const name of names) expect(first + second).toContain(`${name}: well`);
    expect(second).toContain('nothing carried');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, (f) => f.includes('The roof, at night.') && f.includes('tab: see it all'));
  });

  it('says a companion was bitten while it is news, and “bite healed” months later, not “bitten”', async () => {
    const story = buildStory(
      {
        hub: {
          choices: [
            { id: 'bite', text: 'Dae-su is bitten', goto: 'hub', effects: [{ kind: 'expose', who: 'daesu', route: 'bite', emotion: 'calm' }] },
            { id: 'months', text: 'Eight months pass', goto: 'hub', effects: [{ kind: 'time', minutes: 8 * 30 * 24 * 60 }] },
          ],
        },
      },
      { start: 'hub', characters: { daesu: { name: 'Dae-su', party: true } } },
    );
    // A seed whose bite never turns or changes him: a bite that did not take, or an immune one.
    let seed = 0;
    while (['infected', 'semi-infected'].includes(playChoice(story, newGame(story, seed), 'bite').state.characters.daesu!.incubation?.outcome ?? '')) seed++;
    const bitten = playChoice(story, newGame(story, seed), 'bite');
    const { lastFrame, stdin } = renderAppOn(story, 160, 40, { props: { start: { game: bitten, notices: [] } } });
    await waitForFrame(lastFrame, 'Dae-su: bitten, no symptoms yet');
    stdin.write('2');
    const later = await waitForFrame(lastFrame, 'Dae-su: well (bite healed)');
    expect(later).not.toContain('bitten, no symptoms');
  });

  it('is hidden and shown again with tab', async () => {
    const { lastFrame, stdin } = renderApp(hall);
    await waitForFrame(lastFrame, 'Status');
    stdin.write(TAB);
    await waitForFrame(lastFrame, (f) => !f.includes('Status') && f.includes('The bell for the end'));
    stdin.write(TAB);
    await waitForFrame(lastFrame, 'Status');
  });
});

describe('the ending screen', () => {
  it("shows the ending's title and summary, the run's summary and the endings found so far", async () => {
    const { lastFrame, stdin, ports } = renderApp(gym, { props: { found: ['gym.caught'] } });
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    stdin.write('1');
    await waitForFrame(lastFrame, 'What is your name?');
    stdin.write('Min\r');
    await waitForFrame(lastFrame, 'A Name in Chalk');
    stdin.write('1');
    const frame = await waitForFrame(lastFrame, '*** THE END: Safe for Now ***');
    expect(frame).toContain('You spent the night on a pile of gym mats');
    expect(frame).toContain('Survived: less than a minute (until Day 1, 08:40)');
    expect(frame).toContain('With you: nobody');
    expect(frame).toContain('Infection: Never bitten, as far as you know.');
    expect(frame).toContain('Endings: 2 of 2 found: Safe for Now, Too Loud');
    await waitUntil(() => ports.endings.length === 1, 'the ending is recorded');
    expect(ports.endings).toEqual(['gym.inside']);
  });

  it('names the companions who lived', async () => {
    const { lastFrame, stdin } = renderApp(hall);
    await waitForFrame(lastFrame, 'Status');
    stdin.write('2');
    const frame = await waitForFrame(lastFrame, '*** THE END: Above It All ***');
    expect(frame).toContain('With you: On-jo 온조 (well)');
    expect(frame).toContain('Endings: 1 of 1 found: Above It All');
  });

  it('undoes the last choice from the ending with u', async () => {
    const { lastFrame, stdin } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('2');
    await waitForFrame(lastFrame, '*** THE END');
    stdin.write('u');
    await waitForFrame(lastFrame, '1. Listen at the door');
  });
});

describe('a watched story', () => {
  it('keeps the player in place when the story is reloaded, and reports a broken folder in one line', async () => {
    const { lastFrame, stdin, ports } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    ports.change({ kind: 'broken', message: 'Not reloaded: scenes/x.yaml:3:1: error: bad' });
    await waitForFrame(lastFrame, '! Not reloaded: scenes/x.yaml:3:1: error: bad');
    ports.change({ kind: 'reloaded', story: gym });
    const frame = await waitForFrame(lastFrame, 'Story reloaded: you are at "Listening".');
    expect(frame).not.toContain('Not reloaded');
    expect(frame).toContain('Someone inside is breathing hard');
  });

  it('shows a broken folder\'s whole error, wrapped, not cut at the width', async () => {
    const { lastFrame, stdin, ports } = renderApp(gym);
    await waitForFrame(lastFrame, 'The Gym Door');
    stdin.write('1');
    await waitForFrame(lastFrame, 'Listening');
    const message =
      "Not reloaded, still playing the last good version: scenes/gym.yaml:14:9: error: no scene has the id 'gym.hal' — did you mean 'gym.hall'?";
    ports.change({ kind: 'broken', message });
    const frame = await waitForFrame(lastFrame, "'gym.hall'?");
    // Every word of it is on the screen, across lines (the story's column, left of the panel).
    const story = frame
      .split('\n')
      .map((line) => line.split('│')[0]!.trim())
      .join(' ');
    expect(story.replace(/\s+/g, ' ')).toContain(`! ${message}`.replace(/\s+/g, ' '));
  });
});
