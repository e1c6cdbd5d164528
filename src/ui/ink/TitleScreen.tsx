import { Box, Text } from 'ink';
import { HelpLine } from './HelpLine.js';
import { MenuList } from './MenuList.js';
import { MessageLine } from './MessageLine.js';
import type { MenuItem } from './menu-item.js';
import { TITLE_HELP } from './title.js';
import { wrapText } from '../wrap.js';

/** Props of `TitleScreen`. */
export interface TitleScreenProps {
  /** The story's title. */
  readonly title: string;
  /** The story's line under its title, if it has one. */
  readonly tagline: string | undefined;
  /** The line naming the story packs played with, if any. */
  readonly packs?: string | undefined;
  /** New game, Continue (greyed when there is nothing to continue), Load, Settings, Quit. */
  readonly items: readonly MenuItem[];
  readonly cursor: number;
  /** Why the last thing asked for did not work (a damaged save). */
  readonly message: string | undefined;
  readonly width: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** The title screen: the story's name and the way into a game (drawn before Ink loads by title.ts's `titleFrame`). */
export function TitleScreen({ title, tagline, packs, items, cursor, message, width, color }: TitleScreenProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box marginTop={1} flexDirection="column">
        <Text bold color={color ? 'yellow' : undefined}>
          {wrapText(title, width, true).join('\n')}
        </Text>
        {tagline === undefined ? null : <Text dimColor>{wrapText(tagline, width, true).join('\n')}</Text>}
        {packs === undefined ? null : <Text dimColor>{wrapText(packs, width, true).join('\n')}</Text>}
      </Box>
      <Box marginTop={1}>
        <MenuList items={items} cursor={cursor} color={color} />
      </Box>
      <MessageLine message={message} width={width} color={color} />
      <HelpLine text={TITLE_HELP} width={width} />
    </Box>
  );
}
