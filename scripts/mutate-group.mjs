/**
 * `npm run mutate:group -- <group> [<group>...]` runs Stryker on one group of files at a time
 * (scripts/mutation-groups.mjs) with the committed incremental file, so results accumulate
 * across runs; then it scrubs key-shaped text from that file (property-test counterexamples
 * quote generated keys) and prints the per-file table. `--list` names the groups; other `--`
 * flags go to Stryker.
 * Workers: PEEL_MUTATE_CONCURRENCY (default 2; the machine this was written on has 2 cores).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { MUTATION_GROUPS } from './mutation-groups.mjs';
import { INCREMENTAL_FILE, keepStaticFlags, printScores, scrubIncrementalFile } from './mutation-scores.mjs';

// `--force` re-tests every mutant of the group. Needed after changing the tests of code that runs
// at module load ("static" mutants): Stryker records no per-test coverage for them, so the
// incremental file would otherwise keep their old result however the tests changed.
const strykerFlags = process.argv.slice(2).filter((arg) => arg.startsWith('--') && arg !== '--list');
const names = process.argv.slice(2).filter((arg) => !strykerFlags.includes(arg));
if (names.length === 0 || names.includes('--list')) {
  for (const [name, { mutate }] of Object.entries(MUTATION_GROUPS))
    console.log(`${name}: ${mutate.join(' ')}`);
  process.exit(names.length === 0 ? 2 : 0);
}
const unknown = names.filter((name) => !(name in MUTATION_GROUPS));
if (unknown.length > 0) {
  console.error(
    `unknown group(s): ${unknown.join(', ')}; groups: ${Object.keys(MUTATION_GROUPS).join(', ')}`,
  );
  process.exit(2);
}
for (const name of names) {
  console.log(`\n== mutation group ${name} ==`);
  let before = '';
  try {
    before = readFileSync(INCREMENTAL_FILE, 'utf8');
  } catch {}
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.group.config.mjs', ...strykerFlags], {
    stdio: 'inherit',
    env: { ...process.env, PEEL_MUTATE_GROUP: name },
  });
  keepStaticFlags(before);
  scrubIncrementalFile();
  if (run.status !== 0) process.exit(run.status ?? 1);
}
printScores();
