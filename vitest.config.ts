import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server per run (TEST_POSTGRES_URL or a throwaway cluster).
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Real servers on 2 cores: keep files from starving each other.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
