// The priority files only (redaction, cache keys, graph checks, budget, retry policy), without
// the type checker so both of the 2 cores' worth of concurrency run tests, and only the fast unit
// tests that reach them (stryker.priority.vitest.config.ts):
// `npx stryker run stryker.priority.config.mjs`. Results land in the same incremental file.
import { readFileSync } from 'node:fs';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));
delete base.$schema;
delete base._comment;

export default {
  ...base,
  checkers: [],
  vitest: { configFile: 'stryker.priority.vitest.config.ts', related: false },
  mutate: [
    'src/providers/redact.ts',
    'src/providers/secret-spellings.ts',
    'src/engine/cache-key.ts',
    'src/engine/graph.ts',
    'src/engine/budget.ts',
    'src/engine/retry-policy.ts',
  ],
};
