import { Box, Text } from 'ink';
import { wrapText } from '../wrap.js';

/** Props of `MessageLine`. */
export interface MessageLineProps {
  /** What to tell the player; nothing is drawn when undefined. */
  readonly message: string | undefined;
  readonly width: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** A message for the player on a menu screen (a save that would not load, a name that is refused). */
export function MessageLine({ message, width, color }: MessageLineProps) {
  if (message === undefined) return null;
  return (
    <Box marginTop={1}>
      <Text bold color={color ? 'magenta' : undefined}>
        {wrapText(`! ${message}`, width, true).join('\n')}
      </Text>
    </Box>
  );
}
