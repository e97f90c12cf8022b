/**
 * Wiring a workflow from an empty canvas with the mouse, in the real app: palette search, drag and
 * click to place, the search popup (double-click; a link released in empty space), links dragged
 * between handles, a link of the wrong type refused, then a run whose images appear on the node.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshot } from './browser';
import {
  appErrors,
  canvasEdgeCount,
  canvasNodeIds,
  configureGemini,
  dragLink,
  handle,
  nodeOutputImages,
  type OpenedApp,
  panePoint,
  runAndWait,
  statusOf,
  waitForStatus,
} from './helpers/app';
import { generateRequests, promptOf, waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

async function clearCanvas(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await waitUntil(async () => (await canvasNodeIds(page)).length === 0, 'an empty canvas');
}

async function edgeCountIs(page: Page, count: number): Promise<void> {
  await waitUntil(async () => (await canvasEdgeCount(page)) === count, `${count} edges on the canvas`, 3_000);
}

describe('wiring a workflow from scratch', () => {
  it('places nodes with the palette and the search popup, links them by mouse, refuses a wrong link, runs', async () => {
    opened = await suite.open();
    const { page, errors } = opened;
    await clearCanvas(page);
    expect(await canvasEdgeCount(page)).toBe(0);

    // Palette search, then drag "Prompt" onto the canvas.
    await page.getByTestId('palette-search').fill('prompt');
    await page.getByTestId('palette-item-prompt').waitFor();
    // "prompt" also finds the Template and the Text model (they take a prompt); Prompt comes first.
    await expect
      .poll(() => page.locator('[data-testid^="palette-item-"]').first().getAttribute('data-testid'))
      .toBe('palette-item-prompt');
    const pane = await page.locator('.react-flow__pane').boundingBox();
    await page.getByTestId('palette-item-prompt').dragTo(page.locator('.react-flow__pane'), {
      targetPosition: { x: (pane?.width ?? 800) * 0.12, y: (pane?.height ?? 600) * 0.15 },
    });
    await page.getByTestId('node-prompt').waitFor();

    // Double-click the empty canvas: the search popup; type, Enter adds a Generate centred there
    // (low enough that the whole node, and its output handles, are on screen).
    const popupAt = await panePoint(page, 0.42, 0.5);
    await page.mouse.dblclick(popupAt.x, popupAt.y);
    await page.getByTestId('search-popup').waitFor();
    await page.getByTestId('search-popup-input').fill('generate');
    const found = await page
      .locator('[data-testid^="search-item-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
    // Name matches first: Enter adds a Generate, not the Prompt whose description says "Generate".
    expect(found[0]).toBe('search-item-generate');
    await page.getByTestId('search-popup-input').press('Enter');
    await page.getByTestId('node-gen').waitFor();
    expect(await page.getByTestId('search-popup').count()).toBe(0);

    // Release a link from gen's "images" output on empty canvas: the popup offers only nodes
    // taking images; the one picked arrives connected.
    const releaseAt = await panePoint(page, 0.8, 0.15);
    await dragLink(page, handle(page, 'gen', 'out', 'images'), releaseAt);
    await page.getByTestId('search-popup').waitFor();
    const offered = await page
      .locator('[data-testid^="search-item-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
    expect(offered).toContain('search-item-export');
    expect(offered).not.toContain('search-item-prompt');
    await page.getByTestId('search-item-export').click();
    await page.getByTestId('node-out').waitFor();
    await edgeCountIs(page, 1);

    // Palette click: a second Export, placed in view.
    await page.getByTestId('palette-search').fill('export');
    await page.getByTestId('palette-item-export').click();
    await page.getByTestId('node-out-2').waitFor();
    expect(await canvasNodeIds(page)).toEqual(['gen', 'out', 'out-2', 'prompt']);

    // Tidy so every handle is on screen, then drag links between handles.
    await page.getByTestId('layout-button').click();
    await page.waitForTimeout(400);
    await dragLink(page, handle(page, 'prompt', 'out', 'text'), handle(page, 'gen', 'in', 'prompt'));
    await edgeCountIs(page, 2);
    await dragLink(page, handle(page, 'gen', 'out', 'image'), handle(page, 'out-2', 'in', 'images'));
    await edgeCountIs(page, 3);

    // A text output onto an image input is refused: no edge, no node added.
    await dragLink(page, handle(page, 'prompt', 'out', 'text'), handle(page, 'gen', 'in', 'references'));
    await dragLink(page, handle(page, 'prompt', 'out', 'text'), handle(page, 'out-2', 'in', 'images'));
    await page.waitForTimeout(300);
    expect(await canvasEdgeCount(page)).toBe(3);
    expect(await canvasNodeIds(page)).toEqual(['gen', 'out', 'out-2', 'prompt']);
    await page.keyboard.press('Escape'); // a refused drop may leave the search popup: close it

    await page.getByTestId('prompt-text-prompt').fill('a lighthouse at dusk, wired by hand');
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    await waitForStatus(page, 'gen', 'done');
    expect(await nodeOutputImages(page, 'gen').count()).toBeGreaterThan(0);
    // The image really loaded (an object URL the browser decoded).
    const width = await nodeOutputImages(page, 'gen')
      .first()
      .evaluate((image) => (image as HTMLImageElement).naturalWidth);
    expect(width).toBeGreaterThan(0);
    expect(await statusOf(page, 'out')).toBe('done');
    expect(await statusOf(page, 'out-2')).toBe('done');
    const calls = await generateRequests(fakeUrl);
    expect(calls).toHaveLength(1);
    expect(promptOf(calls[0] ?? ({} as never))).toContain('a lighthouse at dusk, wired by hand');
    await screenshot(page, 'wiring-after-run');
    expect(appErrors(errors)).toEqual([]);
  });
});
