import { Box, Text } from 'ink';
import { HelpLine } from './HelpLine.js';
import { MessageLine } from './MessageLine.js';
import { Pointer } from './Pointer.js';
import type { SaveListing } from '../ports.js';
import type { SavesStep } from './screen-state.js';
import { SavesStepLine } from './SavesStepLine.js';
import { columnsOf, firstFitting, truncate } from '../wrap.js';

/** Props of `SavesScreen`. */
export interface SavesScreenProps {
  /** The saves, newest first; undefined while they are being read. */
  readonly saves: readonly SaveListing[] | undefined;
  readonly cursor: number;
  /** A save is being loaded, deleted or renamed. */
  readonly pending: boolean;
  /** The list, or asking before a delete, or the new name being typed. */
  readonly step: SavesStep;
  /** What the last change did, or why the last save picked would not load. */
  readonly message: string | undefined;
  readonly width: number;
  /** The terminal's height, to show only the saves that fit; undefined shows them all. */
  readonly rows: number | undefined;
  /** Colours allowed. */
  readonly color: boolean;
}

// Rows around the list: the heading, a blank, the question or field, the message and the help line with their blanks.
const CHROME_ROWS = 10;
const ROWS_PER_SAVE = 2;

/**
 * The saved games: slot and real date, then scene, chapter and in-game time,
 * in a scrolling window on short terminals; below them, the question before
 * a delete or the field for a new name.
 */
export function SavesScreen({ saves, cursor, pending, step, message, width, rows, color }: SavesScreenProps) {
  const fits = rows === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor((rows - CHROME_ROWS) / ROWS_PER_SAVE));
  const all = saves ?? [];
  const from = Math.max(0, Math.min(cursor - Math.floor(fits / 2), all.length - fits));
  const shown = all.slice(from, from + fits);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={color ? 'yellow' : undefined}>
        Saved games
      </Text>
      <Box marginTop={1} flexDirection="column">
        {saves === undefined ? <Text dimColor>Reading saves…</Text> : null}
        {shown.map((save, i) => {
          const index = from + i;
          const selected = index === cursor;
          const date = ` ${save.savedAt}`;
          const slot = truncate(save.slot, Math.max(4, width - 2 - columnsOf(date)));
          const detail = detailLine(save, width - 2);
          return (
            <Box key={save.slot} flexDirection="column">
              <Box>
                <Pointer selected={selected} color={color} />
                <Box flexGrow={1}>
                  <Text bold={selected} color={color && selected ? 'cyan' : undefined}>
                    {slot}
                  </Text>
                </Box>
                <Text dimColor>{date}</Text>
              </Box>
              <Text dimColor={save.note === undefined} color={color && save.note !== undefined ? 'magenta' : undefined}>
                {`  ${truncate(detail, width - 2)}`}
              </Text>
            </Box>
          );
        })}
        {from + shown.length < all.length ? <Text dimColor>  … {all.length - from - shown.length} more</Text> : null}
      </Box>
      {pending ? <Text dimColor>Working…</Text> : <SavesStepLine step={step} width={width} />}
      <MessageLine message={message} width={width} color={color} />
      <HelpLine text={helpFor(step, width)} width={width} />
    </Box>
  );
}

/**
 * The scene, chapter and in-game time of a save (and what is wrong with it):
 * without the chapter when that does not fit, so that the time is not what
 * is cut off.
 */
function detailLine(save: SaveListing, width: number): string {
  const line = (parts: readonly string[]) =>
    [parts.filter((s) => s !== '').join(' · '), save.note ?? ''].filter((s) => s !== '').join(' — ');
  return firstFitting(width, line([save.sceneTitle, save.chapter, save.clock]), line([save.sceneTitle, save.clock]));
}

/** The keys for where the screen is. */
function helpFor(step: SavesStep, width: number): string {
  switch (step.kind) {
    case 'list':
      return firstFitting(width, '↑↓ move · Enter load · d delete · r rename · esc back', 'Enter load · d delete · r rename · esc');
    case 'delete':
      return 'y delete · any other key keeps it';
    case 'rename':
      return 'Enter rename · ←→ move · esc back';
    default: {
      const _never: never = step;
      return _never;
    }
  }
}
