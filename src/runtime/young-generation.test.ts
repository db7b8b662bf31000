// The screens and the exporter hold the young generation, and the status worker again after it starts. V8 prints a
// flag it does not know to stdout, which would land on the screen: on this Node.js the flag must be silent.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('holding the young generation', () => {
  it('sets a flag this Node.js knows: nothing is printed', () => {
    const source = readFileSync(new URL('./young-generation.ts', import.meta.url), 'utf8');
    const flag = /setFlagsFromString\('([^']+)'\)/.exec(source)?.[1];
    expect(flag).toMatch(/^--/);
    const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
  });
});
