/**
 * `npx tsx bench/profile-image-tools.ts`: the editor-run image-tools measurement on an unminified
 * bench build, with the main thread's hottest functions (what to move off it).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../test/e2e/browser';
import { serveStatic } from '../test/e2e/static-server';
import { benchImages } from './image-tools';
import { imageToolsWorkflowFile, measureEditorRun } from './image-tools-editor';

const out = mkdtempSync(join(tmpdir(), 'peel-profile-images-'));
execSync(`npx vite build --logLevel error --outDir ${out} --emptyOutDir --mode bench --minify false`, {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
});
const { photo, logo } = await benchImages();
writeFileSync(join(out, 'bench-workflow.json'), imageToolsWorkflowFile(photo, logo));
const served = await serveStatic(out);
const browser = await launchBrowser();
try {
  const profile = process.env.PEEL_PROFILE !== '0';
  for (let round = 0; round < 2; round++) console.log(await measureEditorRun(browser, served.url, profile));
} finally {
  await browser.close();
  served.server.close();
  rmSync(out, { recursive: true, force: true });
}
