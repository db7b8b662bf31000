export function installedStringWidth(): Promise<(text: string) => number>;
export function narrowRanges(stringWidth: (text: string) => number): [number, number][];
export function stringWidthNarrow(): Promise<{ file: RegExp; skip: RegExp; find: string; replace: string; append: string }>;
