import { describe, expect, it } from 'vitest';
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

  it('cuts long values to the panel’s width instead of wrapping them', () => {
    for (const line of panelLines(full, 24, 60, true).map(text)) expect(columnsOf(line)).toBeLessThanOrEqual(24);
  });
});
