import { Box, Text } from 'ink';
import type { ChoiceView } from '../../engine/index.js';
import { choiceLabel } from '../labels.js';
import { Pointer } from './Pointer.js';
import { choiceWindow } from './layout.js';

/** Props of `ChoiceList`. */
export interface ChoiceListProps {
  /** The scene's choices, enabled and disabled, in the story's order. */
  readonly choices: readonly ChoiceView[];
  /** Each choice's label, already wrapped to the width (see `choiceLabels`). */
  readonly labels: readonly (readonly string[])[];
  /** The highlighted choice's index. */
  readonly cursor: number;
  /** The rows the list may take: a taller list shows the choices around the highlight. All when undefined. */
  readonly rows?: number | undefined;
  /** Colours allowed. */
  readonly color: boolean;
}

/**
 * The numbered choices with a pointer on the highlighted one; disabled
 * choices are dimmed and marked in words with their hint. Keys are handled by
 * the screen's reducer (see `screen.ts` for why not by ink-select-input).
 */
export function ChoiceList({ choices, labels, cursor, rows, color }: ChoiceListProps) {
  const { from, to } = choiceWindow(labels, cursor, rows);
  return (
    <Box flexDirection="column">
      {from > 0 ? <Text dimColor>{`  ↑ ${from} more`}</Text> : null}
      {choices.slice(from, to).map((choice, shown) => {
        const index = from + shown;
        const selected = index === cursor;
        const number = `${index + 1}. `;
        const label = (labels[index] ?? [choiceLabel(choice)]).join('\n');
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
      {to < choices.length ? <Text dimColor>{`  ↓ ${choices.length - to} more`}</Text> : null}
    </Box>
  );
}
