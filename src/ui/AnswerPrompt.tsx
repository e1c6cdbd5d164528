import { Box, Text } from 'ink';
import type { Answer } from './screen.js';

/** Props of `AnswerPrompt`. */
export interface AnswerPromptProps {
  /** The question and what has been typed so far. */
  readonly answer: Answer;
}

/** A one-line text field for a choice that asks for a typed answer (a name, a word). */
export function AnswerPrompt({ answer }: AnswerPromptProps) {
  const left = answer.maxLength - [...answer.text].length;
  return (
    <Box flexDirection="column">
      <Text>{answer.prompt}</Text>
      <Box>
        <Text>{'> '}</Text>
        <Text>{answer.text}</Text>
        <Text inverse> </Text>
      </Box>
      <Text dimColor>
        Enter to confirm · Esc to go back · {left} {left === 1 ? 'character' : 'characters'} left
      </Text>
    </Box>
  );
}
