import { Box, Text } from 'ink';
import type { SceneView as SceneViewModel } from '../../engine/index.js';
import type { BodyLine } from '../paging.js';
import { columnsOf, truncate } from '../wrap.js';

/** Props of `SceneView`. */
export interface SceneViewProps {
  /** The scene as the engine shows it (chapter and clock for the header). */
  readonly scene: SceneViewModel;
  /** The scene's title, wrapped to the width. */
  readonly title: readonly string[];
  /** The lines of the page shown (see `gameLayout`). */
  readonly lines: readonly BodyLine[];
  /** How many characters of the page to show, while text appears gradually; all when undefined. */
  readonly reveal: number | undefined;
  /** The width of the scene's column. */
  readonly width: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** The chapter and clock, the scene's title, then the page of prose (notices and what the last move told above it). */
export function SceneView({ scene, title, lines, reveal, width, color }: SceneViewProps) {
  const chapter = truncate(scene.chapter, Math.max(0, width - columnsOf(scene.clock) - 1));
  const shown = reveal === undefined ? lines : revealed(lines, reveal);
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between" width={width}>
        <Text dimColor>{chapter}</Text>
        <Text dimColor>{scene.clock}</Text>
      </Box>
      <Text bold color={color ? 'yellow' : undefined}>
        {title.join('\n')}
      </Text>
      {shown.length === 0 ? null : (
        <Box marginTop={1} flexDirection="column">
          {shown.map((line, index) => (
            <BodyText key={index} line={line} color={color} />
          ))}
        </Box>
      )}
    </Box>
  );
}

/**
 * One line of the body, in its tone's style: a notice bold, what the last
 * move said in italics set apart from the prose, the changes line dim, an
 * ending's banner bold (red).
 */
function BodyText({ line, color }: { readonly line: BodyLine; readonly color: boolean }) {
  switch (line.tone) {
    case 'notice':
      return (
        <Text color={color ? 'magenta' : undefined} bold>
          {line.text}
        </Text>
      );
    case 'said':
      return (
        <Text italic color={color ? 'cyan' : undefined}>
          {line.text}
        </Text>
      );
    case 'changes':
      return <Text dimColor>{line.text}</Text>;
    case 'banner':
      return (
        <Text bold color={color ? 'red' : undefined}>
          {line.text}
        </Text>
      );
    case 'prose':
      return <Text>{line.text === '' ? ' ' : line.text}</Text>;
    default: {
      const never: never = line.tone;
      return never;
    }
  }
}

/** The first `count` characters of the page, line by line. */
function revealed(lines: readonly BodyLine[], count: number): BodyLine[] {
  const out: BodyLine[] = [];
  let left = count;
  for (const line of lines) {
    if (left <= 0) break;
    const chars = [...line.text];
    out.push({ ...line, text: chars.slice(0, left).join('') });
    left -= chars.length;
  }
  return out;
}
