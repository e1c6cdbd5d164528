import { Box, Text } from 'ink';
import type { HelpEntry } from '../stat-help.js';
import { HelpLine } from './HelpLine.js';
import { wrapHanging, wrapText } from '../wrap.js';

/** Props of `HelpScreen`. */
export interface HelpScreenProps {
  /** What each number on the status panel means (see `statHelp`). */
  readonly entries: readonly HelpEntry[];
  readonly width: number;
  /** The terminal's height: the keys are left out, then the entries cut, to fit; undefined shows all. */
  readonly rows: number | undefined;
  /** Colours allowed. */
  readonly color: boolean;
}

// Every key of the game screen, for the player who wonders what else there is.
const KEYS =
  '↑↓ or j k move · Enter choose · 1–9, 0 pick · Enter or space: next page · b: page back · u undo · tab status · esc menu · q quit (saved)';

// The heading, the blank lines and the help line around the entries.
const CHROME_ROWS = 5;

/** `?` on the game screen: each stat in one line, then the keys. Any key goes back to the story. */
export function HelpScreen({ entries, width, rows, color }: HelpScreenProps) {
  const lines = entries.flatMap((e) => wrapHanging(`${e.label}: ${e.text}`, width, 2, true));
  const keys = wrapText(KEYS, width, true);
  const room = rows === undefined ? Number.POSITIVE_INFINITY : Math.max(1, rows - 1 - CHROME_ROWS);
  const withKeys = lines.length + 1 + keys.length <= room;
  const shown = lines.length <= room ? lines : [...lines.slice(0, room - 1), '…'];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={color ? 'yellow' : undefined}>
        What the numbers mean
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text>{shown.join('\n')}</Text>
        {withKeys ? (
          <Box marginTop={1}>
            <Text dimColor>{keys.join('\n')}</Text>
          </Box>
        ) : null}
      </Box>
      <HelpLine text="any key: back to the story" width={width} />
    </Box>
  );
}
