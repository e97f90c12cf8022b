import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { exportWorkflowJson } from '../src/engine/export';
import { launchBrowser } from '../test/e2e/browser';
import { serveStatic } from '../test/e2e/static-server';
import {
  emptyPanePoint,
  firstNodeHeader,
  framesDuring,
  percentile,
  reopenTimeToInteractive,
  slowDrag,
  timeToInteractive,
} from './browser-measure';
import { editorBenchWorkflow, firstNodesOf, hundredImagesWorkflow } from './browser-workflows';
import { lodFigures } from './editor-lod';
import { round } from './executor-overhead';
import type { BenchResult } from './result';

const root = new URL('..', import.meta.url).pathname;

/** tsx keeps function names with a `__name` helper that pages do not have; functions sent to page.evaluate need it. */
async function benchContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  return context;
}

function build(args: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'peel-bench-build-'));
  execSync(`npx vite build --logLevel warn --outDir ${outDir} --emptyOutDir ${args}`, {
    cwd: root,
    stdio: 'inherit',
  });
  return outDir;
}

/** Gzipped bytes of the JavaScript index.html loads before first paint (its module scripts and any modulepreloads). */
function firstPaintJsBytes(dist: string): { files: number; gzipBytes: number; lazyChunks: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const gzipBytes = scripts.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length,
    0,
  );
  const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  return { files: scripts.length, gzipBytes, lazyChunks: allJs.length - scripts.length };
}

async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await benchContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('.react-flow__node');
    samples.push(
      await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      ),
    );
    await context.close();
  }
  return percentile(samples, 50);
}

interface EditorFigures {
  tti: number;
  /** Peel only: the same workflow reopened from storage on the next visit. */
  reopenTti: number;
  pan: { p50: number; p95: number };
  drag: { p50: number; p95: number };
}

function medianFigures(runs: EditorFigures[]): EditorFigures {
  const median = (pick: (run: EditorFigures) => number) => percentile(runs.map(pick), 50);
  return {
    tti: median((r) => r.tti),
    reopenTti: median((r) => r.reopenTti),
    pan: { p50: median((r) => r.pan.p50), p95: median((r) => r.pan.p95) },
    drag: { p50: median((r) => r.drag.p50), p95: median((r) => r.drag.p95) },
  };
}

/** Peel opens the file as a user's link would (`/?open=`); the bare page fetches it itself. */
const PEEL_OPENS_FILE = '/?open=/bench-workflow.json';

/** The first nodes of the bench file: opening the editor with almost no graph. */
const SMALL_FILE_NODES = 8;
const SMALL_FILE = '/bench-workflow-small.json';

/**
 * Loads of each page for time until interactive, alternating Peel and bare. On this shared 2-core
 * machine a load varies by 10-30% with what else runs: three rounds gave ratios from 1.35x to
 * 1.76x for one build. Each round's ratio compares two loads made seconds apart, so the median of
 * those paired ratios follows the app, not the machine's mood. `BENCH_TTI_ROUNDS` overrides.
 */
const TTI_ROUNDS = Number(process.env.BENCH_TTI_ROUNDS ?? 11);

