// A change to ink 6.8, applied by the build (scripts/build.mjs) as it bundles ink. ink builds a new Output, and with
// it new tokenise and width caches, for every frame, so every cell of every frame is tokenised and measured again
// (about 65% of a frame's CPU in profiles). Here the caches live across frames, cleared when they grow large, so a
// screen left open for days stays bounded. Offered upstream as the same idea (ink keeps them per Output in 6.8).
export const inkOutputCache = {
  file: /[\\/]ink[\\/]build[\\/]output\.js$/,
  find: '    caches = new OutputCaches();\n',
  replace: '    caches = sharedOutputCaches();\n',
  // A line cut to a clipping box (every row of a scrolled list, every frame) is cut once, then remembered.
  // A row whose cells are the very same (cached) characters as last frame's is not turned into text again: blank
  // cells are one shared object, so an unchanged row is a list of the same objects.
  more: [
    { find: '                            return sliceAnsi(line, from, to);\n', replace: '                            return aksyncSlice(this.caches, line, from, to, width);\n' },
    {
      find: "                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });\n",
      replace: '                row.push(AKSYNC_BLANK);\n',
    },
    {
      find: '            .map(line => {\n            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n',
      replace: '            .map((line, aksyncY) => {\n            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n',
    },
    {
      find: '            return styledCharsToString(lineWithoutEmptyItems).trimEnd();\n',
      replace: '            return aksyncRow(this.caches, aksyncY, lineWithoutEmptyItems);\n',
    },
  ],
  append: `
// aksync: one set of caches for every frame, replaced when it holds more than 20,000 entries.
let aksyncSharedCaches;
function sharedOutputCaches() {
    const caches = aksyncSharedCaches;
    if (caches === undefined || caches.widths.size + caches.blockWidths.size + caches.styledChars.size + (caches.slices?.size ?? 0) > 20000) {
        aksyncSharedCaches = new OutputCaches();
    }
    return aksyncSharedCaches;
}
const AKSYNC_BLANK = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
function aksyncRow(caches, y, chars) {
    caches.rows ??= [];
    const last = caches.rows[y];
    if (last !== undefined && last.chars.length === chars.length && last.chars.every((char, x) => char === chars[x])) {
        return last.text;
    }
    const text = styledCharsToString(chars).trimEnd();
    caches.rows[y] = { chars, text };
    return text;
}
function aksyncSlice(caches, line, from, to, width) {
    // ink cuts every line inside a clipping box, even one that fits: a line that fits is itself (its cells are the
    // same either way), and the first frame, whose every line is new, tokenises nothing to learn that.
    if (from === 0 && to >= width) {
        return line;
    }
    caches.slices ??= new Map();
    const key = from + ':' + to + ':' + line;
    let cached = caches.slices.get(key);
    if (cached === undefined) {
        cached = sliceAnsi(line, from, to);
        caches.slices.set(key, cached);
    }
    return cached;
}
`,
};

/**
 * ink measures every text node's widest line on every frame, uncached; here through the same shared width cache
 * (a text that did not change is not measured again).
 */
export const inkTextWidthCache = {
  file: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
  find: '                const currentWidth = widestLine(text);\n',
  replace: '                const currentWidth = output.caches.getWidestLine(text);\n',
  append: '',
};

/**
 * yoga-layout (ink's layout engine) carries its WebAssembly inline, as a data: URL, and its loader asks the global
 * fetch for that URL whenever fetch exists: on Node that loads Node's bundled copy of undici (~100-250 ms of start-up
 * on a busy machine) to decode a string already in memory. Here the loader decodes it directly, as it does where
 * there is no fetch.
 */
export const yogaInlineWasm = {
  file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
  find: 'function ya(){return w||"function"!=typeof fetch?',
  replace: 'function ya(){return true?',
  // And it compiles the module at once on this thread (a few ms), where WebAssembly.instantiate hands the compile to
  // V8's background threads: on a loaded 2-core machine the import of ink then sat idle for ~0.8 s waiting for them.
  more: [{ find: 'return WebAssembly.instantiate(f,d)}', replace: 'return{instance:new WebAssembly.Instance(new WebAssembly.Module(f),d)}}' }],
  append: '',
};

/** The patched source; throws when ink's file no longer has the line the patch replaces. */
export function applyPatch(patch, source, path) {
  let patched = source;
  for (const { find, replace } of [{ find: patch.find, replace: patch.replace }, ...(patch.more ?? [])]) {
    if (!patched.includes(find)) {
      throw new Error(`${path}: the build's patch no longer applies (the package changed); update scripts/patches/`);
    }
    patched = patched.replace(find, replace);
  }
  return patched + patch.append;
}
