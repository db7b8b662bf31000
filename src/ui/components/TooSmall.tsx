import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { useTheme } from '../theme-context.js';
import { Line } from './Line.js';

export function TooSmall({ width, columns, rows }: { width: number; columns: number; rows: number }) {
  const { ascii, glyphs } = useTheme();
  const x = ascii ? 'x' : '×';
  return (
    <Line
      width={Math.max(1, width)}
      segments={[{ text: `terminal too small (need ${MIN_COLUMNS}${x}${MIN_ROWS}, have ${columns}${x}${rows})` }]}
      ellipsis={glyphs.ellipsis}
    />
  );
}
