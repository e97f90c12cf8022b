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
    // Instrumented code is slower; a mutant that hangs is still caught by Stryker's own timeout.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
