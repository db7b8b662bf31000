// The one primitive every row is made of: a single terminal line of coloured segments, sanitised and cut to
// `width` so it can neither carry an escape sequence nor wrap onto a second row.
import { Text } from 'ink';
import { memo } from 'react';
import { safeLine } from '../../domain/sanitize.js';
import type { Color } from '../theme.js';
import { truncate, widthOf, wrapRanges } from '../text.js';

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

/**
 * Segments word-wrapped onto at most `maxLines` rows of `width` columns, each piece keeping its segment's style.
 * What does not fit goes into the last row, which Line then cuts with the ellipsis.
 */
export function wrapSegments(segments: readonly Segment[], width: number, maxLines: number): Segment[][] {
  const safe = segments.map((s) => ({ ...s, text: safeLine(s.text) })).filter((s) => s.text !== '');
  if (safe.length === 0) return [[]];
  const text = safe.map((s) => s.text).join('');
  const ranges = wrapRanges(text, width);
  const kept = ranges.slice(0, Math.max(1, maxLines));
  const last = kept.length - 1;
  kept[last] = [kept[last]?.[0] ?? 0, text.length];
  const starts: number[] = [];
  let at = 0;
  for (const s of safe) {
    starts.push(at);
    at += s.text.length;
  }
  return kept.map(([from, to]) => {
    const line: Segment[] = [];
    safe.forEach((s, i) => {
      const start = Math.max(from, starts[i] as number);
      const end = Math.min(to, (starts[i] as number) + s.text.length);
      if (end > start) line.push({ ...s, text: s.text.slice(start - (starts[i] as number), end - (starts[i] as number)) });
    });
    return line;
  });
}

interface LineProps {
  segments: readonly Segment[];
  width: number;
  ellipsis?: string;
}

function sameSegment(a: Segment, b: Segment): boolean {
  return a.text === b.text && a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.inverse === b.inverse && a.underline === b.underline;
}

/**
 * Screens build their rows' segments anew on every render; a row whose segments say the same as last time is not
 * drawn again (a `j` changes two rows of a table, not forty).
 */
function sameLine(a: LineProps, b: LineProps): boolean {
  return (
    a.width === b.width &&
    a.ellipsis === b.ellipsis &&
    a.segments.length === b.segments.length &&
    a.segments.every((segment, i) => sameSegment(segment, b.segments[i] as Segment))
  );
}

export const Line = memo(function Line({ segments, width, ellipsis }: LineProps) {
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
}, sameLine);
