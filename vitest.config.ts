import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run React's production build (as the bin does), which has no jsxDEV: compile JSX for production too.
  oxc: { jsx: { development: false } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Deadlines, not budgets: on two busy cores a real-terminal test can take a minute (see test/terminal/harness.ts).
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI runs with CI=true, which makes ink draw nothing until exit; the in-process screens must draw as on a terminal.
    env: { NODE_ENV: 'production', FORCE_COLOR: '0', CI: 'false' },
  },
});
