import { Box, Text } from 'ink';
import { AnswerPrompt } from './AnswerPrompt.js';
import { ChoiceList } from './ChoiceList.js';
import { EndingView } from './EndingView.js';
import type { Answer, Footer } from './game-layout.js';

/** Props of `SceneFooter`. */
export interface SceneFooterProps {
  /** What follows the page shown (see `gameLayout`). */
  readonly footer: Footer;
  /** The highlighted choice. */
  readonly cursor: number;
  /** The typed answer in progress. */
  readonly answer: Answer | undefined;
  /** Colours allowed. */
  readonly color: boolean;
}

/** What follows the prose: a "more" prompt, the choices (under an ending that leads on), a typed answer, the ending or a dead end. */
export function SceneFooter({ footer, cursor, answer, color }: SceneFooterProps) {
  switch (footer.kind) {
    case 'more':
      return <Text inverse>{` more (Enter) — page ${footer.page + 1} of ${footer.pages} `}</Text>;
    case 'choices':
      return footer.ending === undefined ? (
        <ChoiceList choices={footer.choices} labels={footer.labels} cursor={cursor} color={color} />
      ) : (
        <Box flexDirection="column">
          <EndingView lines={footer.ending} color={color} />
          <Box marginTop={1}>
            <ChoiceList choices={footer.choices} labels={footer.labels} cursor={cursor} color={color} />
          </Box>
        </Box>
      );
    case 'answer':
      return answer === undefined ? null : <AnswerPrompt answer={answer} prompt={footer.prompt} />;
    case 'ending':
      return <EndingView lines={footer.lines} color={color} />;
    case 'dead-end':
      return <Text>{footer.lines.join('\n')}</Text>;
    default: {
      const _never: never = footer;
      return _never;
    }
  }
}
