// A change to ink 6.8, applied by the build (scripts/build.mjs) as it bundles ink. ink builds a new Output, and with
// it new tokenise and width caches, for every frame, so every cell of every frame is tokenised and measured again
// (about 65% of a frame's CPU in profiles). Here the caches live across frames, cleared when they grow large, so a
// screen left open for days stays bounded. Offered upstream as the same idea (ink keeps them per Output in 6.8).
export const inkOutputCache = {
  file: /[\\/]ink[\\/]build[\\/]output\.js$/,
  find: '    caches = new OutputCaches();\n',
  replace: '    caches = sharedOutputCaches();\n',
  append: `
// aksync: one set of caches for every frame, replaced when it holds more than 20,000 entries.
let aksyncSharedCaches;
function sharedOutputCaches() {
    const caches = aksyncSharedCaches;
    if (caches === undefined || caches.widths.size + caches.blockWidths.size + caches.styledChars.size > 20000) {
        aksyncSharedCaches = new OutputCaches();
    }
    return aksyncSharedCaches;
}
`,
};

/** The patched source; throws when ink's file no longer has the line the patch replaces. */
export function applyPatch(patch, source, path) {
  if (!source.includes(patch.find)) {
    throw new Error(`${path}: the ink output-cache patch no longer applies (ink changed); update scripts/patches/`);
  }
  return source.replace(patch.find, patch.replace) + patch.append;
}
