#!/usr/bin/env node
// Thin launcher: prepare the process before React and ink load, then hand over to the CLI.
// Imports are hoisted, so everything here must happen before the dynamic import below.

// React's development build records a performance entry on every commit and grows without bound.
process.env.NODE_ENV = 'production';

// ink renders nothing until exit when CI is set; an ops host built from a CI image may have it.
if (process.stdout.isTTY && process.env.CI !== undefined) process.env.CI = 'false';

// ink's chalk ignores NO_COLOR; FORCE_COLOR=0 does the same job before chalk loads.
if (process.argv.includes('--no-color') || (process.env.NO_COLOR ?? '') !== '' || !process.stdout.isTTY) {
  process.env.FORCE_COLOR = '0';
}

// Never let React DevTools be dialled from an ops screen.
delete process.env.DEV;

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
