/**
 * Tidy on a graph big enough for the layout worker (issue 17, performance), in Chromium: the
 * layout runs in the `peel-layout` worker, the page applies it with measured sizes (no two nodes
 * overlap afterwards), and one Ctrl+Z puts every node back.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appErrors, panePoint } from './helpers/app';
import { waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const suite = setUpAppSuite();

/** Twelve chains prompt -> generate -> edit -> export (48 nodes), all piled on one spot. */
function piledWorkflow(): string {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < 12; i++) {
    const at = { x: 0, y: 0 };
    nodes.push({ id: `p${i}`, type: 'prompt', position: at, params: { text: `scene ${i}` } });
    nodes.push({ id: `g${i}`, type: 'generate', position: at, params: { model: 'gemini-3.1-flash-image' } });
    nodes.push({ id: `e${i}`, type: 'edit', position: at, params: { instruction: 'warmer' } });
    nodes.push({ id: `x${i}`, type: 'export', position: at, params: { filename: '{node}-{n}' } });
    edges.push({ source: `p${i}`, sourcePort: 'text', target: `g${i}`, targetPort: 'prompt' });
    edges.push({ source: `g${i}`, sourcePort: 'image', target: `e${i}`, targetPort: 'image' });
    edges.push({ source: `e${i}`, sourcePort: 'image', target: `x${i}`, targetPort: 'images' });
  }
  return JSON.stringify({ format: 'peel.workflow', version: 1, name: 'Piled', nodes, edges });
}

/** Each node's box in flow coordinates: its translate and its laid-out (unscaled) size. */
const boxes = (page: Page) =>
  page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const html = element as HTMLElement;
      const [x, y] = (html.style.transform.match(/-?[\d.]+/g) ?? ['0', '0']).map(Number);
      return {
        id: html.dataset.id ?? '',
        x: x ?? 0,
        y: y ?? 0,
        width: html.offsetWidth,
        height: html.offsetHeight,
      };
    }),
  );

const overlapping = (all: { id: string; x: number; y: number; width: number; height: number }[]) =>
  all.flatMap((a, i) =>
    all
      .slice(i + 1)
      .filter(
        (b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
      )
      .map((b) => `${a.id}/${b.id}`),
  );

describe('Tidy on a big graph', () => {
  it('lays 48 piled nodes out in the layout worker, with no overlaps, undone in one step', async () => {
    const { page, errors } = await suite.open();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'piled.peel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(piledWorkflow()),
    });
    await waitUntil(
      async () => (await page.locator('.react-flow__node').count()) === 48,
      'the imported nodes',
      15_000,
    );
    const piled = await boxes(page);
    expect(overlapping(piled).length).toBeGreaterThan(100);

    const corner = await panePoint(page, 0.5, 0.02);
    await page.mouse.click(corner.x, corner.y);
    await page.keyboard.press('Shift+L');
    await waitUntil(
      async () => overlapping(await boxes(page)).length === 0,
      'a layout without overlaps',
      30_000,
    );
    expect(workers.some((url) => url.includes('layout-worker'))).toBe(true);
    // Tidy fits to the box the layout fills (known from the layout, not measured again): every
    // node inside the canvas, and the graph filling it in one direction (not a loose fit).
    await page.waitForTimeout(400); // a graph this small glides to its fit (200 ms)
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    const onScreen = await Promise.all(
      (await page.locator('.react-flow__node').all()).map((n) => n.boundingBox()),
    );
    const left = Math.min(...onScreen.map((box) => box?.x ?? Number.NaN));
    const top = Math.min(...onScreen.map((box) => box?.y ?? Number.NaN));
    const right = Math.max(...onScreen.map((box) => (box ? box.x + box.width : Number.NaN)));
    const bottom = Math.max(...onScreen.map((box) => (box ? box.y + box.height : Number.NaN)));
    expect(left).toBeGreaterThanOrEqual(pane.x);
    expect(top).toBeGreaterThanOrEqual(pane.y);
    expect(right).toBeLessThanOrEqual(pane.x + pane.width);
    expect(bottom).toBeLessThanOrEqual(pane.y + pane.height);
    expect(Math.max((right - left) / pane.width, (bottom - top) / pane.height)).toBeGreaterThan(0.6);
    // Sources to the left of what they feed.
    const tidy = new Map((await boxes(page)).map((box) => [box.id, box]));
    expect((tidy.get('p0')?.x ?? 0) < (tidy.get('g0')?.x ?? 0)).toBe(true);
    expect((tidy.get('e0')?.x ?? 0) < (tidy.get('x0')?.x ?? 0)).toBe(true);

    await page.keyboard.press('Control+z');
    await waitUntil(
      async () => (await boxes(page)).every((box) => box.x === 0 && box.y === 0),
      'every node back on its spot',
      10_000,
    );
    expect(appErrors(errors)).toEqual([]);
  });
});
