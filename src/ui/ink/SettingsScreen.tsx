import { Box, Text } from 'ink';
import { HelpLine } from './HelpLine.js';
import { MenuList } from './MenuList.js';
import type { MenuItem } from './menu-item.js';

/** Props of `SettingsScreen`. */
export interface SettingsScreenProps {
  /** Text speed, colours, back: each showing its value. */
  readonly items: readonly MenuItem[];
  readonly cursor: number;
  readonly width: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** The settings: how fast text appears, colours, and whether a line says what changed. Kept between games. */
export function SettingsScreen({ items, cursor, width, color }: SettingsScreenProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={color ? 'yellow' : undefined}>
        Settings
      </Text>
      <Box marginTop={1}>
        <MenuList items={items} cursor={cursor} color={color} />
      </Box>
      <HelpLine text="↑↓ move · Enter or ←→ change · esc back" width={width} />
    </Box>
  );
}
