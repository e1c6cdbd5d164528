import { Box, Text } from 'ink';
import { Pointer } from './Pointer.js';
import type { MenuItem } from './menu-item.js';

/** Props of `MenuList`. */
export interface MenuListProps {
  readonly items: readonly MenuItem[];
  /** The highlighted entry's index. */
  readonly cursor: number;
  /** Colours allowed. */
  readonly color: boolean;
}

/** A vertical menu: a pointer on the highlighted entry, greyed entries that cannot be picked. */
export function MenuList({ items, cursor, color }: MenuListProps) {
  return (
    <Box flexDirection="column">
      {items.map((item, index) => {
        const selected = index === cursor;
        return (
          <Box key={item.id}>
            <Pointer selected={selected} color={color} />
            <Text dimColor={!item.enabled} bold={selected && item.enabled} color={color && selected ? 'cyan' : undefined}>
              {item.label}
            </Text>
            {item.note === undefined ? null : <Text dimColor> ({item.note})</Text>}
          </Box>
        );
      })}
    </Box>
  );
}
