import type { Page } from 'playwright-core';

export interface FrameStats {
  p50: number;
  p95: number;
  longest: number;
  frames: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Loads a bench page and returns ms from navigation start until the graph is drawn and idle.
 * `nodes`: how many nodes the bench file has (the 500-node file unless told).
 */
export async function timeToInteractive(page: Page, url: string, nodes = 500): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => window.peelBench !== undefined);
  await page.evaluate(() => window.peelBench?.loaded);
  // The bench workflow's nodes, not whatever the app showed before it.
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node').length >= count,
    Math.min(nodes, 101),
  );
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        // Two frames after the nodes exist, then wait for the main thread to go idle.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void })
              .requestIdleCallback;
            if (idle) idle(() => resolve(performance.now()));
            else resolve(performance.now());
          }),
        );
      }),
  );
}

/**
 * Time until interactive for a returning user: once the page's workflow is saved, a new visit to
 * `?reopen` (the bench build then imports nothing) restores it from IndexedDB.
 */
export async function reopenTimeToInteractive(page: Page, url: string): Promise<number> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 30_000 });
  return timeToInteractive(page, `${url}/?reopen`);
}

/** Frame durations (rAF deltas) while `gesture` runs. */
export async function framesDuring(page: Page, gesture: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(() => {
    const state = globalThis as unknown as { benchFrames: number[]; benchRecording: number };
    // Each recording has its own generation, so a previous loop's last frame cannot leak in.
    const generation = (state.benchRecording ?? 0) + 1;
    state.benchRecording = generation;
    state.benchFrames = [];
    const loop = (time: number) => {
      if (state.benchRecording !== generation) return;
      state.benchFrames.push(time);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await gesture();
  const times = await page.evaluate(() => {
    const state = globalThis as unknown as { benchFrames: number[]; benchRecording: number };
    state.benchRecording = -1;
    return state.benchFrames;
  });
  const deltas = times.slice(1).map((time, i) => time - (times[i] as number));
  return {
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    longest: Math.max(0, ...deltas),
    frames: deltas.length,
  };
}

/** A slow drag: one mouse move per frame, like a hand. */
export async function slowDrag(
  page: Page,
  from: { x: number; y: number },
  dx: number,
  dy: number,
  steps = 60,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/** A point on the empty canvas: the pane's top-left area, clear of nodes after fitView padding. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no pane');
  return { x: box.x + box.width / 2, y: box.y + 12 };
}

export async function firstNodeHeader(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.react-flow__node').first().boundingBox();
  if (!box) throw new Error('no node');
  return { x: box.x + box.width / 2, y: box.y + 6 };
}
