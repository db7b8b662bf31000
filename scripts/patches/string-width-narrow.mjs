// A change to string-width 8 (ink's and aksync's cell measure), applied by the build as it bundles it. string-width
// counts printable ASCII by length and sends anything else through Intl.Segmenter and Unicode-property regular
// expressions, whose first use costs ~40 ms (compiling \p{RGI_Emoji}), and every later call a grapheme walk. A
// monitor's frame is ASCII plus a few marks (✓ · … ─ ⠋): here the fast path also takes strings made only of
// characters that string-width itself measures as one column and that cannot join another into a cluster (no marks,
// joiners, selectors, emoji presentation or format characters), so the answer is the same, without the walk.
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where such characters are looked for: Latin, Greek, Cyrillic, punctuation, arrows, box drawing, braille, shapes. */
const CANDIDATES = [
  [0xa0, 0x52f],
  [0x1e00, 0x1fff],
  [0x2010, 0x2bff],
];
// A pictograph shown as text (▶ ⚠, one column) stays one: only a selector, a joiner or a modifier after it, all of
// which are left out, makes it an emoji.
const JOINS_OR_SPECIAL =
  /[\p{M}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Emoji_Presentation}\p{Emoji_Component}\p{Regional_Indicator}\p{Default_Ignorable_Code_Point}]/u;

/** The installed string-width (the top-level one ink uses), unpatched. */
export async function installedStringWidth() {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('ink')), '..', '..', 'string-width', 'index.js');
  return (await import(file)).default;
}

/** [from, to] code point ranges of the characters the fast path may take, as measured by `stringWidth`. */
export function narrowRanges(stringWidth) {
  const ranges = [];
  for (const [from, to] of CANDIDATES) {
    for (let cp = from; cp <= to; cp += 1) {
      const char = String.fromCodePoint(cp);
      if (JOINS_OR_SPECIAL.test(char) || stringWidth(char) !== 1) continue;
      const last = ranges.at(-1);
      if (last && last[1] === cp - 1) last[1] = cp;
      else ranges.push([cp, cp]);
    }
  }
  return ranges;
}

const hex = (cp) => `\\u${cp.toString(16).padStart(4, '0')}`;

/** The patch, with the character class worked out from the installed string-width. */
export async function stringWidthNarrow() {
  const ranges = narrowRanges(await installedStringWidth());
  const narrow = ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
  return {
    // string-width 8 only (wrap-ansi carries its own string-width 7, which has no fast path to widen).
    file: /[\\/]string-width[\\/]index\.js$/,
    skip: /[\\/]wrap-ansi[\\/]/,
    find: '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n',
    replace: `\tif (/^[\\u0020-\\u007E${narrow}]*$/.test(string)) {\n`,
    append: '',
  };
}
