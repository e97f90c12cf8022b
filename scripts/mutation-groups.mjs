/**
 * The mutated files split into groups small enough for one Stryker run each on a small shared
 * machine, each with the test files that reach them. Every group writes into the one incremental
 * file (reports/stryker-incremental.json): Stryker keeps the results of files outside the current
 * `mutate` list, so the groups' results accumulate and `npm run mutate` afterwards only re-tests
 * what changed. Within a group, perTest coverage runs each mutant against only the tests that
 * executed its code in the initial run.
 */
const ENGINE_UNIT_TESTS = ['test/unit/engine/**/*.test.ts'];

// Engine files that change little, in small groups so each run ends (Stryker writes the
// incremental file only when a run finishes) within about a quarter of an hour on a loaded machine.
const COST_FILES = ['cost', 'paid-calls'];
const JSON_FILES = ['cache-codec', 'canonical', 'json-guard'];
const RECORD_FILES = ['inputs', 'result', 'run-record'];
// Their tests wait on (fake) timers: a mutant that leaves a sleep pending costs a test timeout.
const TIMER_FILES = ['abort', 'limiter'];
const CORE_FILES = [...COST_FILES, ...JSON_FILES, ...RECORD_FILES, ...TIMER_FILES];
const MORE_CORE_FILES = [
  'assets',
  'batch-estimate',
  'cache',
  'events',
  'export',
  'file-extension',
  'import',
  'inputs-gather',
  'load',
  'migrations',
  'model-upgrade',
  'models',
  'node-definition',
  'ports',
  'provider',
  'route-models',
  'run-cache',
  'save',
  'schema',
  'shared-resources',
  'values',
  'workflow',
];
const PRIORITY_ENGINE_FILES = ['budget', 'cache-key', 'graph', 'retry-policy'];
const PLAN_FILES = ['plan', 'validate'];
const RUN_FILES = ['executor', 'model-call', 'run-node'];

const CORE_TEST_FILES = [
  'test/unit/engine/{cost-figures,json-guard-canonical,limiter,abort-result-paid,abort-cleanup,cache-codec,run-record,inputs}.test.ts',
  'test/unit/engine/{input-names,workflow-file,budget,budget-and-references,cache-key,cache-write-warning}.test.ts',
  'test/unit/providers/cost.test.ts',
  'test/unit/providers/limiter-pause.test.ts',
];

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
  // (HTTP statuses, Vertex AI and OpenRouter; the retry tests, which wait out real backoff, are
  // left out).
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
      'test/integration/provider-vertex*.test.ts',
      'test/integration/provider-openrouter*.test.ts',
    ],
  },
  // Engine files that change little: costs, the cache's JSON, run records, signals and limits.
  // Their own tests and the few others that check these files' results; the executor's tests
  // reach them too but would make every surviving mutant slow to confirm.
  costs: {
    mutate: COST_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: CORE_TEST_FILES,
  },
  json: {
    mutate: JSON_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: CORE_TEST_FILES,
  },
  // Exposed inputs are also set from model settings and through components.
  records: {
    mutate: RECORD_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: [
      ...CORE_TEST_FILES,
      'test/unit/engine/exposed-model-settings.test.ts',
      'test/unit/engine/components-run.test.ts',
    ],
  },
  timers: {
    mutate: TIMER_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: CORE_TEST_FILES,
  },
  // The format (load, save, import, export, migrations), assets, models and the rest.
  coreMore: {
    mutate: MORE_CORE_FILES.map((name) => `src/engine/${name}.ts`),
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
  // The run path: the planner and validator, then the executor, one node's run and the model call.
  plan: {
    mutate: PLAN_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: [...ENGINE_UNIT_TESTS, 'test/unit/image/**/*.test.ts'],
  },
  run: {
    mutate: RUN_FILES.map((name) => `src/engine/${name}.ts`),
    testFiles: [...ENGINE_UNIT_TESTS, 'test/unit/image/**/*.test.ts'],
  },
  // Components (make, expand, ungroup, library) and lists (element instances, their estimate).
  components: {
    mutate: ['src/engine/components/**/*.ts'],
    testFiles: ENGINE_UNIT_TESTS,
  },
  many: {
    mutate: ['src/engine/many/**/*.ts'],
    testFiles: ENGINE_UNIT_TESTS,
  },
  // Every engine file not named above (annotations, bypass, grounding, image ops and any file
  // added later), so the groups together cover all of src/engine.
  runMore: {
    mutate: [
      'src/engine/**/*.ts',
      '!src/engine/{image,catalog,spreadsheet,components,many}/**',
      ...[...CORE_FILES, ...MORE_CORE_FILES, ...PRIORITY_ENGINE_FILES, ...PLAN_FILES, ...RUN_FILES].map(
        (name) => `!src/engine/${name}.ts`,
      ),
    ],
    testFiles: [...ENGINE_UNIT_TESTS, 'test/unit/image/**/*.test.ts'],
  },
};
