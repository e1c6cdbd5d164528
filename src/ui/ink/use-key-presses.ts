import { useStdin } from 'ink';
import { useEffect } from 'react';
import { keyPresses, type KeyPress } from './keys.js';

/**
 * Calls `onPress` for every key pressed, in order, while `active`. It reads
 * the input events Ink's own input parser emits (whole escape sequences, or
 * runs of text) and turns them into key presses itself (keys.ts), in place
 * of Ink's `useInput`, which throws on escape sequences it does not know.
 */
export function useKeyPresses(onPress: (press: KeyPress) => void, active: boolean): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  useEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [active, setRawMode]);
  useEffect(() => {
    if (!active) return;
    const onInput = (input: string): void => {
      for (const press of keyPresses(input)) onPress(press);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [active, events, onPress]);
}
