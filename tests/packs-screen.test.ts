/**
 * Story packs on the Ink screen: the title screen names the packs a game is
 * played with, and Settings lists the installed ones to switch on and off
 * for the next game (a broken one greyed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/story-types.js';
import type { KeyPress } from '../src/ui/ink/keys.js';
import { settingItems } from '../src/ui/ink/screen-menus.js';
import { initialScreen, reduceScreen, type Screen } from '../src/ui/ink/screen.js';
import { titleFrame } from '../src/ui/ink/title.js';
import { DEFAULT_SETTINGS, packsLine, type PackSwitch } from '../src/ui/ports.js';
import { loadStoryDir } from '../src/story/load.js';

let story: Story;
beforeAll(async () => {
  story = (await loadStoryDir('tests/fixtures/pack-base')).story!;
});

const PACKS: readonly PackSwitch[] = [
  { id: 'cellar', title: 'The Cellar', state: 'on' },
  { id: 'attic', title: 'The Attic', state: 'broken' },
];

function press(screen: Screen, ...keys: KeyPress['kind'][]): Screen {
  return keys.reduce((s, kind) => reduceScreen(s, { type: 'key', press: { kind } as KeyPress }), screen);
}

describe('packs on the title screen and in Settings', () => {
  it('names the packs played with, and those off because of errors, under the title', () => {
    expect(packsLine([{ title: 'The Cellar' }], 0)).toBe('With the pack The Cellar');
    expect(packsLine([{ title: 'A' }, { title: 'B' }], 1)).toBe('With 2 packs: A, B · 1 pack off because of errors (hyosan packs)');
    expect(packsLine([], 0)).toBeUndefined();
    const frame = titleFrame({ title: 'The Small School', tagline: undefined, packs: 'With the pack The Cellar', canContinue: false, columns: 60, color: false, styled: false });
    expect(frame).toBe('\nThe Small School\nWith the pack The Cellar\n\n❯ New game\n  Continue (no saved game yet)\n  Saved games (none yet)\n  Settings\n  Quit\n\n↑↓ move · Enter choose · q quit\n');
  });

  it('lists each installed pack in Settings and switches it for the next game; a broken one cannot be switched on', () => {
    const start = initialScreen({
      story,
      settings: DEFAULT_SETTINGS,
      noColor: true,
      found: [],
      canContinue: false,
      size: { columns: 80, rows: 24 },
      packs: PACKS,
      packsLine: 'With the pack The Cellar',
    });
    // Title: New game, Continue, Saved games, Settings (the greyed entries are skipped).
    const settings = press(start, 'down', 'enter');
    expect(settings.view.name).toBe('settings');
    const items = settingItems(settings);
    expect(items.map((i) => [i.label, i.enabled, i.note])).toEqual([
      ['Text speed: instant', true, undefined],
      ['Colours: off', false, 'NO_COLOR is set'],
      ['Show what changed: on', true, undefined],
      ['Pack: The Cellar: on', true, 'from the next game'],
      ['Pack: The Attic: off', false, 'it has errors; see hyosan packs'],
      ['Back', true, undefined],
    ]);
    const switched = press(settings, 'down', 'down', 'enter');
    expect(settingItems(switched)[3]!.label).toBe('Pack: The Cellar: off');
    expect(switched.outbox.at(-1)?.request).toEqual({ kind: 'pack', id: 'cellar', on: false });
    const back = press(switched, 'enter');
    expect(back.outbox.at(-1)?.request).toEqual({ kind: 'pack', id: 'cellar', on: true });
  });
});
