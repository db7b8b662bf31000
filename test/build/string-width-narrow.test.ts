// The build widens string-width's fast path (scripts/patches/string-width-narrow.mjs): strings of characters it
// measures as one column each, none of which can join another into a cluster, are measured by length. The answer
// must be string-width's own, for every such character and any mix of them, and the patch must fail loudly if
// string-width changes.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../scripts/patches/ink-output-cache.mjs';
import { installedStringWidth, narrowRanges, stringWidthNarrow } from '../../scripts/patches/string-width-narrow.mjs';

const original = await installedStringWidth();
const inkDir = path.dirname(createRequire(import.meta.url).resolve('ink'));
const file = path.join(inkDir, '..', '..', 'string-width', 'index.js');

describe("the build's patch of string-width", () => {
  it('applies to the string-width ink uses, and measures as string-width does', async () => {
    const patch = await stringWidthNarrow();
    expect(patch.file.test(file) && !patch.skip.test(file)).toBe(true);
    const copy = path.join(path.dirname(file), `index.aksync-${process.pid}.js`);
    writeFileSync(copy, applyPatch(patch, readFileSync(file, 'utf8'), file));
    try {
      const patched = ((await import(pathToFileURL(copy).href)) as { default: (text: string) => number }).default;
      const narrow = narrowRanges(original).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));
      expect(narrow).toContain('✓');
      expect(narrow).toContain('─');
      expect(narrow).toContain('▶');
      for (const char of narrow) expect(patched(char), `U+${char.codePointAt(0)!.toString(16)}`).toBe(original(char));
      // Mixes, with ASCII and styles, and what the fast path must leave to string-width: wide, emoji, marks, joiners.
      let seed = 7;
      const pick = () => narrow[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % narrow.length]!;
      const samples = Array.from({ length: 300 }, (_, n) => Array.from({ length: 1 + (n % 12) }, (_, i) => (i % 3 ? pick() : 'a')).join(''));
      samples.push('✓ ok', '\u001b[32m✓\u001b[39m done', '表 wide', 'e\u0301', '⚠\ufe0f', '👍🏽', 'a\u200db', '✓\u0301', '─'.repeat(80), '▶▶', '▶ ✓ ok', '⚠⚠', '▶\ufe0f', '⚠\u200d⚠');
      for (const text of samples) expect(patched(text), JSON.stringify(text)).toBe(original(text));
    } finally {
      rmSync(copy, { force: true });
    }
  });

  it('refuses, naming the file, when string-width no longer has the line it replaces', async () => {
    const patch = await stringWidthNarrow();
    expect(() => applyPatch(patch, 'export default function stringWidth() {}', file)).toThrow(/no longer applies/);
  });
});
