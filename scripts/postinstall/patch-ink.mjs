#!/usr/bin/env node
// ink 6.8.0's incremental renderer moves the cursor up one line too few, so changed lines land one row too low.
// Upstream fixed it in 7.0 (PR #910), which needs Node 22. This applies the same one-line fix at install time;
// aksync turns incremental rendering on only when it finds the fix in place (src/ui/ink-incremental.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUGGY = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const FIXED = 'buffer.push(ansiEscapes.cursorUp(previousLines.length - 1)); /* aksync: ink#910 */';

let file;
try {
  file = path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), 'log-update.js');
} catch {
  process.exit(0); // ink not installed (yet): nothing to patch
}
const source = readFileSync(file, 'utf8');
if (source.includes(FIXED)) process.exit(0);
const count = source.split(BUGGY).length - 1;
if (count !== 1) {
  console.warn(`aksync: ink's log-update.js has changed (${count} matches); incremental rendering stays off.`);
  process.exit(0);
}
writeFileSync(file, source.replace(BUGGY, FIXED));
console.log('aksync: patched ink 6.8 incremental rendering (ink#910).');
