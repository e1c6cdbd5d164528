import { Box, Text } from 'ink';
import { Indicator } from 'ink-select-input';
import type { ChoiceView } from '../engine/index.js';
import { unavailableLabel } from './labels.js';
import { wrapText } from './wrap.js';

/** Props of `ChoiceList`. */
export interface ChoiceListProps {
  /** The scene's choices, enabled and disabled, in the story's order. */
  readonly choices: readonly ChoiceView[];
  /** The highlighted choice's index. */
  readonly cursor: number;
  /** The width the list may use. */
  readonly width: number;
  /** Colours allowed (false under NO_COLOR). */
  readonly color: boolean;
}

/**
 * The numbered choices with ink-select-input's pointer on the highlighted
 * one; disabled choices are dimmed and show their hint. Keys are handled by
 * the screen's reducer (see `screen.ts` for why not by ink-select-input).
 */
export function ChoiceList({ choices, cursor, width, color }: ChoiceListProps) {
  // The pointer and its margin take two columns, the number the next few.
  const labelWidth = (index: number): number => Math.max(10, width - 2 - `${index + 1}. `.length);
  return (
    <Box flexDirection="column">
      {choices.map((choice, index) => {
        const selected = index === cursor;
        const number = `${index + 1}. `;
        return (
          <Box key={choice.id}>
            <Indicator isSelected={selected} />
            <Box width={number.length} flexShrink={0}>
              <Text dimColor={!choice.enabled}>{number}</Text>
            </Box>
            {choice.enabled ? (
              <Text color={color && selected ? 'cyan' : undefined} bold={selected}>
                {wrapText(choice.text, labelWidth(index)).join('\n')}
              </Text>
            ) : (
              <Text dimColor>{wrapText(unavailableLabel(choice), labelWidth(index)).join('\n')}</Text>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
