import { Box, Text } from 'ink';
import type { StatusReport } from '../status.js';
import { panelLines, panelPages, type PanelLine } from './panel-lines.js';

export { panelLines, panelPages, panelFits, type PanelLine } from './panel-lines.js';

/** Props of `StatusPanel`. */
export interface StatusPanelProps {
  /** What to show (see `statusReport`): never the hidden infection status. */
  readonly report: StatusReport;
  /** The panel's width, border included. */
  readonly width: number;
  /** The rows it may take: it never grows taller than the terminal. */
  readonly height: number;
  /**
   * Beside the scene (with a border, cut to fit), or whole in its place (`tab`),
   * on the page `page` when it takes more than one.
   */
  readonly placement: 'side' | 'full';
  readonly page?: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** The player's stats, condition, party, key items and the in-game time. */
export function StatusPanel({ report, width, height, placement, page = 0, color }: StatusPanelProps) {
  const side = placement === 'side';
  const inner = Math.max(10, width - (side ? 2 : 0));
  const pages = side ? [] : panelPages(report, inner, Number.isFinite(height) ? height : undefined);
  const shown = Math.max(0, Math.min(page, pages.length - 1));
  const lines = side ? panelLines(report, inner, height, true) : (pages[shown] ?? []);
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
      {lines.map((line, i) => (
        <PanelRow key={i} line={line} color={color} />
      ))}
      {pages.length > 1 ? <Text inverse>{` ${shown < pages.length - 1 ? 'more (Enter) — ' : ''}page ${shown + 1} of ${pages.length} `}</Text> : null}
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
          <Text>{line.value}</Text>
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
