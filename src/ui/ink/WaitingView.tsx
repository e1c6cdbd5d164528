import { Box, Text } from 'ink';

/** Props of `WaitingView`. */
export interface WaitingViewProps {
  /** What is being done: `Finding your latest save…`. */
  readonly what: string;
}

/** Shown for the moment a game is being started or read from disk. */
export function WaitingView({ what }: WaitingViewProps) {
  return (
    <Box marginTop={1}>
      <Text dimColor>{what}</Text>
    </Box>
  );
}
