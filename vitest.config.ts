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
    // Every core (vitest's default leaves one idle: on CI's two cores that ran the files one at a time). The suite
    // passes with a second npm test running beside it, so sharing the cores costs no reliability.
    maxWorkers: '100%',
    // CI runs with CI=true, which makes ink draw nothing until exit; the in-process screens must draw as on a terminal.
    env: { NODE_ENV: 'production', FORCE_COLOR: '0', CI: 'false' },
  },
});
