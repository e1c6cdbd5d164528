import { Box, Text } from 'ink';
import type { EndingLine } from './game-layout.js';

/** Props of `EndingView`. */
export interface EndingViewProps {
  /** The banner, the ending's summary and the run's summary, wrapped (see `gameLayout`). */
  readonly lines: readonly EndingLine[];
  /** Colours allowed. */
  readonly color: boolean;
}

/** The ending's title and summary, then how the run went and the endings found so far. */
export function EndingView({ lines, color }: EndingViewProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) =>
        line.tone === 'banner' ? (
          <Text key={index} bold color={color ? 'red' : undefined}>
            {line.text}
          </Text>
        ) : (
          <Text key={index}>{line.text === '' ? ' ' : line.text}</Text>
        ),
      )}
    </Box>
  );
}
