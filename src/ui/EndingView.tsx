import { Box, Text } from 'ink';
import type { Ending } from '../engine/index.js';
import { endingBanner } from './labels.js';
import { wrapText } from './wrap.js';

/** Props of `EndingView`. */
export interface EndingViewProps {
  /** The ending reached; undefined for a game that stopped in a scene not marked as one. */
  readonly ending: Ending | undefined;
  /** The width to wrap the summary to. */
  readonly width: number;
  /** Colours allowed (false under NO_COLOR). */
  readonly color: boolean;
}

/** The ending's title and summary, and how to leave. */
export function EndingView({ ending, width, color }: EndingViewProps) {
  return (
    <Box flexDirection="column">
      <Text bold color={color ? 'red' : undefined}>
        {endingBanner(ending)}
      </Text>
      {ending?.summary === undefined ? null : (
        <Box marginTop={1}>
          <Text>{wrapText(ending.summary, width).join('\n')}</Text>
        </Box>
      )}
      <Box marginTop={1}>
        <Text dimColor>Press Enter or q to leave.</Text>
      </Box>
    </Box>
  );
}
