export interface SourcePatch {
  file: RegExp;
  find: string;
  replace: string;
  append: string;
}
export const inkOutputCache: SourcePatch;
export function applyPatch(patch: SourcePatch, source: string, path: string): string;
