export interface SourcePatch {
  file: RegExp;
  find: string;
  replace: string;
  /** Further replacements in the same file, each required. */
  more?: { find: string; replace: string }[];
  append: string;
}
export const inkOutputCache: SourcePatch;
export const inkTextWidthCache: SourcePatch;
export const yogaInlineWasm: SourcePatch;
export function applyPatch(patch: SourcePatch, source: string, path: string): string;
