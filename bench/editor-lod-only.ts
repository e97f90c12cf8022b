/**
 * `npx tsx bench/editor-lod-only.ts`: only the level-of-detail, Fit and Tidy figures (one build,
 * no bare baseline), for working on them; `npm run bench -- browser` is the full comparison.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportWorkflowJson } from '../src/engine/export';
import { launchBrowser } from '../test/e2e/browser';
import { serveStatic } from '../test/e2e/static-server';
import { editorBenchWorkflow } from './browser-workflows';
import { lodFigures } from './editor-lod';

const out = mkdtempSync(join(tmpdir(), 'peel-lod-'));
execSync(`npx vite build --logLevel error --outDir ${out} --emptyOutDir --mode bench`, {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
});
writeFileSync(join(out, 'bench-workflow.json'), exportWorkflowJson(editorBenchWorkflow()));
const served = await serveStatic(out);
const browser = await launchBrowser();
try {
  console.log(JSON.stringify(await lodFigures(browser, served.url), null, 2));
} finally {
  await browser.close();
  served.server.close();
  rmSync(out, { recursive: true, force: true });
}
