/** Writes the catalog's model table into README.md between its markers (npm run docs:models). */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILT_IN_MODELS } from '../src/engine/catalog';
import { modelTableMarkdown, withModelTable } from '../src/engine/catalog/markdown';

const readmePath = resolve(import.meta.dirname, '../README.md');
const next = withModelTable(readFileSync(readmePath, 'utf8'), modelTableMarkdown(BUILT_IN_MODELS));
if (next === undefined) {
  console.error('README.md has no model table markers; add them where the table belongs');
  process.exit(2);
}
writeFileSync(readmePath, next);
console.log(`README.md: model table written (${BUILT_IN_MODELS.length} models)`);
