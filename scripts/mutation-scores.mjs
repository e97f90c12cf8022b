/**
 * Mutation scores per file, per folder and in total from the accumulated incremental file
 * (`node scripts/mutation-scores.mjs`, `--markdown` for the README table). Score = (killed +
 * timed out) / (killed + timed out + survived + no coverage); compile errors and mutants marked
 * equivalent (`// Stryker disable ...: reason`, status Ignored) are not counted, as in Stryker's own
 * report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const INCREMENTAL_FILE = 'reports/stryker-incremental.json';
const KEY_SHAPE = /AIza[0-9A-Za-z_-]{35}/g;

/** Counterexamples of the property tests quote generated keys; none may be committed. */
export function scrubIncrementalFile(file = INCREMENTAL_FILE) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  const scrubbed = text.replace(KEY_SHAPE, 'AIza[key-shaped text removed]');
  if (scrubbed !== text) writeFileSync(file, scrubbed);
}

const emptyCount = () => ({
  killed: 0,
  timeout: 0,
  survived: 0,
  noCoverage: 0,
  ignored: 0,
  staticSurvived: 0,
  other: 0,
});

const mutantKey = (file, m) =>
  `${file}|${m.mutatorName}|${m.replacement}|${m.location.start.line}:${m.location.start.column}`;

/**
 * Stryker drops the `static` flag of the mutants it carries over from files outside the current
 * run; put it back from the report as it was before the run, so the table keeps counting them apart.
 */
export function keepStaticFlags(beforeText, file = INCREMENTAL_FILE) {
  if (!beforeText) return;
  const before = JSON.parse(beforeText);
  const wasStatic = new Set();
  for (const [name, { mutants }] of Object.entries(before.files))
    for (const m of mutants) if (m.static) wasStatic.add(mutantKey(name, m));
  const after = JSON.parse(readFileSync(file, 'utf8'));
  let restored = 0;
  for (const [name, { mutants }] of Object.entries(after.files))
    for (const m of mutants)
      if (!m.static && wasStatic.has(mutantKey(name, m))) {
        m.static = true;
        restored++;
      }
  if (restored > 0) writeFileSync(file, JSON.stringify(after, null, 2));
}

function count(mutants) {
  const c = emptyCount();
  for (const { status, static: isStatic } of mutants) {
    // Stryker 9.6 with vitest 4.1 does not switch a mutant on before the module loads: a static
    // mutant (one that acts at module load) runs every test unmutated and "survives" however good
    // the tests are. Counted apart, and left out of the score.
    if (isStatic && (status === 'Survived' || status === 'NoCoverage' || status === 'Ignored'))
      c.staticSurvived++;
    else if (status === 'Killed') c.killed++;
    else if (status === 'Timeout') c.timeout++;
    else if (status === 'Survived') c.survived++;
    else if (status === 'NoCoverage') c.noCoverage++;
    else if (status === 'Ignored') c.ignored++;
    else c.other++;
  }
  return c;
}

function add(a, b) {
  for (const k of Object.keys(a)) a[k] += b[k];
  return a;
}

const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? '–' : `${((100 * (c.killed + c.timeout)) / valid).toFixed(1)}%`;
};

export function scoreRows(file = INCREMENTAL_FILE) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const rows = Object.entries(report.files)
    .map(([name, { mutants }]) => ({ name, ...count(mutants) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const folders = new Map();
  for (const row of rows) {
    const folder = row.name.slice(0, row.name.lastIndexOf('/'));
    const c = folders.get(folder) ?? emptyCount();
    folders.set(folder, add(c, row));
  }
  const total = rows.reduce((t, r) => add(t, r), emptyCount());
  return { rows, folders, total };
}

export function printScores(markdown = false, file = INCREMENTAL_FILE) {
  const { rows, folders, total } = scoreRows(file);
  const line = (name, c) =>
    markdown
      ? `| \`${name}\` | ${score(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} | ${c.staticSurvived} |`
      : `${score(c).padStart(6)}  killed ${c.killed}, timeout ${c.timeout}, survived ${c.survived}, no coverage ${c.noCoverage}, ignored ${c.ignored}, static untested ${c.staticSurvived}  ${name}`;
  if (markdown) {
    console.log(
      '| file | score | killed | timeout | survived | no coverage | marked equivalent | static, not activated |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
  }
  for (const row of rows) console.log(line(row.name, row));
  if (!markdown) console.log('');
  for (const [folder, c] of folders) console.log(line(`${folder}/ (folder)`, c));
  console.log(line('total', total));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printScores(process.argv.includes('--markdown'));
}
