import { describe, expect, it } from 'vitest';
import { start, step } from '../src/engine/index.js';
import { statusReport } from '../src/ui/status.js';
import { buildStory } from './helpers/build-story.js';
import { panelLines } from '../src/ui/ink/StatusPanel.js';
import type { StatusReport } from '../src/ui/status.js';
import { columnsOf } from '../src/ui/wrap.js';

const full: StatusReport = {
  clock: 'Day 1, 14:20',
  stats: ['Health', 'Stamina', 'Supplies', 'Noise', 'Strength', 'Speed', 'Wits', 'Trust'].map((label) => ({ label, value: '5/10' })),
  condition: 'unwell',
  symptoms: ['fever', 'ringing ears'],
  hunger: undefined,
  powers: [],
  party: ['On-jo', 'Cheong-san', 'Su-hyeok', 'Nam-ra', 'Dae-su', 'Ha-ri', 'Hyo-ryung', 'Mi-jin'].map((label, i) => ({
    label,
    value: i === 3 ? 'bitten, no symptoms yet, and a long wait ahead' : 'well',
  })),
  items: ['Fire extinguisher', 'Teacher’s phone', 'Bow'],
};

const text = (l: ReturnType<typeof panelLines>[number]) =>
  l.kind === 'entry' ? l.label + l.value : l.kind === 'space' ? '' : l.text;

describe('the status panel', () => {
  it('never takes more rows than it is given, however full the party', () => {
    for (let height = 8; height <= 40; height++) {
      expect(panelLines(full, 24, height, true).length).toBeLessThanOrEqual(height);
    }
  });

  it('shows everything, with blank rows and the clock, when there is room', () => {
    const lines = panelLines(full, 24, 60, true).map(text);
    expect(lines).toContain('Day 1, 14:20');
    expect(lines).toContain('Mi-jin: well');
    expect(lines).toContain('Bow');
    expect(lines).toContain('');
  });

  it('at 24 rows drops the blank rows and the clock first, then says how many more companions there are', () => {
    const lines = panelLines(full, 24, 23, true).map(text);
    expect(lines).not.toContain('');
    expect(lines).not.toContain('Day 1, 14:20');
    expect(lines[0]).toBe('Status');
    expect(lines.some((l) => /^\+\d+ more$/.test(l))).toBe(true);
    expect(lines).toContain('Items');
  });

  it('wraps long values onto more rows instead of cutting them, every row within the panel’s width', () => {
    const lines = panelLines(full, 24, 60, true).map(text);
    for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(24);
    expect(lines.join(' ')).not.toContain('…');
    // Every word of Nam-ra's condition is there, on a row of its own after the first.
    const at = lines.findIndex((l) => l.startsWith('Nam-ra: '));
    expect(lines.slice(at, at + 3).join(' ').replace(/\s+/g, ' ')).toContain('Nam-ra: bitten, no symptoms yet, and a long wait ahead');
    expect(lines[at + 1]).toMatch(/^ {2}\S/);
  });

  it('wraps a long stat value under its value, not under its label', () => {
    const changed: StatusReport = {
      ...full,
      condition: 'changed',
      powers: ['sharp hearing', 'halfbie strength (+2 to strength checks)', 'healing (+1 health an hour)'],
    };
    const lines = panelLines(changed, 24, 60, true).filter((l) => l.kind === 'entry');
    const powers = lines.findIndex((l) => l.kind === 'entry' && l.label.startsWith('Powers'));
    const rows = lines.slice(powers).map((l) => (l.kind === 'entry' ? l : undefined)!);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.value).join(' ')).toBe(changed.powers.join(', '));
    for (const row of rows.slice(1)) expect(row.label.trim()).toBe('');
  });
});

describe('the status report', () => {
  const story = buildStory(
    {
      hub: {
        choices: [
          { id: 'bite', goto: 'hub', effects: [{ kind: 'expose', who: 'daesu', route: 'bite', emotion: 'calm' }] },
          { id: 'months', goto: 'hub', effects: [{ kind: 'time', minutes: 8 * 30 * 24 * 60 }] },
        ],
      },
    },
    { start: 'hub', characters: { daesu: { name: 'Dae-su', party: true } } },
  );

  it('says a companion was bitten while it is news, and not eight months later when nothing came of it', () => {
    // A seed whose bite does not turn or change Dae-su (it never took, or he is immune).
    let seed = 0;
    while (['infected', 'semi-infected'].includes(step(story, start(story, seed), 'bite').characters.daesu!.incubation?.outcome ?? '')) seed++;
    const bitten = step(story, start(story, seed), 'bite');
    expect(statusReport(story, bitten).party).toEqual([{ label: 'Dae-su', value: 'bitten, no symptoms yet' }]);
    const later = step(story, bitten, 'months');
    expect(statusReport(story, later).party).toEqual([{ label: 'Dae-su', value: 'well (bite healed)' }]);
  });
});
