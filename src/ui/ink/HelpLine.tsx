import { Box, Text } from 'ink';
import { truncate } from '../wrap.js';

/** Props of `HelpLine`. */
export interface HelpLineProps {
  /** The keys that work now. */
  readonly text: string;
  /** The width it must fit in (it is cut, never wrapped). */
  readonly width: number;
}

/** The line of keys at the bottom of every screen. */
export function HelpLine({ text, width }: HelpLineProps) {
  return (
    <Box marginTop={1}>
      <Text dimColor>{truncate(text, width)}</Text>
    </Box>
  );
}
