/**
 * The profile behind the Fit and Tidy figures: `npx tsx bench/profile-fit-tidy.ts [built-dir]`
 * builds the page unminified (or serves an existing `--mode bench` build), loads the 500-node
 * workflow, zooms in as the bench does, then presses F and Shift+L. For each it prints the long
 * tasks, Chromium's task/script/layout/style durations (CPU time: meaningful on a loaded machine)
 * and the functions with the most self time.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { exportWorkflowJson } from '../src/engine/export';
import { launchBrowser } from '../test/e2e/browser';
import { serveStatic } from '../test/e2e/static-server';
import { timeToInteractive } from './browser-measure';
import { editorBenchWorkflow } from './browser-workflows';

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

const given = process.argv[2];
const out = given ?? mkdtempSync(join(tmpdir(), 'peel-profile-'));
if (!given)
  execSync(`npx vite build --logLevel error --outDir ${out} --emptyOutDir --mode bench --minify false`, {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  });
writeFileSync(join(out, 'bench-workflow.json'), exportWorkflowJson(editorBenchWorkflow()));
const served = await serveStatic(out);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
const page = await context.newPage();
await timeToInteractive(page, served.url);
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

const zoom = (p: Page) =>
  p.evaluate(() => {
    const style = document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
    return Number(style.match(/scale\(([\d.]+)\)/)?.[1] ?? Number.NaN);
  });
const pane = await page.locator('.react-flow__pane').boundingBox();
if (!pane) throw new Error('no pane');
const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
await page.mouse.move(centre.x, centre.y);
for (let step = 0; step < 20 && (await zoom(page)) < 0.8; step++) {
  await page.mouse.wheel(0, -120);
  await page.waitForTimeout(50);
}
await page.waitForTimeout(1000);
await page.mouse.click(centre.x, pane.y + 8);

const metrics = async (session: CDPSession) =>
  Object.fromEntries(
    (
      (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    ).metrics.map((m) => [m.name, m.value]),
  );

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The renderer main thread's tasks of 50 ms or more, each with the time of its phases (self time by event name). */
function longTasksOf(trace: { traceEvents: TraceEvent[] }): string[] {
  const events = trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['no renderer main thread in the trace'];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const lines: string[] = [];
  for (const task of onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 50_000)) {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    // Self time per event name: its duration minus its direct children's.
    const self = new Map<string, number>();
    const stack: TraceEvent[] = [];
    for (const event of inside) {
      while (
        stack.length > 0 &&
        event.ts >= (stack.at(-1) as TraceEvent).ts + ((stack.at(-1) as TraceEvent).dur ?? 0)
      )
        stack.pop();
      const parent = stack.at(-1);
      self.set(event.name, (self.get(event.name) ?? 0) + (event.dur ?? 0));
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (event.dur ?? 0));
      stack.push(event);
    }
    const phases = [...self.entries()]
      .filter(([, us]) => us >= 3000)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => `${name} ${Math.round(us / 1000)}`)
      .join(', ');
    lines.push(`task ${Math.round((task.dur ?? 0) / 1000)} ms: ${phases}`);
  }
  return lines;
}

const firstNodeTransform = (): Promise<string | undefined> =>
  page.evaluate(
    () =>
      document
        .querySelector('.react-flow__node')
        ?.getAttribute('style')
        ?.match(/translate\([^)]*\)/)?.[0],
  );

/** Presses `press`; with `untilMoved`, waits until the nodes moved (Tidy's layout arrived) and prints how long that took. */
async function act(press: string, untilMoved: boolean): Promise<void> {
  const before = await firstNodeTransform();
  const started = Date.now();
  await page.keyboard.press(press);
  if (!untilMoved) return;
  await page.waitForFunction(
    (was) =>
      document
        .querySelector('.react-flow__node')
        ?.getAttribute('style')
        ?.match(/translate\([^)]*\)/)?.[0] !== was,
    before,
    { timeout: 120_000, polling: 50 },
  );
  console.log(`nodes moved ${Date.now() - started} ms after the key press`);
}

async function profileAction(
  label: string,
  press: string,
  settleMs: number,
  untilMoved = false,
): Promise<void> {
  if (process.env.TRACE) {
    const path = join(tmpdir(), `peel-trace-${label.split(' ')[0]}.json`);
    await browser.startTracing(page, {
      path,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
    });
    await act(press, untilMoved);
    await page.waitForTimeout(settleMs);
    const buffer = await browser.stopTracing();
    console.log(`\n== ${label} (trace ${path})`);
    for (const line of longTasksOf(JSON.parse(buffer.toString()))) console.log(line);
    return;
  }
  await page.evaluate(() => {
    const state = globalThis as unknown as { longTasks: number[]; observer?: PerformanceObserver };
    state.longTasks = [];
    state.observer?.disconnect();
    state.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push(Math.round(entry.duration));
    });
    state.observer.observe({ type: 'longtask' });
  });
  const before = await metrics(cdp);
  await cdp.send('Profiler.start');
  await act(press, untilMoved);
  await page.waitForTimeout(settleMs);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const after = await metrics(cdp);
  const longTasks = await page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
  console.log(
    `\n== ${label}: long tasks ${JSON.stringify(longTasks)} (sum ${longTasks.reduce((a, b) => a + b, 0)})`,
  );
  console.log(
    [
      'TaskDuration',
      'ScriptDuration',
      'LayoutDuration',
      'RecalcStyleDuration',
      'LayoutCount',
      'RecalcStyleCount',
    ]
      .map(
        (k) => `${k} ${(((after[k] ?? 0) - (before[k] ?? 0)) * (k.endsWith('Count') ? 1 : 1000)).toFixed(0)}`,
      )
      .join(', '),
  );
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
  console.log(
    [...byFn.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([key, ms]) => `${ms.toFixed(0)}ms ${key}`)
      .join('\n'),
  );
}

try {
  console.log('zoom before Fit', await zoom(page));
  await profileAction('Fit (F)', 'f', 1000);
  console.log('zoom after Fit', await zoom(page));
  await profileAction('Tidy (Shift+L)', 'Shift+L', 1500, true);
  console.log('zoom after Tidy', await zoom(page));
} finally {
  await browser.close();
  served.server.close();
}
