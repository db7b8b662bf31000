// Incremental rendering rewrites only the lines that changed (a spinner tick is one line, not the whole frame),
// but ink 6.8.0's version misplaces lines unless scripts/postinstall/patch-ink.mjs has fixed it. Use it only then.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIX_MARKER = '/* aksync: ink#910 */';
let cached: boolean | undefined;

export function inkIncrementalRenderingFixed(): boolean {
  if (cached === undefined) {
    try {
      const file = path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), 'log-update.js');
      cached = readFileSync(file, 'utf8').includes(FIX_MARKER);
    } catch {
      cached = false;
    }
  }
  return cached;
}
