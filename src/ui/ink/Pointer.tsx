import { Box, Text } from 'ink';
import { Indicator } from 'ink-select-input';

/** Props of `Pointer`. */
export interface PointerProps {
  /** Whether this row is the highlighted one. */
  readonly selected: boolean;
  /** Colours allowed (off under NO_COLOR or when the player turned them off). */
  readonly color: boolean;
}

/** The highlight pointer before a list row: ink-select-input's, or an uncoloured one when colours are off. */
export function Pointer({ selected, color }: PointerProps) {
  if (color) return <Indicator isSelected={selected} />;
  return (
    <Box marginRight={1}>
      <Text>{selected ? '❯' : ' '}</Text>
    </Box>
  );
}
