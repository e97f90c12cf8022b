/**
 * The editor's second pass (issue 17), in the real app: a node drags by its title, shipped
 * templates never overlap after a run, the search popup stays inside the window, and History
 * lists Form and Batch runs with their costs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  closeSettings,
  configureGemini,
  node,
  openSettings,
  openTemplate,
  runAndWait,
  waitForStatus,
} from './helpers/app';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return {
        id: element.getAttribute('data-id') ?? '',
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
      };
    }),
  );
}

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function usePreview(page: Page): Promise<void> {
  const settings = await openSettings(page);
  const preview = settings.getByTestId('preview-switch');
  if (!(await preview.isChecked())) await preview.check();
  await closeSettings(page);
}

describe('issue 17: the editor second pass', () => {
  it('drags a node by its title (its position changes); double-click renames it', async () => {
    const { page, errors } = await suite.open();
    const title = page.getByTestId('node-title-gen');
    const before = await node(page, 'gen').boundingBox();
    const grip = await title.boundingBox();
    if (!before || !grip) throw new Error('the generate node is on screen');
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 + 60, grip.y + grip.height / 2 + 90, { steps: 12 });
    await page.mouse.up();
    const after = await node(page, 'gen').boundingBox();
    expect(after && after.x - before.x).toBeGreaterThan(40);
    expect(after && after.y - before.y).toBeGreaterThan(60);

    await title.dblclick();
    const input = page.getByTestId('node-title-input-gen');
    await input.fill('Hero shot');
    await input.press('Enter');
    await expect(title.textContent()).resolves.toBe('Hero shot');
    expect(appErrors(errors)).toEqual([]);
  });

  it('the shipped templates, after a run, have no two nodes whose boxes intersect', async () => {
    // A window big enough that every template fits with full node bodies (no compact level of detail).
    const { page, errors } = await suite.open({ viewport: { width: 2400, height: 1600 } });
    await usePreview(page);
    await page.getByTestId('template-menu').click();
    const templates = await page
      .locator('[data-testid^="template-"]:not([data-testid="template-menu"])')
      .evaluateAll((items) => items.map((item) => (item.getAttribute('data-testid') ?? '').slice(9)));
    await page.keyboard.press('Escape');
    expect(templates).toEqual(
      expect.arrayContaining(['text-to-image', 'product-scenes', 'generate-edit-edit', 'brand-mascot']),
    );
    for (const template of templates) {
      await openTemplate(page, template);
      await page.locator('.react-flow__node').first().waitFor();
      await runAndWait(page);
      const exports = await page.locator('.react-flow__node[data-id="out"]').count();
      if (exports > 0) await waitForStatus(page, 'out', 'done');
      await page.waitForTimeout(400); // images decode and nodes settle their size
      expect(await page.locator('[data-testid^="node-compact-"]').count(), template).toBe(0);
      const boxes = await nodeBoxes(page);
      const overlapping: string[] = [];
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) if (intersects(a, b)) overlapping.push(`${a.id} × ${b.id}`);
      expect(overlapping, `${template}: ${JSON.stringify(boxes)}`).toEqual([]);
    }
    expect(appErrors(errors)).toEqual([]);
  });

  it('the search popup opened at the bottom-right corner is fully inside the window', async () => {
    const { page } = await suite.open();
    const viewport = page.viewportSize();
    if (!viewport) throw new Error('a viewport');
    // The empty canvas near its bottom-right corner (left of the minimap, above the window edge).
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    const minimap = await page.getByTestId('minimap').boundingBox();
    const corner = {
      x: (minimap ? minimap.x : pane.x + pane.width) - 12,
      y: pane.y + pane.height - 12,
    };
    await page.mouse.dblclick(corner.x, corner.y);
    const popup = page.getByTestId('search-popup');
    await popup.waitFor({ state: 'visible' });
    await page.waitForTimeout(100);
    const box = await popup.boundingBox();
    if (!box) throw new Error('the popup has a box');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    // Still usable: Enter adds the top match where the user double-clicked.
    const count = await page.locator('.react-flow__node').count();
    await page.getByTestId('search-popup-input').fill('prompt');
    await page.getByTestId('search-popup-input').press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(count + 1);
  });

  it('History lists a Form run and a Batch run with their costs', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });

    await page.getByTestId('run-form-button').click();
    await page.getByTestId('run-form-input-prompt').fill('a form run of a lighthouse');
    await page.getByTestId('run-form-run').click();
    await page.getByTestId('run-form-outcome').waitFor({ state: 'visible', timeout: 20_000 });
    await expect(page.getByTestId('run-form-cost').textContent()).resolves.toMatch(/^Done: 1 call, /);

    await page.getByTestId('batch-button').click();
    await page.getByTestId('batch-csv-input').setInputFiles({
      name: 'rows.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('prompt\n"a batch run of a heron"\n'),
    });
    await page.getByTestId('batch-preview').waitFor({ state: 'visible' });
    await page.getByTestId('batch-run').click();
    await expect
      .poll(() => page.getByTestId('batch-row-1').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('ok');
    // A finished batch opens its contact sheet over the editor; Escape closes it.
    await page.getByTestId('contact-sheet').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.getByTestId('contact-sheet').waitFor({ state: 'detached' });

    await page.getByTestId('history-button').click();
    const panel = page.getByTestId('history-panel');
    await expect
      .poll(() => panel.getByTestId('history-source').allTextContents())
      .toEqual(expect.arrayContaining(['Form', 'Batch row 1']));
    const rows = await panel.locator('.history-row').evaluateAll((items) =>
      items.map((item) => ({
        source: item.querySelector('[data-testid="history-source"]')?.textContent,
        cost: item.querySelector('[data-testid="history-cost"]')?.textContent,
      })),
    );
    for (const source of ['Form', 'Batch row 1']) {
      const row = rows.find((entry) => entry.source === source);
      // One image from the fake Gemini API: a real (non-zero) cost.
      expect(row?.cost, source).toMatch(/^\$0\.\d*[1-9]/);
    }
    expect(appErrors(errors)).toEqual([]);
  });

  it('zooming in on 150 nodes gives full bodies only to nodes on screen, a few per frame, and panning remounts none', async () => {
    const { page, errors } = await suite.open();
    const nodes = Array.from({ length: 150 }, (_, index) => ({
      id: `n${index}`,
      type: 'prompt',
      position: { x: (index % 15) * 360, y: Math.floor(index / 15) * 320 },
      params: { text: `prompt number ${index}` },
    }));
    const workflow = { format: 'peel.workflow', version: 1, name: 'Big', nodes, edges: [] };
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'big.peel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(workflow)),
    });
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(150);
    const fullBodies = () => page.locator('.react-flow__node .node-body:not(.node-body-compact)').count();
    // The overview: everything compact.
    await expect.poll(fullBodies).toBe(0);

    // Count full bodies at every animation frame while zooming in: the most that appeared between two frames.
    await page.evaluate(() => {
      const counts: number[] = [];
      const tick = () => {
        counts.push(document.querySelectorAll('.react-flow__node .node-body:not(.node-body-compact)').length);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      (window as unknown as { fullPerFrame: number[] }).fullPerFrame = counts;
    });
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    for (let step = 0; step < 12; step++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(30);
    }
    await expect.poll(fullBodies, { timeout: 10_000 }).toBeGreaterThan(0);
    // Settled: no more full bodies arrive.
    let last = -1;
    await expect
      .poll(async () => {
        const now = await fullBodies();
        const settled = now === last;
        last = now;
        return settled;
      })
      .toBe(true);
    const maxPerFrame = await page.evaluate(() => {
      const counts = (window as unknown as { fullPerFrame: number[] }).fullPerFrame;
      return Math.max(...counts.slice(1).map((count, index) => count - (counts[index] ?? 0)));
    });
    expect(maxPerFrame).toBeGreaterThan(0);
    expect(maxPerFrame).toBeLessThanOrEqual(12);

    // Every full body is on (or just beside) the screen; far-away nodes stayed compact.
    const viewport = page.viewportSize();
    if (!viewport) throw new Error('a viewport');
    const placement = await page.locator('.react-flow__node').evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return {
          full: element.querySelector('.node-body:not(.node-body-compact)') !== null,
          x: box.x,
          y: box.y,
          right: box.right,
          bottom: box.bottom,
        };
      }),
    );
    // Generous: the app counts 15 % beyond the edges as on screen, and nodes granted on the way in
    // (at a lower zoom, more was on screen) keep their body; far-away nodes must still be compact.
    const margin = 1;
    const offScreen = (box: { x: number; y: number; right: number; bottom: number }) =>
      box.right < -viewport.width * margin ||
      box.bottom < -viewport.height * margin ||
      box.x > viewport.width * (1 + margin) ||
      box.y > viewport.height * (1 + margin);
    expect(placement.filter((box) => box.full && offScreen(box))).toEqual([]);
    expect(placement.filter((box) => !box.full).length).toBeGreaterThan(0);

    // Pan a little: the full nodes on screen keep their DOM (no remount).
    const marked = await page.evaluate(() => {
      const bodies = [...document.querySelectorAll('.react-flow__node .node-body:not(.node-body-compact)')];
      for (const body of bodies) (body as HTMLElement).dataset.mark = 'kept';
      return bodies.length;
    });
    // Grab the empty canvas between nodes (a drag on a node would move the node instead).
    const grab = await page.evaluate(
      ({ left, top, width, height }) => {
        for (let y = top + height * 0.3; y < top + height * 0.7; y += 7)
          for (let x = left + width * 0.3; x < left + width * 0.7; x += 7)
            if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        return null;
      },
      { left: pane.x, top: pane.y, width: pane.width, height: pane.height },
    );
    if (!grab) throw new Error('no empty canvas to grab');
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + 40, grab.y + 30, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    await expect(page.locator('.node-body[data-mark="kept"]').count()).resolves.toBe(marked);
    expect(appErrors(errors)).toEqual([]);
  });
});
