import { Box, Text } from 'ink';
import type { HelpEntry } from '../stat-help.js';
import { HelpLine } from './HelpLine.js';
import { helpPages } from './help-pages.js';
import { firstFitting } from '../wrap.js';

/** Props of `HelpScreen`. */
export interface HelpScreenProps {
  /** What each number on the status panel means (see `statHelp`). */
  readonly entries: readonly HelpEntry[];
  readonly width: number;
  /** The terminal's height, to cut the screen into pages; undefined shows all. */
  readonly rows: number | undefined;
  /** The page shown. */
  readonly page: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** `?` on the game screen: each stat in one line, then the keys, over pages when it must. Any other key goes back to the story. */
export function HelpScreen({ entries, width, rows, page, color }: HelpScreenProps) {
  const pages = helpPages(entries, width, rows);
  const shown = Math.max(0, Math.min(page, pages.length - 1));
  const last = shown === pages.length - 1;
  const help =
    pages.length === 1
      ? 'any key: back to the story'
      : last
        ? firstFitting(width, 'b back · any other key: back to the story', 'b back · any key: the story')
        : firstFitting(width, 'Enter more · b back · any other key: back to the story', 'Enter more · any key: the story');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={color ? 'yellow' : undefined}>
        What the numbers mean
      </Text>
      <Box marginTop={1} flexDirection="column">
        {(pages[shown] ?? []).map((line, i) =>
          line.keys ? (
            <Text key={i} dimColor>
              {line.text}
            </Text>
          ) : (
            <Text key={i}>{line.text === '' ? ' ' : line.text}</Text>
          ),
        )}
        {pages.length > 1 ? <Text inverse>{` ${last ? '' : 'more (Enter) — '}page ${shown + 1} of ${pages.length} `}</Text> : null}
      </Box>
      <HelpLine text={help} width={width} />
    </Box>
  );
}
