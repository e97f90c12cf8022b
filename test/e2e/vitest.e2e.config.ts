import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // README screenshots are a separate run (npm run docs:screenshots), never part of npm test.
    include: process.env.PEEL_DOCS_SCREENSHOTS === '1' ? ['test/e2e/**/*.docs.ts'] : ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // One browser at a time: the machine has two cores and the scenarios share the fake server.
    fileParallelism: false,
    pool: 'forks',
  },
});
