/** The benchmark rows as a plain-text table (also valid Markdown), grouped by section. */
import { meetsTarget, type Row } from './rows.js';

/** A number as the table shows it, by its unit. */
export function formatValue(value: number, unit: string): string {
  if (Number.isNaN(value)) return '—';
  const fixed = (digits: number) =>
    value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (unit) {
    case '/s':
      return `${fixed(0)}/s`;
    case '×':
      return `${fixed(2)}×`;
    case 'ms':
      return `${value < 100 ? fixed(1) : fixed(0)} ms`;
    case 'KB':
    case 'MB':
      return `${fixed(1)} ${unit}`;
    default:
      return Number.isInteger(value) ? fixed(0) : fixed(1);
  }
}

function targetText(row: Row): string {
  if (row.target === undefined) return '';
  return `${row.target.op === '<=' ? '≤' : '≥'} ${formatValue(row.target.value, row.unit)}`;
}

function verdict(row: Row): string {
  const met = meetsTarget(row);
  return met === undefined ? '' : met ? 'met' : 'NOT met';
}

/** Markdown table lines for `rows`: one table per section, in the order the rows came. */
export function formatTable(rows: readonly Row[]): string {
  const out: string[] = [];
  const sections = [...new Set(rows.map((r) => r.section))];
  for (const section of sections) {
    const inSection = rows.filter((r) => r.section === section);
    const cells = inSection.map((r) => [r.label, formatValue(r.value, r.unit), targetText(r), verdict(r), r.note ?? '']);
    const header = ['measurement', 'value', 'target', '', 'note'];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
    const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    out.push(`### ${section}`, '', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const c of cells) out.push(line(c));
    out.push('');
  }
  return out.join('\n');
}
