/**
 * The editor's second pass, part three (issue 17), in the real app: a run goes on in its tab
 * while another tab is edited, each tab keeps its own pan and zoom (also after a reload), and
 * the canvas does not jump while the app starts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { watchErrors } from './browser';
import {
  appErrors,
  clickRun,
  configureGemini,
  dismissHint,
  node,
  nodeOutputImages,
  waitForStatus,
} from './helpers/app';
import { countGenerateRequests, setLatency } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();

const runBadge = (page: Page, index: number) =>
  page.getByTestId('tab-bar').locator('.tab').nth(index).getByTestId('tab-run-badge');

async function saved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
}

/** The canvas's pan and zoom as React Flow draws them. */
const transform = (page: Page): Promise<string> =>
  page.locator('.react-flow__viewport').evaluate((element) => (element as HTMLElement).style.transform);

/** Zooms with the canvas's own buttons and waits until the view is still. */
async function zoom(page: Page, button: 'in' | 'out', times: number): Promise<string> {
  for (let i = 0; i < times; i++) await page.locator(`.react-flow__controls-zoom${button}`).click();
  let last = '';
  await expect
    .poll(async () => {
      const now = await transform(page);
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
  return last;
}

describe('issue 17: background runs and per-tab viewports', () => {
  it('a run goes on in its tab while a new tab is edited; its results land in its tab only', async () => {
    await setLatency(fakeUrl, 2_500);
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await node(page, 'gen').waitFor();
    const tabs = page.getByRole('tab');
    await clickRun(page);
    await waitForStatus(page, 'gen', 'running');
    await expect.poll(() => runBadge(page, 0).getAttribute('aria-label')).toBe('run in progress');

    // A new tab while the call is in flight: a blank workflow, edited, with its own Run button.
    await page.getByTestId('tab-new').click();
    await expect.poll(() => tabs.count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByTestId('palette-item-prompt').click();
    await node(page, 'prompt').waitFor();
    await page.getByTestId('run-button').waitFor();

    // The first tab's run ends in the background; nothing of it appears here.
    await expect
      .poll(() => runBadge(page, 0).getAttribute('aria-label'), { timeout: 20_000 })
      .toBe('run finished');
    expect(await page.locator('.react-flow__node').count()).toBe(1);
    expect(await runBadge(page, 1).count()).toBe(0);

    // Back on the first tab: the image is on its node, and the badge has been seen.
    await tabs.nth(0).click();
    await waitForStatus(page, 'gen', 'done');
    expect(await nodeOutputImages(page, 'gen').count()).toBeGreaterThan(0);
    await expect.poll(() => runBadge(page, 0).count()).toBe(0);
    expect(await countGenerateRequests(fakeUrl)).toBe(1);
    expect(appErrors(errors)).toEqual([]);
  });

  it('each tab keeps its own pan and zoom, after a switch and after a reload', async () => {
    const { page, errors } = await suite.open();
    await node(page, 'gen').waitFor();
    const tabs = page.getByRole('tab');
    const viewA = await zoom(page, 'in', 2);

    await page.getByTestId('tab-new').click();
    await expect.poll(() => tabs.count()).toBe(2);
    await page.getByTestId('palette-item-prompt').click();
    await node(page, 'prompt').waitFor();
    const viewB = await zoom(page, 'out', 3);
    expect(viewB).not.toBe(viewA);

    await tabs.nth(0).click();
    await node(page, 'gen').waitFor();
    await expect.poll(() => transform(page)).toBe(viewA);
    await tabs.nth(1).click();
    await node(page, 'prompt').waitFor();
    await expect.poll(() => transform(page)).toBe(viewB);
    await saved(page);

    await page.reload();
    await node(page, 'prompt').waitFor({ timeout: 15_000 });
    await dismissHint(page);
    await expect.poll(() => transform(page)).toBe(viewB);
    await tabs.nth(0).click();
    await node(page, 'gen').waitFor();
    await expect.poll(() => transform(page)).toBe(viewA);
    expect(appErrors(errors)).toEqual([]);
  });
});

/**
 * Every size the canvas had from its first frame, and every place the Run button and the save
 * status were drawn at (sampled each frame), recorded by a script that runs before the app.
 */
const RECORD_STARTUP_LAYOUT = `
  globalThis.canvasSizes = [];
  globalThis.runButtonPlaces = [];
  globalThis.saveStatusPlaces = [];
  // Each status the save indicator shows, with whether the tab bar still waits for storage then.
  globalThis.saveStates = [];
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="save-status"]');
    if (!status) return;
    const bar = document.querySelector('[data-testid="tab-bar"]');
    const entry = status.getAttribute('data-state') + '|' + (bar && bar.hasAttribute('data-opening') ? 'bar-opening' : 'bar-listed');
    if (globalThis.saveStates.at(-1) !== entry) globalThis.saveStates.push(entry);
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state', 'data-opening'] });
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries)
      globalThis.canvasSizes.push(Math.round(entry.contentRect.width) + 'x' + Math.round(entry.contentRect.height));
  });
  new MutationObserver((_, watcher) => {
    const canvas = document.querySelector('.react-flow');
    if (!canvas) return;
    observer.observe(canvas);
    watcher.disconnect();
  }).observe(document, { childList: true, subtree: true });
  const sample = () => {
    const run = document.querySelector('[data-testid="run-button"]');
    if (run) {
      const box = run.getBoundingClientRect();
      const place = Math.round(box.x) + ',' + Math.round(box.y);
      if (globalThis.runButtonPlaces.at(-1) !== place) globalThis.runButtonPlaces.push(place);
    }
    const status = document.querySelector('[data-testid="save-status"]');
    if (status) {
      const left = String(Math.round(status.getBoundingClientRect().x));
      if (globalThis.saveStatusPlaces.at(-1) !== left) globalThis.saveStatusPlaces.push(left);
    }
    if (!globalThis.stopRecording) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
`;

describe('issue 17: nothing jumps while the app starts', () => {
  it('the tab bar and the toolbar hold their places from the first frame while the workflow opens', async () => {
    const { page, errors } = suite.adopt(await openRecorded());
    // Storage has opened and listed the real tab (its close button names the stored workflow).
    await page.getByTestId('tab-bar').locator('[data-testid^="tab-close-"]').first().waitFor();
    await saved(page);
    const { sizes, places, statusPlaces, saveStates } = await page.evaluate(() => {
      const recorded = globalThis as unknown as {
        canvasSizes: string[];
        runButtonPlaces: string[];
        saveStatusPlaces: string[];
        saveStates: string[];
        stopRecording: boolean;
      };
      recorded.stopRecording = true;
      return {
        sizes: recorded.canvasSizes,
        places: recorded.runButtonPlaces,
        statusPlaces: recorded.saveStatusPlaces,
        saveStates: recorded.saveStates,
      };
    });
    // "Saved" only once the workflow is stored (the tab bar lists it in the same commit): it said
    // "Saved" while the first visit's template was still being stored, one frame before the bar.
    expect(saveStates[0]).toBe('opening|bar-opening');
    expect(saveStates).not.toContain('saved|bar-opening');
    expect(saveStates).toContain('saved|bar-listed');
    expect(sizes.length).toBeGreaterThan(0);
    // One size from the first measurement on: a tab bar arriving late pushed the canvas down 34 px.
    expect(new Set(sizes)).toEqual(new Set([sizes[0]]));
    // One place for the toolbar's buttons: a name field that grew with the opened workflow's name
    // moved them 13 px to the right.
    expect(places).toHaveLength(1);
    // "Opening…", then "Saved": the status keeps its left edge, so Form and Batch do not shift.
    expect(statusPlaces).toHaveLength(1);
    await expect.poll(() => page.getByRole('tab').count()).toBe(1);
    expect(appErrors(errors)).toEqual([]);
  });
});

describe('issue 17: a chosen theme from the first frame', () => {
  it('a page opened with the dark theme chosen draws its overview map in the dark colours', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
    // The choice an earlier visit stored (the system theme here is light).
    await context.addInitScript({ content: "try { localStorage.setItem('peel.theme', 'dark'); } catch {}" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('appUrl'));
    await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
    // The colours on the map, against the theme's own: each variable resolved by drawing it.
    const colours = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="minimap"] canvas');
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return null;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const drawn = new Set<string>();
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3] === 255) drawn.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      const styles = getComputedStyle(canvas);
      const resolve = (variable: string) => {
        if (!probe) return '';
        probe.clearRect(0, 0, 1, 1);
        probe.fillStyle = styles.getPropertyValue(variable).trim();
        probe.fillRect(0, 0, 1, 1);
        const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
        return `${r},${g},${b}`;
      };
      return {
        theme: document.documentElement.dataset.theme,
        drawn: [...drawn],
        text: resolve('--port-text'),
        image: resolve('--port-image'),
      };
    });
    expect(colours?.theme).toBe('dark');
    // The template's prompt and generate nodes, in the dark theme's port colours (read before the
    // theme was applied, they were the light theme's).
    expect(colours?.drawn).toContain(colours?.text);
    expect(colours?.drawn).toContain(colours?.image);
    expect(appErrors(errors)).toEqual([]);
    await context.close();
  });
});

async function openRecorded() {
  const context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: RECORD_STARTUP_LAYOUT });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(inject('appUrl'));
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
  return { context, page, errors };
}