/** Time until interactive of one fresh visit (a new browser context: no cache, no storage). */
async function firstVisitTti(browser: Browser, url: string, peel: boolean): Promise<number> {
  const context = await benchContext(browser, { viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const tti = await timeToInteractive(page, peel ? `${url}${PEEL_OPENS_FILE}` : url);
  await context.close();
  return tti;
}

/** Time until interactive with the small file: what opening costs before the graph's size counts. */
async function smallFileTti(browser: Browser, url: string, peel: boolean): Promise<number> {
  const context = await benchContext(browser, { viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const opened = peel ? `${url}/?open=${SMALL_FILE}` : `${url}/?file=${SMALL_FILE}`;
  const tti = await timeToInteractive(page, opened, SMALL_FILE_NODES);
  await context.close();
  return tti;
}

/** `peel`: the Peel build (opens the file from a link, then reopens it from storage). */
async function editorFigures(browser: Browser, url: string, peel: boolean): Promise<EditorFigures> {
  const context = await benchContext(browser, { viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const tti = await timeToInteractive(page, peel ? `${url}${PEEL_OPENS_FILE}` : url);
  const pan = await framesDuring(page, async () => slowDrag(page, await emptyPanePoint(page), -300, 150));
  const drag = await framesDuring(page, async () => slowDrag(page, await firstNodeHeader(page), 120, 80));
  const reopenTti = peel ? await reopenTimeToInteractive(page, url) : Number.NaN;
  await context.close();
  return { tti, reopenTti, pan, drag };
}

export async function benchBrowser(): Promise<BenchResult[]> {
  const prod = build('');
  const peel = build('--mode bench');
  const bare = mkdtempSync(join(tmpdir(), 'peel-bench-bare-'));
  execSync(`npx vite build --config bench/vite.bare.config.ts --outDir ${bare} --emptyOutDir`, {
    cwd: root,
    stdio: 'inherit',
  });
  const images = mkdtempSync(join(tmpdir(), 'peel-bench-images-'));
  execSync(`cp -r ${peel}/. ${images}/`);
  const editorFile = exportWorkflowJson(editorBenchWorkflow());
  const smallFile = exportWorkflowJson(firstNodesOf(editorBenchWorkflow(), SMALL_FILE_NODES));
  for (const dir of [peel, bare]) {
    writeFileSync(join(dir, 'bench-workflow.json'), editorFile);
    writeFileSync(join(dir, SMALL_FILE.slice(1)), smallFile);
  }
  writeFileSync(join(images, 'bench-workflow.json'), exportWorkflowJson(hundredImagesWorkflow()));
  const servers = await Promise.all([prod, peel, bare, images].map((dir) => serveStatic(dir)));
  const [prodUrl, peelUrl, bareUrl, imagesUrl] = servers.map((s) => s.url) as [
    string,
    string,
    string,
    string,
  ];
  const browser = await launchBrowser();
  try {
    const bundle = firstPaintJsBytes(prod);
    const fcp = await firstContentfulPaint(browser, prodUrl);
    // Three alternating rounds, medians per figure: one noisy frame must not decide a ratio.
    const oursRuns: EditorFigures[] = [];
    const bareRuns: EditorFigures[] = [];
    const oursSmall: number[] = [];
    const bareSmall: number[] = [];
    for (let round = 0; round < 3; round++) {
      oursRuns.push(await editorFigures(browser, peelUrl, true));
      bareRuns.push(await editorFigures(browser, bareUrl, false));
      oursSmall.push(await smallFileTti(browser, peelUrl, true));
      bareSmall.push(await smallFileTti(browser, bareUrl, false));
    }
    // Time until interactive: the three rounds above, then alternating loads of each page alone.
    const oursTti = oursRuns.map((run) => run.tti);
    const bareTti = bareRuns.map((run) => run.tti);
    for (let round = 3; round < TTI_ROUNDS; round++) {
      oursTti.push(await firstVisitTti(browser, peelUrl, true));
      bareTti.push(await firstVisitTti(browser, bareUrl, false));
    }
    const pairedRatios = oursTti.map((tti, i) => tti / (bareTti[i] as number));
    const ours = { ...medianFigures(oursRuns), tti: percentile(oursTti, 50) };
    const baseline = { ...medianFigures(bareRuns), tti: percentile(bareTti, 50) };
    const peelSmallTti = percentile(oursSmall, 50);
    const bareSmallTti = percentile(bareSmall, 50);
    const lod = await lodFigures(browser, peelUrl);

    const context = await benchContext(browser);
    const page = await context.newPage();
    await timeToInteractive(page, imagesUrl);
    await page.evaluate(() => window.peelBench?.runPreview?.());
    await page.waitForFunction(() => (window.peelBench?.imageOutputs?.() ?? 0) >= 100, undefined, {
      timeout: 120_000,
    });
    // Let React commit the previews and the object URLs load.
    await page.waitForTimeout(1000);
    const generated = await page.evaluate(() => window.peelBench?.imageOutputs?.() ?? 0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const shownImages = await page.evaluate(() => document.querySelectorAll('img[src^="blob:"]').length);
    await context.close();

    const ratio = (a: number, b: number) => round(a / b);
    // The median of the paired ratios (see TTI_ROUNDS); the quartiles say how much they spread.
    const ttiRatio = round(percentile(pairedRatios, 50));
    const frameRatios = [
      ratio(ours.pan.p50, baseline.pan.p50),
      ratio(ours.pan.p95, baseline.pan.p95),
      ratio(ours.drag.p50, baseline.drag.p50),
      ratio(ours.drag.p95, baseline.drag.p95),
    ];
    return [
      {
        name: 'editor, 500 nodes / 600 edges (Peel vs bare React Flow)',
        figures: {
          peelTtiMs: round(ours.tti),
          bareTtiMs: round(baseline.tti),
          peelReopenTtiMs: round(ours.reopenTti),
          reopenTtiRatio: ratio(ours.reopenTti, baseline.tti),
          peelPanP50: round(ours.pan.p50),
          barePanP50: round(baseline.pan.p50),
          peelPanP95: round(ours.pan.p95),
          barePanP95: round(baseline.pan.p95),
          peelDragP50: round(ours.drag.p50),
          bareDragP50: round(baseline.drag.p50),
          peelDragP95: round(ours.drag.p95),
          bareDragP95: round(baseline.drag.p95),
          ttiRatio,
          ttiRatioP25: round(percentile(pairedRatios, 25)),
          ttiRatioP75: round(percentile(pairedRatios, 75)),
          ttiRounds: pairedRatios.length,
          worstFrameRatio: Math.max(...frameRatios),
          // The same split for both pages: opening with the first 8 nodes, then what the other 492 add.
          peelTtiSmallFileMs: round(peelSmallTti),
          bareTtiSmallFileMs: round(bareSmallTti),
          openingCostOverBareMs: round(peelSmallTti - bareSmallTti),
          perNodeRatio: ratio(ours.tti - peelSmallTti, baseline.tti - bareSmallTti),
        },
        target:
          'time until interactive <= 1.3x bare React Flow (first visit, the file opened from a link); pan and drag frames (p50, p95) <= 1.5x',
        met: ttiRatio <= 1.3 && frameRatios.every((r) => r <= 1.5),
      },
      {
        name: 'editor, 500 nodes: level-of-detail zoom, Fit, Tidy',
        figures: {
          zoomLongestFrameMs: round(lod.zoomLongestFrameMs),
          zoomReached: round(lod.zoomReached),
          fullBodiesAfterZoom: lod.fullBodies,
          fitBlockingMs: round(lod.fit.totalMs),
          fitLongestTaskMs: round(lod.fit.longestMs),
          tidyBlockingMs: round(lod.tidy.totalMs),
          tidyLongestTaskMs: round(lod.tidy.longestMs),
        },
        target: 'longest frame through the LOD switch < 100 ms; Fit and Tidy < 200 ms of long tasks each',
        met:
          lod.zoomLongestFrameMs < 100 &&
          lod.zoomReached >= 0.45 &&
          lod.fullBodies > 0 &&
          lod.fit.totalMs < 200 &&
          lod.tidy.totalMs < 200,
      },
      {
        name: 'bundle and first paint (built app, served locally)',
        figures: {
          firstPaintJsGzipKB: round(bundle.gzipBytes / 1024),
          initialJsFiles: bundle.files,
          lazyChunks: bundle.lazyChunks,
          firstContentfulPaintMs: round(fcp),
        },
        target: 'first-paint JS < 300 KB gzipped',
        met: bundle.gzipBytes < 300 * 1024,
      },
      {
        name: 'memory, 100 generated images on the canvas (preview provider)',
        figures: {
          jsHeapMB: round(heap.usedSize / 1024 / 1024),
          generatedImages: generated,
          blobImagesInDom: shownImages,
        },
        target: 'JS heap < 150 MB',
        met: heap.usedSize < 150 * 1024 * 1024 && generated >= 100,
      },
    ];
  } finally {
    await browser.close();
    for (const server of servers) server.server.close();
    for (const dir of [prod, peel, bare, images]) rmSync(dir, { recursive: true, force: true });
  }
}
