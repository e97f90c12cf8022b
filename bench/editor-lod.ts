import type { Browser, Page } from 'playwright-core';
import { framesDuring, percentile, timeToInteractive } from './browser-measure';

/**
 * The issue-17 goals that are not a ratio to bare React Flow: the longest frame while zooming in
 * through the level-of-detail switch, and the main-thread blocking of Fit and Tidy, on the 500-node
 * bench graph.
 */
export interface LodFigures {
  /** Longest rAF gap (ms) while wheel-zooming from the overview to full bodies, and 1 s after. */
  zoomLongestFrameMs: number;
  /** Zoom reached (React Flow's transform), to show the switch was crossed. */
  zoomReached: number;
  /** Nodes with full bodies at the end of the zoom (not an overview node, not a far-out placeholder). */
  fullBodies: number;
  fit: Blocking;
  tidy: Blocking;
}

export interface Blocking {
  /** Sum of the long tasks (>= 50 ms, Chromium's Long Tasks API) during the action. */
  totalMs: number;
  longestMs: number;
}

/** Long tasks on the page's main thread while `action` runs and `settleMs` after. */
async function blockingDuring(page: Page, action: () => Promise<void>, settleMs: number): Promise<Blocking> {
  await page.evaluate(() => {
    const state = globalThis as unknown as { benchLongTasks: number[]; benchObserver?: PerformanceObserver };
    state.benchLongTasks = [];
    state.benchObserver?.disconnect();
    state.benchObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.benchLongTasks.push(entry.duration);
    });
    state.benchObserver.observe({ type: 'longtask' });
  });
  await action();
  await page.waitForTimeout(settleMs);
  const tasks = await page.evaluate(() => {
    const state = globalThis as unknown as { benchLongTasks: number[]; benchObserver?: PerformanceObserver };
    state.benchObserver?.disconnect();
    return state.benchLongTasks;
  });
  return { totalMs: tasks.reduce((sum, d) => sum + d, 0), longestMs: Math.max(0, ...tasks) };
}

const firstNodeTransform = (page: Page): Promise<string | undefined> =>
  page.evaluate(
    () =>
      document
        .querySelector('.react-flow__node')
        ?.getAttribute('style')
        ?.match(/translate\([^)]*\)/)?.[0],
  );

const currentZoom = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const style = document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
    return Number(style.match(/scale\(([\d.]+)\)/)?.[1] ?? Number.NaN);
  });

async function lodRound(browser: Browser, url: string): Promise<LodFigures> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  const page = await context.newPage();
  await timeToInteractive(page, url);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  // A hand on a wheel: one notch every 50 ms, from the overview (all compact) past 0.45 (full bodies).
  const zoom = await framesDuring(page, async () => {
    for (let step = 0; step < 20 && (await currentZoom(page)) < 0.8; step++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(1000);
  });
  const zoomReached = await currentZoom(page);
  const fullBodies = await page.evaluate(
    () =>
      document.querySelectorAll('.react-flow__node').length -
      document.querySelectorAll('.peel-node:is([data-overview], [data-placeholder])').length,
  );
  // Fit from there (full bodies on screen back to the compact overview), then Tidy (layout + fit).
  await page.mouse.click(centre.x, pane.y + 8);
  const fit = await blockingDuring(page, () => page.keyboard.press('f'), 1000);
  // Tidy lays out in a worker: measure until the nodes have moved (the layout applied), then settle.
  const moved = await firstNodeTransform(page);
  const tidy = await blockingDuring(
    page,
    async () => {
      await page.keyboard.press('Shift+L');
      await page.waitForFunction(
        (before) =>
          document
            .querySelector('.react-flow__node')
            ?.getAttribute('style')
            ?.match(/translate\([^)]*\)/)?.[0] !== before,
        moved,
        { timeout: 120_000, polling: 100 },
      );
    },
    1500,
  );
  await context.close();
  return { zoomLongestFrameMs: zoom.longest, zoomReached, fullBodies, fit, tidy };
}

/** Three rounds, the median of each figure. */
export async function lodFigures(browser: Browser, url: string): Promise<LodFigures> {
  const rounds: LodFigures[] = [];
  for (let i = 0; i < 3; i++) rounds.push(await lodRound(browser, url));
  const median = (pick: (r: LodFigures) => number) => percentile(rounds.map(pick), 50);
  return {
    zoomLongestFrameMs: median((r) => r.zoomLongestFrameMs),
    zoomReached: median((r) => r.zoomReached),
    fullBodies: median((r) => r.fullBodies),
    fit: { totalMs: median((r) => r.fit.totalMs), longestMs: median((r) => r.fit.longestMs) },
    tidy: { totalMs: median((r) => r.tidy.totalMs), longestMs: median((r) => r.tidy.longestMs) },
  };
}
