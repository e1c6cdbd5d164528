import { Box, Text } from 'ink';
import type { SceneView as SceneViewModel } from '../engine/index.js';
import { wrapText } from './wrap.js';

/** Props of `SceneView`. */
export interface SceneViewProps {
  /** The scene as the engine shows it in the current state. */
  readonly view: SceneViewModel;
  /** The width to wrap paragraphs to. */
  readonly width: number;
  /** Colours allowed (false under NO_COLOR). */
  readonly color: boolean;
}

/** The chapter and clock, the scene's title, then its paragraphs with a blank line between. */
export function SceneView({ view, width, color }: SceneViewProps) {
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text dimColor>{view.chapter}</Text>
        <Text dimColor>{view.clock}</Text>
      </Box>
      <Text bold color={color ? 'yellow' : undefined}>
        {view.title}
      </Text>
      {view.paragraphs.map((paragraph, index) => (
        <Box key={index} marginTop={1}>
          {/* Wrapped here, not by Ink: Ink starts a line with the space after a word that fills the previous one. */}
          <Text>{wrapText(paragraph, width).join('\n')}</Text>
        </Box>
      ))}
    </Box>
  );
}
