/**
 * The profile behind the editor benchmark: `npx tsx bench/profile-editor.ts peel|bare` builds the
 * page unminified, loads the 500-node workflow, and prints DOM size per node type, Chromium's
 * task/script/layout/style durations while panning, and the functions with the most self time.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportWorkflowJson } from '../src/engine/export';
import { launchBrowser } from '../test/e2e/browser';
import { serveStatic } from '../test/e2e/static-server';
import { emptyPanePoint, slowDrag, timeToInteractive } from './browser-measure';
import { editorBenchWorkflow } from './browser-workflows';

const mode = process.argv[2] ?? 'peel';
const out = mkdtempSync(join(tmpdir(), 'peel-profile-'));
if (mode === 'peel')
  execSync(`npx vite build --logLevel error --outDir ${out} --emptyOutDir --mode bench --minify false`, {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  });
else
  execSync(
    `npx vite build --config bench/vite.bare.config.ts --logLevel error --outDir ${out} --emptyOutDir --minify false`,
    { cwd: new URL('..', import.meta.url).pathname, stdio: 'inherit' },
  );
writeFileSync(join(out, 'bench-workflow.json'), exportWorkflowJson(editorBenchWorkflow()));
const s = await serveStatic(out);
const browser = await launchBrowser();
const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
await ctx.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
const page = await ctx.newPage();
const tti = await timeToInteractive(page, s.url);
const cdp = await ctx.newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () =>
  Object.fromEntries(
    (
      (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    ).metrics.map((m) => [m.name, m.value]),
  );
console.log(
  await page.evaluate(() => {
    const by: Record<string, number[]> = {};
    for (const n of document.querySelectorAll('.react-flow__node')) {
      const t = n.className.match(/react-flow__node-(\w+)/)?.[1] ?? '?';
      const counts = by[t] ?? [];
      counts.push(n.querySelectorAll('*').length);
      by[t] = counts;
    }
    return (
      Object.entries(by)
        .map(
          ([t, a]) =>
            `${t}: ${a.length} nodes, ${Math.round(a.reduce((x, y) => x + y, 0) / a.length)} elements each`,
        )
        .join('; ') +
      ' | zoom ' +
      document.querySelector('.react-flow__viewport')?.getAttribute('style')
    );
  }),
);
console.log(
  'live elements',
  await page.evaluate(() => document.getElementsByTagName('*').length),
  'by area',
  await page.evaluate(() =>
    ['.react-flow__nodes', '.react-flow__edges', '.react-flow__minimap', 'aside', 'header']
      .map(
        (sel) =>
          sel +
          ':' +
          [...document.querySelectorAll(sel)].reduce((n, e) => n + e.getElementsByTagName('*').length, 0),
      )
      .join(' '),
  ),
);
console.log('tti', tti.toFixed(0), 'nodes', await page.locator('.react-flow__node').count());
const before = await metrics();
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const p = await emptyPanePoint(page);
console.log(
  'pane point',
  p,
  await page.evaluate(({ x, y }) => {
    const e = document.elementFromPoint(x, y);
    return e ? `${e.className} ${e.tagName}` : 'none';
  }, p),
);
await slowDrag(page, p, -300, 150);
const after = await metrics();
for (const k of [
  'TaskDuration',
  'ScriptDuration',
  'LayoutDuration',
  'RecalcStyleDuration',
  'LayoutCount',
  'RecalcStyleCount',
  'Nodes',
])
  console.log(k, ((after[k] ?? 0) - (before[k] ?? 0)).toFixed(3), 'total', after[k]);
const { profile } = (await cdp.send('Profiler.stop')) as {
  profile: {
    nodes: Array<{
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number };
      children?: number[];
    }>;
    samples: number[];
    timeDeltas: number[];
  };
};
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byFn = new Map<string, number>();
for (const n of profile.nodes) {
  const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
  byFn.set(k, (byFn.get(k) ?? 0) + (self.get(n.id) ?? 0) / 1000);
}
console.log(
  [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([k, v]) => `${v.toFixed(0)}ms ${k}`)
    .join('\n'),
);
await browser.close();
s.server.close();
