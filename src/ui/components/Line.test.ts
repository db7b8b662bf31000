import { describe, expect, it } from 'vitest';
import { widthOf } from '../text.js';
import { wrapSegments, type Segment } from './Line.js';

const texts = (lines: Segment[][]) => lines.map((line) => line.map((s) => s.text).join(''));

describe('styled text wrapped onto several rows', () => {
  const sentence: Segment[] = [
    { text: 'stale 2m', bold: true },
    { text: ' · ' },
    { text: 'authentik is unreachable: [Errno 111] Connection refused', color: 'red' },
  ];

  it('breaks between words and keeps each piece its style', () => {
    const lines = wrapSegments(sentence, 30, 5);
    expect(texts(lines)).toEqual(['stale 2m · authentik is', 'unreachable: [Errno 111]', 'Connection refused']);
    expect(lines[0]?.[0]).toEqual({ text: 'stale 2m', bold: true });
    expect(lines[1]).toEqual([{ text: 'unreachable: [Errno 111]', color: 'red' }]);
  });

  it('puts whatever does not fit into the last allowed row (the row cuts it with an ellipsis)', () => {
    const lines = wrapSegments(sentence, 30, 2);
    expect(texts(lines)).toEqual(['stale 2m · authentik is', 'unreachable: [Errno 111] Connection refused']);
  });

  it('wraps the visible form of control characters, and measures wide characters', () => {
    const lines = wrapSegments([{ text: '営業部\u001b[2J 山田太郎 東京本社' }], 13, 5);
    expect(texts(lines)).toEqual(['営業部\\x1b[2J', '山田太郎', '東京本社']);
    for (const line of texts(lines)) expect(widthOf(line)).toBeLessThanOrEqual(13);
  });

  it('gives one empty row for no text', () => {
    expect(wrapSegments([], 20, 3)).toEqual([[]]);
  });
});
