import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  PARTS_OF_DAY,
  PART_NAMES,
  clockAgrees,
  inTimeOfDay,
  parseTimeOfDay,
  start,
  step,
} from '../src/engine/index.js';
import type { TimeOfDay } from '../src/engine/index.js';
import { loadStoryDir } from '../src/story/load.js';

function window(src: string): TimeOfDay {
  const parsed = parseTimeOfDay(src);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

const at = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

describe('the parts of the day', () => {
  it('are exactly the table in docs/AUTHORING.md', async () => {
    const doc = await readFile('docs/AUTHORING.md', 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` \| (\d\d:\d\d)–(\d\d:\d\d) \|/gm)].map((m) => [m[1], `${m[2]}-${m[3]}`]);
    expect(Object.fromEntries(rows)).toEqual(PARTS_OF_DAY);
    expect(PART_NAMES).toEqual([
      'small-hours', 'dawn', 'morning', 'midday', 'afternoon', 'dusk', 'evening', 'night', 'day',
    ]);
  });

  it('include their start and exclude their end', () => {
    for (const name of PART_NAMES) {
      const [from = '', to = ''] = PARTS_OF_DAY[name].split('-');
      const w = window(name);
      expect(inTimeOfDay(w, at(from)), `${name} at ${from}`).toBe(true);
      expect(inTimeOfDay(w, (at(to) + 1439) % 1440), `${name} a minute before ${to}`).toBe(true);
      expect(inTimeOfDay(w, at(to) % 1440), `${name} at ${to}`).toBe(false);
    }
  });

  it('night crosses midnight; evening runs to the end of the day', () => {
    expect(inTimeOfDay(window('night'), at('23:59'))).toBe(true);
    expect(inTimeOfDay(window('night'), at('00:00'))).toBe(true);
    expect(inTimeOfDay(window('night'), at('12:00'))).toBe(false);
    expect(inTimeOfDay(window('evening'), at('23:59'))).toBe(true);
    expect(inTimeOfDay(window('evening'), at('00:00'))).toBe(false);
  });
});

describe('an hour window', () => {
  it('may cross midnight', () => {
    const w = window('22:00-03:00');
    expect(w).toEqual({ src: '22:00-03:00', from: at('22:00'), to: at('03:00') });
    expect(inTimeOfDay(w, at('22:00'))).toBe(true);
    expect(inTimeOfDay(w, at('02:59'))).toBe(true);
    expect(inTimeOfDay(w, at('03:00'))).toBe(false);
    expect(inTimeOfDay(w, at('21:59'))).toBe(false);
  });

  it('is refused when malformed or empty', () => {
    expect(parseTimeOfDay('9-10')).toContain('is not a time of day');
    expect(parseTimeOfDay('24:00-01:00')).toContain('is not a time of day');
    expect(parseTimeOfDay('00:00-24:00')).toContain('is an empty window');
  });
});

describe('whether the clock agrees with a scene', () => {
  it('is judged when the scene’s text is shown, after its on_enter', async () => {
    const story = (await loadStoryDir('tests/fixtures/outcomes')).story!;
    // The story starts at 18:00 in an `evening` scene.
    const first = start(story, 1);
    expect(clockAgrees(story, first)).toBe(true);
    // Three hours later the belfry ("17:00-20:30") is shown at 21:00.
    const late = step(story, first, 'wait');
    expect(late.scene).toBe('tower.belfry');
    expect(clockAgrees(story, late)).toBe(false);
    expect(clockAgrees(story, step(story, first, 'bell'))).toBe(true);
    // A scene that states no time always agrees.
    expect(clockAgrees(story, late, { ...story.scenes.get('tower.end')! })).toBe(true);
  });
});
