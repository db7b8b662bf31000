import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run React's production build (as the bin does), which has no jsxDEV: compile JSX for production too.
  oxc: { jsx: { development: false } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // CI runs with CI=true, which makes ink draw nothing until exit; the in-process screens must draw as on a terminal.
    env: { NODE_ENV: 'production', FORCE_COLOR: '0', CI: 'false' },
  },
});
