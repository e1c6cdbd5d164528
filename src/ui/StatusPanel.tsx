import { Box, Text } from 'ink';
import type { StatusEntry, StatusReport } from './status.js';
import { columnsOf, padEnd } from './wrap.js';

/** Props of `StatusPanel`. */
export interface StatusPanelProps {
  /** What to show (see `statusReport`): never the hidden infection status. */
  readonly report: StatusReport;
  /** The panel's width, border included. */
  readonly width: number;
  /** Beside the scene (with a border) or in its place on a narrow terminal. */
  readonly placement: 'side' | 'full';
  /** Colours allowed. */
  readonly color: boolean;
}

/** The player's stats, condition, party, key items and the in-game time. */
export function StatusPanel({ report, width, placement, color }: StatusPanelProps) {
  const side = placement === 'side';
  const inner = Math.max(10, width - (side ? 2 : 0));
  const labelWidth = Math.min(11, Math.floor(inner / 2), 1 + Math.max(...labels(report).map(columnsOf)));
  const row = (entry: StatusEntry, key: string) => (
    <Box key={key} width={inner}>
      <Box width={labelWidth} flexShrink={0}>
        <Text dimColor>{padEnd(entry.label, labelWidth)}</Text>
      </Box>
      <Text>{entry.value}</Text>
    </Box>
  );
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
      <Text bold color={color ? 'yellow' : undefined}>
        {side ? 'Status' : 'Status (tab: back to the story)'}
      </Text>
      <Text dimColor>{report.clock}</Text>
      <Box marginTop={1} flexDirection="column">
        {report.stats.map((s, i) => row(s, `stat-${i}`))}
        {row({ label: 'Condition', value: report.condition }, 'condition')}
        {report.symptoms.length === 0 ? null : row({ label: 'Signs', value: report.symptoms.join(', ') }, 'signs')}
        {report.hunger === undefined ? null : row({ label: 'Hunger', value: report.hunger }, 'hunger')}
        {report.powers.length === 0 ? null : row({ label: 'Powers', value: report.powers.join(', ') }, 'powers')}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Party</Text>
        {report.party.length === 0 ? (
          <Text dimColor>nobody with you</Text>
        ) : (
          report.party.map((p, i) => (
            <Text key={i}>
              {p.label}: <Text dimColor={p.value === 'well'}>{p.value}</Text>
            </Text>
          ))
        )}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Items</Text>
        {report.items.length === 0 ? <Text dimColor>nothing of note</Text> : report.items.map((item, i) => <Text key={i}>{item}</Text>)}
      </Box>
    </Box>
  );
}

/** The labels of the rows the panel shows, to size its label column. */
function labels(report: StatusReport): string[] {
  return [...report.stats.map((s) => s.label), 'Condition', 'Signs', 'Hunger', 'Powers'];
}
