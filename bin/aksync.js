#!/usr/bin/env node
// Thin launcher: prepare the process before React and ink load, then hand over to the CLI.
// Imports are hoisted, so everything here must happen before the dynamic import below.

// React's development build records a performance entry on every commit and grows without bound.
process.env.NODE_ENV = 'production';

// With CI (or CONTINUOUS_INTEGRATION) set, ink renders nothing until exit and chalk drops colour; an ops host built
// from a CI image may have them. On a terminal, the terminal wins.
if (process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}

// Not a terminal: no escape sequences at all. NO_COLOR and --no-color drop colour only, through the theme (ink's
// chalk ignores NO_COLOR): reverse video and underline stay, so search matches still stand out.
if (!process.stdout.isTTY) {
  process.env.FORCE_COLOR = '0';
}

// Never let React DevTools be dialled from an ops screen.
delete process.env.DEV;

let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write('aksync: this copy is not built yet. Run `npm install` (or `npm run build`) in its folder.\n');
  process.exit(70);
}
process.exitCode = await main(process.argv.slice(2));
