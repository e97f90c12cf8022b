// One group of files at a time (scripts/mutation-groups.mjs), chosen by PEEL_MUTATE_GROUP; run it
// with `npm run mutate:group -- <group>`. Same incremental file as `npm run mutate`, so results
// accumulate. No type checker: it takes one of the two workers, and on this code base a mutant
// that does not type-check is killed or shown as a survivor all the same.
import { readFileSync } from 'node:fs';
import { MUTATION_GROUPS } from './scripts/mutation-groups.mjs';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));
delete base.$schema;
delete base._comment;

const name = process.env.PEEL_MUTATE_GROUP ?? '';
const group = MUTATION_GROUPS[name];
if (!group)
  throw new Error(`PEEL_MUTATE_GROUP must name a group: ${Object.keys(MUTATION_GROUPS).join(', ')}`);

export default {
  ...base,
  checkers: [],
  // Not vitest's related mode: for a mutant that runs at module load ("static"), Stryker asks
  // vitest for the tests related to the mutated file and got none, so every static mutant survived
  // untested. The group's testFiles already keep the dry run small, and perTest coverage still
  // runs each other mutant against only the tests that reached it.
  vitest: { ...base.vitest, related: false },
  mutate: group.mutate,
  testFiles: group.testFiles,
  concurrency: Number(process.env.PEEL_MUTATE_CONCURRENCY ?? 2),
};
