/**
 * The mutated files split into groups small enough for one Stryker run each on a small shared
 * machine, each with the test files that reach them. Every group writes into the one incremental
 * file (reports/stryker-incremental.json): Stryker keeps the results of files outside the current
 * `mutate` list, so the groups' results accumulate and `npm run mutate` afterwards only re-tests
 * what changed. Within a group, perTest coverage runs each mutant against only the tests that
 * executed its code in the initial run.
 */
const ENGINE_UNIT_TESTS = ['test/unit/engine/**/*.test.ts'];

const CORE_FILES = [
  'abort',
  'assets',
  'batch-estimate',
  'cache',
  'cache-codec',
  'canonical',
  'cost',
  'events',
  'export',
  'file-extension',
  'import',
  'inputs',
  'inputs-gather',
  'json-guard',
  'limiter',
  'load',
  'migrations',
  'model-upgrade',
  'models',
  'node-definition',
  'paid-calls',
  'ports',
  'provider',
  'result',
  'route-models',
  'run-cache',
  'run-record',
  'save',
  'schema',
  'shared-resources',
  'values',
  'workflow',
];
const PRIORITY_ENGINE_FILES = ['budget', 'cache-key', 'graph', 'retry-policy'];

export const MUTATION_GROUPS = {
  // The 90% goal: redaction, cache keys, graph checks, budget, retry policy.
  priority: {
    mutate: [
      'src/providers/redact.ts',
      'src/providers/secret-spellings.ts',
      ...PRIORITY_ENGINE_FILES.map((name) => `src/engine/${name}.ts`),
    ],
    testFiles: [
      ...ENGINE_UNIT_TESTS,
      'test/unit/providers/no-key-leak.test.ts',
      'test/unit/providers/secret-spellings.test.ts',
      'test/unit/providers/gemini-mapping.test.ts',
      'test/unit/providers/limiter-pause.test.ts',
    ],
  },
  // The providers' error mapping: unit mapping tests and the real SDK against the fake server
  // (the retry tests, which wait out real backoff, are left out).
  errors: {
    mutate: [
      'src/providers/gemini/errors.ts',
      'src/providers/gemini/rpc-error.ts',
      'src/providers/vertex/errors.ts',
      'src/providers/openrouter/errors.ts',
    ],
    testFiles: [
      'test/unit/providers/gemini-mapping.test.ts',
      'test/unit/providers/error-mapping*.test.ts',
      'test/integration/provider-gemini-http-errors.test.ts',
      'test/integration/provider-gemini-answers.test.ts',
      'test/integration/provider-gemini-key-echo.test.ts',
      'test/integration/provider-vertex*.test.ts',
      'test/integration/provider-openrouter*.test.ts',
      'test/integration/bad-input-gemini.test.ts',
    ],
  },
  // Engine files that change little: format, costs, limits, records.
  core: {
    mutate: CORE_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: [
      ...ENGINE_UNIT_TESTS,
      'test/unit/image/**/*.test.ts',
      'test/unit/bad-input/workflow-files.test.ts',
      'test/unit/providers/cost.test.ts',
      'test/unit/providers/limiter-pause.test.ts',
    ],
  },
  image: {
    mutate: ['src/engine/image/**/*.ts', '!src/engine/image/test-images.ts'],
    testFiles: [
      ...ENGINE_UNIT_TESTS,
      'test/unit/image/**/*.test.ts',
      'test/unit/bad-input/workflow-files.test.ts',
    ],
  },
  catalog: {
    mutate: ['src/engine/catalog/**/*.ts', 'src/engine/spreadsheet/**/*.ts'],
    testFiles: ENGINE_UNIT_TESTS,
  },
  // The run path (executor, planner, validator) and any engine file not named above, so the
  // groups together cover all of src/engine.
  run: {
    mutate: [
      'src/engine/**/*.ts',
      '!src/engine/{image,catalog,spreadsheet}/**',
      ...[...CORE_FILES, ...PRIORITY_ENGINE_FILES].map((name) => `!src/engine/${name}.ts`),
    ],
    testFiles: [...ENGINE_UNIT_TESTS, 'test/unit/image/**/*.test.ts'],
  },
};
