import { Box, Text } from 'ink';
import type { Answer, GameLayout } from './game-layout.js';
import { HelpLine } from './HelpLine.js';
import { SceneFooter } from './SceneFooter.js';
import { SceneView } from './SceneView.js';
import type { StatusReport } from '../status.js';
import { StatusPanel } from './StatusPanel.js';
import { truncate, wrapText } from '../wrap.js';

/** Props of `GameScreen`. */
export interface GameScreenProps {
  /** The laid-out scene (see `gameLayout`). */
  readonly layout: GameLayout;
  /** The highlighted choice. */
  readonly cursor: number;
  /** The typed answer in progress, if the footer asks for one. */
  readonly answer: Answer | undefined;
  /** Characters of the page shown so far while text appears gradually. */
  readonly reveal: number | undefined;
  /** The status panel's contents. */
  readonly status: StatusReport;
  /** Why the watched story folder could not be reloaded. */
  readonly storyProblem: string | undefined;
  /** Colours allowed. */
  readonly color: boolean;
}

/** The game: the scene's page, then the choices (or a prompt, or the ending), the status panel and the keys. */
export function GameScreen({ layout, cursor, answer, reveal, status, storyProblem, color }: GameScreenProps) {
  const { columns, footer, note } = layout;
  const width = columns.main;
  return (
    <Box flexDirection="row">
      <Box flexDirection="column" width={width} flexShrink={0}>
        {columns.panel === 'full' ? (
          <StatusPanel report={status} width={width} height={layout.panelRows ?? Infinity} placement="full" page={layout.status.page} color={color} />
        ) : (
          <>
            <SceneView
              scene={layout.scene}
              title={layout.title}
              lines={layout.pages[layout.page] ?? []}
              reveal={reveal}
              width={width}
              color={color}
            />
            {/* An ending closes the page itself: no footer under it. */}
            {reveal === undefined && footer.kind !== 'ending' ? (
              <Box marginTop={1} flexDirection="column">
                <SceneFooter footer={footer} cursor={cursor} answer={answer} color={color} />
              </Box>
            ) : null}
          </>
        )}
        {note === undefined ? null : (
          <Box marginTop={1}>
            <Text color={color ? 'green' : undefined}>{note.lines.join('\n')}</Text>
          </Box>
        )}
        {storyProblem === undefined || layout.problem.length === 0 ? null : (
          <Box marginTop={1}>
            <Text color={color ? 'red' : undefined}>{layout.problem.join('\n')}</Text>
          </Box>
        )}
        {note?.overHelp === true ? null : (
          <HelpLine text={layout.help} width={width} />
        )}
      </Box>
      {columns.panel === 'side' ? (
        <Box marginLeft={1}>
          <StatusPanel report={status} width={columns.panelWidth} height={layout.panelRows ?? Infinity} placement="side" color={color} />
        </Box>
      ) : null}
    </Box>
  );
}
