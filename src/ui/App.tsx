import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import type { Key } from 'ink';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { sceneView } from '../engine/index.js';
import type { GameState, Story } from '../engine/index.js';
import { AnswerPrompt } from './AnswerPrompt.js';
import { ChoiceList } from './ChoiceList.js';
import { EndingView } from './EndingView.js';
import { SceneView } from './SceneView.js';
import { keyPresses } from './keys.js';
import { initialScreen, modeOf, reduceScreen } from './screen.js';

/** Props of `App`. */
export interface AppProps {
  /** The loaded story. */
  readonly story: Story;
  /** The game to play from (a new game from `start`, later a loaded save). */
  readonly initial: GameState;
  /** Colours allowed (false under NO_COLOR). */
  readonly color: boolean;
}

/** The game screen: the scene, then its choices, a typed answer or the ending. */
export function App({ story, initial, color }: AppProps) {
  const [screen, dispatch] = useReducer(reduceScreen, undefined, () => initialScreen(story, initial));
  const { exit } = useApp();
  // Without raw mode (stdin not a terminal) Ink cannot read single keys. The
  // command line uses plain mode then, so this is only a safety net.
  const canListen = useStdin().isRawModeSupported === true;
  const width = useWidth();

  // One listener for the whole screen, which only queues key presses: it
  // never reads state, so it is never stale (see screen.ts).
  const onInput = useCallback((input: string, key: Key) => {
    for (const press of keyPresses(input, key)) dispatch({ type: 'key', press });
  }, []);
  useInput(onInput, { isActive: canListen });

  useEffect(() => {
    if (screen.exitCode !== undefined) exit(screen.exitCode);
  }, [screen.exitCode, exit]);
  useEffect(() => {
    if (!canListen) exit(new Error('this terminal cannot send single key presses; run hyosan --plain'));
  }, [canListen, exit]);

  const view = sceneView(screen.story, screen.game);
  const { mode, choices } = modeOf(screen);
  return (
    <Box flexDirection="column" width={width}>
      <SceneView view={view} width={width} color={color} />
      <Box marginTop={1} flexDirection="column">
        {mode === 'ended' ? (
          <EndingView ending={view.ending} width={width} color={color} />
        ) : mode === 'dead-end' ? (
          <Text>
            There is no way on from here (scene &apos;{view.id}&apos;): the story has a dead end. Press q to leave.
          </Text>
        ) : mode === 'answering' && screen.answer !== undefined ? (
          <AnswerPrompt answer={screen.answer} />
        ) : (
          <ChoiceList choices={choices} cursor={screen.cursor} width={width} color={color} />
        )}
      </Box>
      {mode === 'choosing' ? (
        <Box marginTop={1}>
          <Text dimColor>↑↓ move · Enter choose · 1–9 pick · q quit</Text>
        </Box>
      ) : null}
    </Box>
  );
}

/** The width to draw at: the terminal's, capped at 80 columns, following resizes. */
function useWidth(): number {
  const { stdout } = useStdout();
  const [columns, setColumns] = useState(stdout.columns);
  useEffect(() => {
    const onResize = (): void => setColumns(stdout.columns);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return Math.min(columns > 0 ? columns : 80, 80);
}
