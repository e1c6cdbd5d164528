import { Box, Text } from 'ink';
import type { StatusEntry, StatusReport } from '../status.js';
import { columnsOf, padEnd, truncate } from '../wrap.js';

/** Props of `StatusPanel`. */
export interface StatusPanelProps {
  /** What to show (see `statusReport`): never the hidden infection status. */
  readonly report: StatusReport;
  /** The panel's width, border included. */
  readonly width: number;
  /** The rows it may take: it never grows taller than the terminal. */
  readonly height: number;
  /** Beside the scene (with a border) or in its place on a narrow terminal. */
  readonly placement: 'side' | 'full';
  /** Colours allowed. */
  readonly color: boolean;
}

/** One row of the panel, already cut to its width. */
export type PanelLine =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'dim'; readonly text: string }
  | { readonly kind: 'entry'; readonly label: string; readonly value: string; readonly quiet: boolean }
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: 'space' };

/**
 * The panel's rows for `height` rows of `inner` columns. Every row is one
 * terminal line (values are cut, not wrapped), so the count is exact. When
 * there is too little room it drops, in turn: the blank rows, the clock
 * (the scene's header shows it too), then the tail of the party and items
 * lists, which end with "+N more".
 */
export function panelLines(report: StatusReport, inner: number, height: number, side: boolean): PanelLine[] {
  const labelWidth = Math.min(11, Math.floor(inner / 2), 1 + Math.max(...labels(report).map(columnsOf)));
  const entry = (e: StatusEntry, quiet = false): PanelLine => ({
    kind: 'entry',
    label: padEnd(truncate(e.label, labelWidth - 1), labelWidth),
    value: truncate(e.value, inner - labelWidth),
    quiet,
  });
  const cut = (text: string) => truncate(text, inner);
  const stats: PanelLine[] = [
    ...report.stats.map((s) => entry(s)),
    entry({ label: 'Condition', value: report.condition }),
    ...(report.symptoms.length === 0 ? [] : [entry({ label: 'Signs', value: report.symptoms.join(', ') })]),
    ...(report.hunger === undefined ? [] : [entry({ label: 'Hunger', value: report.hunger })]),
    ...(report.powers.length === 0 ? [] : [entry({ label: 'Powers', value: report.powers.join(', ') })]),
  ];
  const party: PanelLine[] =
    report.party.length === 0
      ? [{ kind: 'dim', text: 'nobody with you' }]
      : report.party.map((p) => ({ kind: 'plain', text: cut(`${p.label}: ${p.value}`) }));
  const items: PanelLine[] =
    report.items.length === 0 ? [{ kind: 'dim', text: 'nothing carried' }] : report.items.map((i) => ({ kind: 'plain', text: cut(i) }));
  const title: PanelLine = { kind: 'heading', text: cut(side ? 'Status' : 'Status (tab: back to the story)') };
  const clock: PanelLine = { kind: 'dim', text: cut(report.clock) };
  const build = (spaced: boolean, withClock: boolean, partyRows: number, itemRows: number): PanelLine[] => {
    const gap: PanelLine[] = spaced ? [{ kind: 'space' }] : [];
    return [
      title,
      ...(withClock ? [clock] : []),
      ...gap,
      ...stats,
      ...gap,
      { kind: 'heading', text: 'Party' },
      ...shortened(party, partyRows, cut),
      ...gap,
      { kind: 'heading', text: 'Items' },
      ...shortened(items, itemRows, cut),
    ];
  };
  for (const [spaced, withClock] of [[true, true], [false, true], [false, false]] as const) {
    const lines = build(spaced, withClock, party.length, items.length);
    if (lines.length <= height) return lines;
  }
  // Still too tall: share what is left between the party and the items.
  const fixed = build(false, false, 0, 0).length;
  const room = Math.max(0, height - fixed);
  const itemRows = Math.min(items.length, Math.max(1, Math.floor(room / 3)));
  const partyRows = Math.max(1, room - itemRows);
  return build(false, false, partyRows, itemRows).slice(0, Math.max(1, height));
}

/** `lines` cut to `rows` rows, the last saying how many more there are. */
function shortened(lines: readonly PanelLine[], rows: number, cut: (text: string) => string): PanelLine[] {
  if (lines.length <= rows) return [...lines];
  if (rows <= 0) return [];
  return [...lines.slice(0, rows - 1), { kind: 'dim', text: cut(`+${lines.length - rows + 1} more`) }];
}

/** The player's stats, condition, party, key items and the in-game time. */
export function StatusPanel({ report, width, height, placement, color }: StatusPanelProps) {
  const side = placement === 'side';
  const inner = Math.max(10, width - (side ? 2 : 0));
  return (
    <Box
      flexDirection="column"
      width={width}
      flexShrink={0}
      paddingLeft={side ? 1 : 0}
      borderStyle={side ? 'single' : undefined}
      borderTop={false}
      borderRight={false}
      borderBottom={false}
      borderDimColor
    >
      {panelLines(report, inner, height, side).map((line, i) => (
        <PanelRow key={i} line={line} color={color} />
      ))}
    </Box>
  );
}

/** One row of the panel. */
function PanelRow({ line, color }: { readonly line: PanelLine; readonly color: boolean }) {
  switch (line.kind) {
    case 'heading':
      return <Text bold color={color && line.text.startsWith('Status') ? 'yellow' : undefined}>{line.text}</Text>;
    case 'dim':
      return <Text dimColor>{line.text}</Text>;
    case 'entry':
      return (
        <Text>
          <Text dimColor>{line.label}</Text>
          <Text dimColor={line.quiet}>{line.value}</Text>
        </Text>
      );
    case 'plain':
      return <Text>{line.text}</Text>;
    case 'space':
      return <Text> </Text>;
    default: {
      const never: never = line;
      return never;
    }
  }
}

/** The labels of the rows the panel shows, to size its label column. */
function labels(report: StatusReport): string[] {
  return [...report.stats.map((s) => s.label), 'Condition', 'Signs', 'Hunger', 'Powers'];
}
