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
    env: { NODE_ENV: 'production', FORCE_COLOR: '0' },
  },
});
