/**
 * The tests Stryker runs against each mutant: the in-process unit and provider tests that reach
 * src/engine and the providers' error mapping and redaction. CLI tests spawn a child process
 * (Stryker cannot see which mutant it ran) and component/e2e tests are too slow per mutant.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/engine/**/*.test.ts',
      'test/unit/image/**/*.test.ts',
      'test/unit/bad-input/**/*.test.ts',
      'test/unit/providers/**/*.test.ts',
      'test/integration/provider-gemini-*.test.ts',
      'test/integration/provider-vertex.test.ts',
      'test/integration/provider-openrouter.test.ts',
      'test/integration/bad-input-gemini.test.ts',
    ],
    // Image downscaling and the preview provider are outside the mutated files and slow.
    exclude: [
      'test/e2e/**',
      'node_modules/**',
      'test/unit/providers/downscale.test.ts',
      'test/unit/providers/preview.test.ts',
      'test/unit/bad-input/reference-upload.test.ts',
    ],
    environment: 'node',
    // A mutant that leaves a promise pending (a sleep that never ends under fake timers) fails its
    // test here, as a kill, before Stryker's own timeout, which adds the dry run's start-up time
    // (30 s on a loaded machine) and then restarts the worker. The slowest test these runs include
    // (graph-at-node-limit) took 7 s at load 14 on 2 cores (2026-12-02), so 30 s leaves room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
