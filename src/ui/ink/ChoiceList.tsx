import { Box, Text } from 'ink';
import type { ChoiceView } from '../../engine/index.js';
import { Pointer } from './Pointer.js';

/** Props of `ChoiceList`. */
export interface ChoiceListProps {
  /** The scene's choices, enabled and disabled, in the story's order. */
  readonly choices: readonly ChoiceView[];
  /** Each choice's label, already wrapped to the width (see `choiceLabels`). */
  readonly labels: readonly (readonly string[])[];
  /** The highlighted choice's index. */
  readonly cursor: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/**
 * The numbered choices with a pointer on the highlighted one; disabled
 * choices are dimmed and marked in words with their hint. Keys are handled by
 * the screen's reducer (see `screen.ts` for why not by ink-select-input).
 */
export function ChoiceList({ choices, labels, cursor, color }: ChoiceListProps) {
  return (
    <Box flexDirection="column">
      {choices.map((choice, index) => {
        const selected = index === cursor;
        const number = `${index + 1}. `;
        const label = (labels[index] ?? [choice.text]).join('\n');
        return (
          <Box key={choice.id}>
            <Pointer selected={selected} color={color} />
            <Box width={number.length} flexShrink={0}>
              <Text dimColor={!choice.enabled}>{number}</Text>
            </Box>
            {choice.enabled ? (
              <Text color={color && selected ? 'cyan' : undefined} bold={selected}>
                {label}
              </Text>
            ) : (
              <Text dimColor>{label}</Text>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
