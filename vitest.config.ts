import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only contend for them (each PGlite holds its own Postgres).
    maxWorkers: 2,
  },
});
