import { Box, Text } from 'ink';
import type { Answer } from './game-layout.js';
import { charactersLeft } from '../labels.js';

/** Props of `AnswerPrompt`. */
export interface AnswerPromptProps {
  /** What has been typed so far, and how long it may be. */
  readonly answer: Answer;
  /** The question, already wrapped to the width. */
  readonly prompt: readonly string[];
}

/** A one-line text field for a choice that asks for a typed answer (a name, a word). */
export function AnswerPrompt({ answer, prompt }: AnswerPromptProps) {
  return (
    <Box flexDirection="column">
      <Text>{prompt.join('\n')}</Text>
      <Box>
        <Text>{'> '}</Text>
        <Text>{answer.text}</Text>
        <Text inverse> </Text>
      </Box>
      <Text dimColor>
        Enter to confirm · Esc to go back · {charactersLeft(answer.text, answer.maxLength)}
      </Text>
    </Box>
  );
}
