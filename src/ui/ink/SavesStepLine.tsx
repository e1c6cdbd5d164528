import { Box, Text } from 'ink';
import type { SavesStep } from './screen-state.js';
import { TextInput } from './TextInput.js';
import { wrapText } from '../wrap.js';

/** Props of `SavesStepLine`. */
export interface SavesStepLineProps {
  /** Where the saves screen is. */
  readonly step: SavesStep;
  /** The width to wrap to. */
  readonly width: number;
}

/** The question before a delete, or the field for a new name; nothing on the plain list. */
export function SavesStepLine({ step, width }: SavesStepLineProps) {
  switch (step.kind) {
    case 'list':
      return null;
    case 'delete':
      return (
        <Box marginTop={1}>
          <Text bold>{wrapText(`Delete the save "${step.slot}" and its backup? y deletes it, any other key keeps it.`, width, true).join('\n')}</Text>
        </Box>
      );
    case 'rename':
      return (
        <Box marginTop={1} flexDirection="column">
          <Text>{wrapText(`A new name for "${step.slot}":`, width, true).join('\n')}</Text>
          <TextInput field={step.field} active />
        </Box>
      );
    default: {
      const _never: never = step;
      return _never;
    }
  }
}
