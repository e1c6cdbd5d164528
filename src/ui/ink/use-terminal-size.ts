import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { sizeOf, type TerminalSize } from './layout.js';

/** The terminal's size, following resizes; 80 columns and no row limit when unknown. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
