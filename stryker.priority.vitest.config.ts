/**
 * The fast unit tests that reach the priority files (redaction, cache keys, graph checks, budget,
 * retry policy): no HTTP integration tests with real retry waits, no 100k-node inputs.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/engine/**/*.test.ts',
      'test/unit/providers/no-key-leak.test.ts',
      'test/unit/providers/secret-spellings.test.ts',
      'test/unit/providers/gemini-mapping.test.ts',
      'test/unit/providers/limiter-pause.test.ts',
    ],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
