// ink 6.8 never reads `rows` and re-renders on resize only for width: track both here, from the stream itself.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

export function readSize(stdout: { columns?: number; rows?: number }): TerminalSize {
  return {
    columns: stdout.columns && stdout.columns > 0 ? stdout.columns : FALLBACK.columns,
    rows: stdout.rows && stdout.rows > 0 ? stdout.rows : FALLBACK.rows,
  };
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const onResize = () =>
      setSize((old) => {
        const next = readSize(stdout);
        return next.columns === old.columns && next.rows === old.rows ? old : next;
      });
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
