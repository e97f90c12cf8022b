/**
 * The image tools as a user runs them in the editor: a 4096² photo and a logo (imageInput nodes)
 * -> resize 1024x1280 cover -> composite the logo, started with the Run button's code path. While
 * it runs, the page records the main thread's long tasks (PerformanceObserver 'longtask': every
 * task of 50 ms or more, with its duration) and the longest gap between timer ticks. With
 * PEEL_PROFILE=1 it also prints the functions with the most main-thread self time.
 */
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { imageValueOf } from '../src/engine/assets';
import { exportWorkflowJson } from '../src/engine/export';
import type { EncodedImage } from '../src/engine/image-ops';
import type { ImageValue } from '../src/engine/values';
import type { Workflow } from '../src/engine/workflow';

export interface EditorRunFigures {
  runMs: number;
  longestTaskMs: number;
  longTasks: number;
  longestTickGapMs: number;
  /**
   * The longest main-thread task in CPU time (Chromium's trace `tdur`): on a loaded machine a
   * task's wall time also counts the time the OS gave the core to other processes.
   */
  longestTaskCpuMs: number;
  loadAverage: number;
  hotFunctions?: string[];
}

/** The workflow file: both images embedded, as a user's saved workflow holds them. */
export function imageToolsWorkflowFile(photo: EncodedImage, logo: EncodedImage): string {
  const images = new Map<string, ImageValue>();
  const ref = (image: EncodedImage, name: string) => {
    const value = imageValueOf(image.bytes, image.mimeType);
    images.set(value.hash, value);
    return { name, mimeType: image.mimeType, hash: value.hash };
  };
  const workflow: Workflow = {
    format: 'peel.workflow',
    version: 1,
    name: 'Image tools bench',
    nodes: [
      {
        id: 'photo',
        type: 'imageInput',
        position: { x: 0, y: 0 },
        params: { image: ref(photo, 'photo.jpg') },
      },
      {
        id: 'logo',
        type: 'imageInput',
        position: { x: 0, y: 600 },
        params: { image: ref(logo, 'logo.png') },
      },
      {
        id: 'size',
        type: 'resize',
        position: { x: 340, y: 0 },
        params: { width: 1024, height: 1280, fit: 'cover' },
      },
      {
        id: 'brand',
        type: 'composite',
        position: { x: 680, y: 0 },
        params: { anchor: 'bottom-right', offsetX: -0.04, offsetY: -0.04, scale: 0.2, opacity: 0.9 },
      },
    ],
    edges: [
      { source: 'photo', sourcePort: 'image', target: 'size', targetPort: 'image' },
      { source: 'size', sourcePort: 'image', target: 'brand', targetPort: 'base' },
      { source: 'logo', sourcePort: 'image', target: 'brand', targetPort: 'overlay' },
    ],
  };
  return exportWorkflowJson(workflow, { getImage: (hash) => images.get(hash) });
}

/** One run in a fresh page of the bench build at `url` (serving the workflow above). */
export async function measureEditorRun(
  browser: Browser,
  url: string,
  profile: boolean,
): Promise<EditorRunFigures> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.peelBench !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.peelBench?.loaded);
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 4);
    // Let the import's own work (and first paint of the inputs) settle: it is not image-tool work.
    await page.waitForTimeout(2_000);
    const cdp = profile ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const loadAverage = loadavg()[0] ?? Number.NaN;
    if (!cdp)
      await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
    const figures = await page.evaluate(async () => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      let longestGap = 0;
      let last = performance.now();
      let probing = true;
      const tick = () => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
        if (probing) setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      const started = performance.now();
      await window.peelBench?.runPreview?.();
      // The run settles when the composite's output is in the run store; then let React commit it.
      while ((window.peelBench?.imageOutputs?.() ?? 0) < 4) await new Promise((done) => setTimeout(done, 20));
      const runMs = performance.now() - started;
      await new Promise((done) => setTimeout(done, 1_000));
      probing = false;
      observer.disconnect();
      return { runMs, tasks, longestGap };
    });
    const longestTaskCpuMs = cdp ? Number.NaN : longestMainThreadTaskCpu(await browser.stopTracing());
    let hotFunctions: string[] | undefined;
    if (cdp)
      hotFunctions = topSelfTime(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    return {
      runMs: Math.round(figures.runMs),
      longestTaskMs: Math.round(Math.max(0, ...figures.tasks)),
      longTasks: figures.tasks.length,
      longestTickGapMs: Math.round(figures.longestGap),
      longestTaskCpuMs: Math.round(longestTaskCpuMs),
      loadAverage: Math.round(loadAverage * 10) / 10,
      ...(hotFunctions ? { hotFunctions } : {}),
    };
  } finally {
    await context.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Longest task on a renderer's main thread, in thread (CPU) milliseconds. */
function longestMainThreadTaskCpu(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  let longest = 0;
  for (const event of events)
    if (
      event.ph === 'X' &&
      (event.name === 'ThreadControllerImpl::RunTask' || event.name === 'RunTask') &&
      mainThreads.has(`${event.pid}:${event.tid}`)
    )
      longest = Math.max(longest, (event.tdur ?? 0) / 1000);
  return longest;
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** The longest stretch of samples without idle: what one long task spent its time in (leaf <- callers). */
function longestBusyStretch(profile: CpuProfile): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (id: number) => {
    const frame = byId.get(id)?.callFrame;
    return frame ? `${frame.functionName || '(anon)'}:${frame.lineNumber}` : '?';
  };
  let best: { from: number; to: number; ms: number } = { from: 0, to: 0, ms: 0 };
  let from = 0;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const idle = name(id).startsWith('(idle)') || name(id).startsWith('(program)');
    if (idle) {
      from = i + 1;
      ms = 0;
      return;
    }
    ms += (profile.timeDeltas[i] ?? 0) / 1000;
    if (ms > best.ms) best = { from, to: i + 1, ms };
  });
  const stacks = new Map<string, number>();
  for (let i = best.from; i < best.to; i++) {
    const chain: string[] = [];
    for (
      let id: number | undefined = profile.samples[i];
      id !== undefined && chain.length < 8;
      id = parent.get(id)
    )
      chain.push(name(id));
    const key = chain.join(' <- ');
    stacks.set(key, (stacks.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [
    `longest busy stretch ${best.ms.toFixed(0)} ms`,
    ...[...stacks.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([stack, time]) => `${time.toFixed(0)} ms ${stack}`),
  ];
}

function topSelfTime(profile: CpuProfile): string[] {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const file = node.callFrame.url.split('/').pop() ?? '';
    const key = `${node.callFrame.functionName || '(anon)'} ${file}:${node.callFrame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0) / 1000);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, ms]) => `${ms.toFixed(0)} ms ${name}`)
    .concat(longestBusyStretch(profile));
}
