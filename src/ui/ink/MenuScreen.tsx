import { Box, Text } from 'ink';
import { HelpLine } from './HelpLine.js';
import { MenuList } from './MenuList.js';
import { MessageLine } from './MessageLine.js';
import type { MenuItem } from './menu-item.js';
import { truncate } from '../wrap.js';

/** Props of `MenuScreen`. */
export interface MenuScreenProps {
  /** Where the game is: `The Gym Door · Day 1, 08:40`. */
  readonly where: string;
  readonly items: readonly MenuItem[];
  readonly cursor: number;
  /** What the last entry did (an undo) or why it did not work. */
  readonly message: string | undefined;
  readonly width: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** The in-game menu (Esc): save, load, undo, settings, quit. */
export function MenuScreen({ where, items, cursor, message, width, color }: MenuScreenProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={color ? 'yellow' : undefined}>
        Menu
      </Text>
      <Text dimColor>{truncate(where, width)}</Text>
      <Box marginTop={1}>
        <MenuList items={items} cursor={cursor} color={color} />
      </Box>
      <MessageLine message={message} width={width} color={color} />
      <HelpLine text="↑↓ move · Enter choose · esc back" width={width} />
    </Box>
  );
}
