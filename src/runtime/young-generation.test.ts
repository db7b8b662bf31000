// The young generation's flag is set in every aksync process (bin/aksync.js) and again after each worker starts. V8
// prints a flag it does not know to stdout, which would land on the screen: on this Node.js it must be silent.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/aksync.js', import.meta.url));
const MODULE = fileURLToPath(new URL('./young-generation.ts', import.meta.url));

describe('holding the young generation', () => {
  it('prints nothing: `aksync --version` is its one line', () => {
    const run = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^aksync \S+\n$/);
  });

  it('the flag the module sets is the one the bin sets, and V8 knows it', async () => {
    const { readFileSync } = await import('node:fs');
    const flag = /setFlagsFromString\('([^']+)'\)/.exec(readFileSync(MODULE, 'utf8'))?.[1];
    expect(readFileSync(BIN, 'utf8')).toContain(`setFlagsFromString('${flag}')`);
    const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
  });
});
