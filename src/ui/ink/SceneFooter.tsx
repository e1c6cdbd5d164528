import { Text } from 'ink';
import { AnswerPrompt } from './AnswerPrompt.js';
import { ChoiceList } from './ChoiceList.js';
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

/** What follows the prose: a "more" prompt, the choices, a typed answer, or a dead end (an ending is part of the prose). */
export function SceneFooter({ footer, cursor, answer, color }: SceneFooterProps) {
  switch (footer.kind) {
    case 'more':
      return <Text inverse>{` more (Enter) — page ${footer.page + 1} of ${footer.pages} `}</Text>;
    case 'choices':
      return <ChoiceList choices={footer.choices} labels={footer.labels} cursor={cursor} rows={footer.rows} color={color} />;
    case 'answer':
      return answer === undefined ? null : <AnswerPrompt answer={answer} prompt={footer.prompt} />;
    case 'ending':
      // The ending's lines close the page above.
      return null;
    case 'dead-end':
      return <Text>{footer.lines.join('\n')}</Text>;
    default: {
      const _never: never = footer;
      return _never;
    }
  }
}
