import { Box, Text } from 'ink';
import { HelpLine } from './HelpLine.js';
import { charactersLeft } from '../labels.js';
import { MessageLine } from './MessageLine.js';
import type { TextField } from './text-field.js';
import { TextInput } from './TextInput.js';
import { wrapText } from '../wrap.js';

/** Props of `SavePrompt`. */
export interface SavePromptProps {
  /** The slot name typed so far, and the cursor. */
  readonly field: TextField;
  /** The save is being written. */
  readonly pending: boolean;
  /** Why the last name was refused, or the save failed. */
  readonly message: string | undefined;
  readonly width: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** Typing the name of the slot to save to. */
export function SavePrompt({ field, pending, message, width, color }: SavePromptProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={color ? 'yellow' : undefined}>
        Save to a slot
      </Text>
      <Box marginTop={1}>
        <Text>{wrapText('Name the save (letters, digits, spaces, - and _). A slot that exists is replaced; its old save is kept as a backup.', width, true).join('\n')}</Text>
      </Box>
      <Box marginTop={1}>
        <TextInput field={field} active={!pending} />
      </Box>
      {pending ? <Text dimColor>Saving…</Text> : <Text dimColor>{charactersLeft(field.text, field.max)}</Text>}
      <MessageLine message={message} width={width} color={color} />
      <HelpLine text="Enter save · ←→ move · esc back" width={width} />
    </Box>
  );
}

