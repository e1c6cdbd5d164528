import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { TerminalSize } from './layout.js';

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

/** The size a stream reports, with defaults for what it does not. */
export function sizeOf(stdout: { readonly columns?: number; readonly rows?: number }): TerminalSize {
  const columns = typeof stdout.columns === 'number' && stdout.columns > 0 ? stdout.columns : 80;
  const rows = typeof stdout.rows === 'number' && stdout.rows > 0 ? stdout.rows : undefined;
  return { columns, rows };
}
