import { Box, Text } from 'ink';
import { splitAtCursor, type TextField } from './text-field.js';

/** Props of `TextInput`. */
export interface TextInputProps {
  /** What has been typed and where the cursor is. */
  readonly field: TextField;
  /** Show the cursor (not while what was typed is being used). */
  readonly active: boolean;
}

/** A one-line text field after a `> ` prompt, the cursor drawn as an inverse cell. */
export function TextInput({ field, active }: TextInputProps) {
  const [before, at, after] = splitAtCursor(field);
  return (
    <Box>
      <Text>{'> '}</Text>
      <Text>{before}</Text>
      {active ? <Text inverse>{at}</Text> : <Text>{at === ' ' ? '' : at}</Text>}
      <Text>{after}</Text>
    </Box>
  );
}
