// The one primitive every row is made of: a single terminal line of coloured segments, sanitised and cut to
// `width` so it can neither carry an escape sequence nor wrap onto a second row.
import { Text } from 'ink';
import { safeLine } from '../../domain/sanitize.js';
import type { Color } from '../theme.js';
import { truncate, widthOf } from '../text.js';

export interface Segment {
  text: string;
  color?: Color;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** Cut the segments so that together they fit `width` columns; the last one cut ends with the ellipsis. */
export function fitSegments(segments: readonly Segment[], width: number, ellipsis = '…'): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const segment of segments) {
    if (left <= 0) break;
    const text = safeLine(segment.text);
    const w = widthOf(text);
    if (w <= left) {
      out.push({ ...segment, text });
      left -= w;
    } else {
      out.push({ ...segment, text: truncate(text, left, ellipsis) });
      left = 0;
    }
  }
  return out;
}

export function Line({ segments, width, ellipsis }: { segments: readonly Segment[]; width: number; ellipsis?: string }) {
  const parts = fitSegments(segments, width, ellipsis);
  const empty = parts.every((s) => s.text === '');
  return (
    <Text wrap="truncate-end">
      {empty ? ' ' : parts.map((s, i) => (
        <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse} underline={s.underline}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
