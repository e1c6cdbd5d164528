import { Box, Text } from 'ink';
import type { Answer } from './game-layout.js';
import { charactersLeft } from '../labels.js';
import { TextInput } from './TextInput.js';

/** Props of `AnswerPrompt`. */
export interface AnswerPromptProps {
  /** What has been typed so far, where the cursor is, and how long it may be. */
  readonly answer: Answer;
  /** The question, already wrapped to the width. */
  readonly prompt: readonly string[];
}

/**
 * A one-line text field for a choice that asks for a typed answer (a name, a
 * word). The keys are on the help line below; here only what is left to type.
 */
export function AnswerPrompt({ answer, prompt }: AnswerPromptProps) {
  return (
    <Box flexDirection="column">
      <Text>{prompt.join('\n')}</Text>
      <TextInput field={answer.field} active />
      <Text dimColor>{charactersLeft(answer.field.text, answer.field.max)}</Text>
    </Box>
  );
}
