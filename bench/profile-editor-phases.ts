/**
 * Where the editor's time goes, phase by phase: `npx tsx bench/profile-editor-phases.ts peel|bare`
 * builds the page unminified (or reuses PROFILE_DIST), then for loading, panning and (Peel) zooming
 * through the level-of-detail switch prints the main thread's time per Chromium trace event (script,
 * style, layout, paint, raster) and the functions with the most self time. Compare Peel and bare
 * from runs close in time: on a shared machine absolute figures move with the load average.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { exportWorkflowJson } from '../src/engine/export';
import { launchBrowser } from '../test/e2e/browser';
import { serveStatic } from '../test/e2e/static-server';
import { emptyPanePoint, framesDuring, slowDrag, timeToInteractive } from './browser-measure';
import { editorBenchWorkflow } from './browser-workflows';

const mode = process.argv[2] === 'bare' ? 'bare' : 'peel';
const phases = (process.argv[3] ?? 'load,pan,zoom').split(',');
const root = new URL('..', import.meta.url).pathname;

function build(): string {
  if (process.env.PROFILE_DIST) return process.env.PROFILE_DIST;
  const out = mkdtempSync(join(tmpdir(), `peel-phases-${mode}-`));
  const config = mode === 'bare' ? '--config bench/vite.bare.config.ts' : '--mode bench';
  execSync(`npx vite build ${config} --logLevel error --outDir ${out} --emptyOutDir --minify false`, {
    cwd: root,
    stdio: 'inherit',
  });
  console.log('built', out);
  return out;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

const WATCHED = [
  'RunTask',
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'EventDispatch',
  'FireAnimationFrame',
  'TimerFire',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'RasterTask',
  'ParseHTML',
  'MajorGC',
  'MinorGC',
];

function summariseTrace(buffer: Buffer): string {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadNames = new Map<string, string>();
  for (const event of events)
    if (event.name === 'thread_name' && event.args?.name)
      threadNames.set(`${event.pid}:${event.tid}`, event.args.name);
  const sums = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X' || !WATCHED.includes(event.name)) continue;
    const thread = threadNames.get(`${event.pid}:${event.tid}`) ?? '?';
    const onMain = thread === 'CrRendererMain';
    if (!onMain && event.name !== 'RasterTask') continue;
    const key = onMain ? event.name : `${event.name} (${thread})`;
    sums.set(key, (sums.get(key) ?? 0) + (event.dur ?? 0) / 1000);
  }
  const lines = [...sums.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `  ${name} ${ms.toFixed(0)} ms`);
  // The three longest main-thread tasks, and what ran inside each.
  const main = events.filter(
    (event) => event.ph === 'X' && threadNames.get(`${event.pid}:${event.tid}`) === 'CrRendererMain',
  ) as (TraceEvent & {
    ts: number;
    args?: { data?: { functionName?: string; url?: string; lineNumber?: number } };
  })[];
  const tasks = main.filter((event) => event.name === 'RunTask').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  for (const task of tasks.slice(0, 3)) {
    const inside = new Map<string, number>();
    for (const event of main) {
      if (event === task || event.ts < task.ts || event.ts > task.ts + (task.dur ?? 0)) continue;
      if (!WATCHED.includes(event.name) || event.name === 'RunTask') continue;
      const fn = event.args?.data?.functionName;
      const key = fn ? `${event.name} ${fn}:${event.args?.data?.lineNumber ?? ''}` : event.name;
      inside.set(key, (inside.get(key) ?? 0) + (event.dur ?? 0) / 1000);
    }
    lines.push(
      `  longest task ${((task.dur ?? 0) / 1000).toFixed(0)} ms: ${[...inside.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([key, ms]) => `${key} ${ms.toFixed(0)}`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Total (inclusive) time per function, counted once per sample however deep it recurses. */
function topTotal(profile: Profile & { nodes: Array<{ children?: number[] }> }, count = 30): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url) continue;
      const key = `${frame.functionName || '(anon)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...total.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `  ${ms.toFixed(0)} ms ${key}`)
    .join('\n');
}

function topSelf(profile: Profile, count = 25): string {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const file = node.callFrame.url.split('/').pop() ?? '';
    const key = `${node.callFrame.functionName || '(anon)'} ${file}:${node.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(node.id) ?? 0) / 1000);
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `  ${ms.toFixed(0)} ms ${key}`)
    .join('\n');
}

async function measured<T>(label: string, page: Page, cdp: CDPSession, action: () => Promise<T>): Promise<T> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink',
      'cc',
      '__metadata',
    ],
  });
  const result = await action();
  const trace = await browser.stopTracing();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  console.log(`== ${label} (load average ${loadavg()[0]?.toFixed(2)})`);
  console.log(summariseTrace(trace));
  console.log('  top self time:');
  console.log(topSelf(profile));
  if (process.env.PROFILE_TOTAL) {
    console.log('  top total time (script):');
    console.log(topTotal(profile, Number(process.env.PROFILE_TOTAL)));
  }
  return result;
}

const currentZoom = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const style = document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
    return Number(style.match(/scale\(([\d.]+)\)/)?.[1] ?? Number.NaN);
  });

const out = build();
writeFileSync(join(out, 'bench-workflow.json'), exportWorkflowJson(editorBenchWorkflow()));
const served = await serveStatic(out);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (phases.includes('load')) {
    const tti = await measured('load until interactive', page, cdp, () =>
      timeToInteractive(page, served.url),
    );
    console.log(`  tti ${tti.toFixed(0)} ms`);
  } else await timeToInteractive(page, served.url);
  // Experiments: extra CSS for the page (PROFILE_CSS), applied after loading.
  if (process.env.PROFILE_CSS) await page.addStyleTag({ content: process.env.PROFILE_CSS });
  console.log(
    'elements',
    await page.evaluate(() => document.getElementsByTagName('*').length),
    'nodes',
    await page.locator('.react-flow__node').count(),
  );
  if (phases.includes('pan')) {
    const pan = await measured('pan', page, cdp, async () =>
      framesDuring(page, async () => slowDrag(page, await emptyPanePoint(page), -300, 150)),
    );
    console.log(`  pan p50 ${pan.p50.toFixed(1)} p95 ${pan.p95.toFixed(1)} frames ${pan.frames}`);
  }
  if (phases.includes('zoom') && mode === 'peel') {
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    const zoom = await measured('zoom through the level-of-detail switch', page, cdp, () =>
      framesDuring(page, async () => {
        for (let step = 0; step < 20 && (await currentZoom(page)) < 0.8; step++) {
          await page.mouse.wheel(0, -120);
          await page.waitForTimeout(50);
        }
        await page.waitForTimeout(1000);
      }),
    );
    console.log(`  zoom longest frame ${zoom.longest.toFixed(0)} ms, reached ${await currentZoom(page)}`);
    if (phases.includes('panzoomed')) {
      const pan = await measured('pan, zoomed in', page, cdp, async () =>
        framesDuring(page, async () => slowDrag(page, await emptyPanePoint(page), -300, 150)),
      );
      console.log(`  pan p50 ${pan.p50.toFixed(1)} p95 ${pan.p95.toFixed(1)} frames ${pan.frames}`);
    }
  }
} finally {
  await browser.close();
  served.server.close();
}
