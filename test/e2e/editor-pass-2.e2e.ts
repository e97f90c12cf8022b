/**
 * The editor's second pass, part two (issue 17), in the real app: workflow tabs that survive a
 * reload, a frame that carries its nodes, a sticky note shown as text, a bypassed node that makes
 * no call, and a resized and collapsed node that covers nothing and keeps its links.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  canvasEdgeCount,
  configureGemini,
  dismissHint,
  fitView,
  node,
  openTemplate,
  runAndWait,
  waitForStatus,
} from './helpers/app';
import { countGenerateRequests } from './helpers/fake';
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

/** Work nodes' boxes on screen (frames and notes left out: a frame holds nodes on purpose). */
async function workNodeBoxes(page: Page): Promise<Box[]> {
  return page
    .locator('.react-flow__node:not(.react-flow__node-frame):not(.react-flow__node-note)')
    .evaluateAll((elements) =>
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

async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-title-${id}`).click();
}

async function saved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
}

describe('issue 17: tabs, frames, notes, bypass, resize and collapse', () => {
  it('two workflows in tabs: switch between them, reload, and both come back', async () => {
    const { page, errors } = await suite.open();
    await node(page, 'gen').waitFor();
    const tabs = page.getByRole('tab');
    await expect.poll(() => tabs.count()).toBe(1);

    // A second tab with a blank workflow and one prompt node in it.
    await page.getByTestId('tab-new').click();
    await expect.poll(() => tabs.count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByTestId('palette-item-prompt').click();
    await node(page, 'prompt').waitFor();
    await saved(page);

    await tabs.nth(0).click();
    await node(page, 'gen').waitFor();
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    await tabs.nth(1).click();
    await node(page, 'prompt').waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    await saved(page);

    await page.reload();
    await node(page, 'prompt').waitFor({ timeout: 15_000 });
    await dismissHint(page);
    await expect.poll(() => tabs.count()).toBe(2);
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    // The keyboard path: focus the active tab, arrow to the first, Enter.
    await tabs.nth(1).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await node(page, 'gen').waitFor();
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(appErrors(errors)).toEqual([]);
  });

  it('a frame around a node carries it when its title bar is dragged', async () => {
    const { page, errors } = await suite.open();
    await selectNode(page, 'gen');
    await page.keyboard.press('Control+Alt+g');
    const frame = page.locator('.react-flow__node-frame');
    await frame.waitFor();
    const title = frame.locator('.frame-title');
    const frameBefore = await frame.boundingBox();
    const genBefore = await node(page, 'gen').boundingBox();
    const promptBefore = await node(page, 'prompt').boundingBox();
    const grip = await title.boundingBox();
    if (!frameBefore || !genBefore || !promptBefore || !grip) throw new Error('frame and nodes on screen');
    await page.mouse.move(grip.x + 40, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + 40 + 120, grip.y + grip.height / 2 + 80, { steps: 12 });
    await page.mouse.up();
    const frameAfter = await frame.boundingBox();
    const genAfter = await node(page, 'gen').boundingBox();
    const promptAfter = await node(page, 'prompt').boundingBox();
    if (!frameAfter || !genAfter || !promptAfter) throw new Error('still on screen');
    const frameDx = frameAfter.x - frameBefore.x;
    expect(frameDx).toBeGreaterThan(40);
    expect(Math.abs(genAfter.x - genBefore.x - frameDx)).toBeLessThan(2);
    expect(Math.abs(genAfter.y - genBefore.y - (frameAfter.y - frameBefore.y))).toBeLessThan(2);
    // The prompt was outside the frame: it stays.
    expect(promptAfter.x).toBeCloseTo(promptBefore.x, 0);
    // One undo puts frame and node back together.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await node(page, 'gen').boundingBox())?.x).toBeCloseTo(genBefore.x, 0);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a sticky note shows its text as text', async () => {
    const { page, errors } = await suite.open();
    await page.getByTestId('palette-annotation-note').click();
    const note = page.locator('.react-flow__node-note');
    await note.waitFor();
    const text = note.locator('textarea');
    await text.fill('Check the <b>logo</b> colours');
    await expect(text.inputValue()).resolves.toBe('Check the <b>logo</b> colours');
    expect(await note.locator('b').count()).toBe(0);
    // It is not work: the toolbar estimate still counts only the generate node.
    await saved(page);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a bypassed edit makes no call and hands its input on; un-bypassed, it calls', async () => {
    const { page, errors } = await suite.open({ viewport: { width: 1600, height: 1000 } });
    await openTemplate(page, 'generate-edit-edit', 'edit1');
    await configureGemini(page, { baseUrl: fakeUrl });
    await fitView(page);
    await selectNode(page, 'edit1');
    await page.keyboard.press('Control+b');
    await page.getByTestId('bypass-tag-edit1').waitFor();
    expect(await node(page, 'edit1').getAttribute('data-bypassed')).toBe('true');
    const opacity = await node(page, 'edit1').evaluate((element) => getComputedStyle(element).opacity);
    expect(Number(opacity)).toBeLessThan(1);
    await runAndWait(page);
    await waitForStatus(page, 'edit2', ['done']);
    // gen and edit2 called the model; edit1 did not.
    expect(await countGenerateRequests(fakeUrl)).toBe(2);

    await page.getByTestId('bypass-tag-edit1').click();
    await runAndWait(page);
    await waitForStatus(page, 'edit1', ['done']);
    // edit1 calls now (edit2 too, unless the fake's edit answer is the very image it was given).
    expect(await countGenerateRequests(fakeUrl)).toBeGreaterThanOrEqual(3);
    expect(appErrors(errors)).toEqual([]);
  });

  it("after a run, a node's cost stays clear of its resize grip", async () => {
    const { page, errors } = await suite.open({ viewport: { width: 1600, height: 1000 } });
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    // Zoomed out too (below 1, a grip kept at screen size grew over the cost).
    for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(300);
    const cost = await page.getByTestId('node-cost-gen').boundingBox();
    const grip = await page.getByTestId('resize-gen').boundingBox();
    if (!cost || !grip) throw new Error('the cost and the grip of gen are on screen');
    // Same row (the grip sits in the node's bottom-right corner, over the status row)...
    expect(cost.y + cost.height).toBeGreaterThan(grip.y);
    // ...and the text ends before the grip starts (it ran 4 px under it).
    expect(cost.x + cost.width).toBeLessThanOrEqual(grip.x);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a node resized over its neighbour pushes it away; collapsed, it keeps its links', async () => {
    const { page, errors } = await suite.open({ viewport: { width: 1600, height: 1000 } });
    await fitView(page);
    const edges = await canvasEdgeCount(page);
    const grip = page.getByTestId('resize-prompt');
    const before = await node(page, 'prompt').boundingBox();
    const handle = await grip.boundingBox();
    if (!before || !handle) throw new Error('the prompt node and its handle are on screen');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 260, handle.y + 120, { steps: 15 });
    await page.mouse.up();
    const after = await node(page, 'prompt').boundingBox();
    expect(after && after.width - before.width).toBeGreaterThan(150);
    const boxes = await workNodeBoxes(page);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(intersects(a, b), `${a.id} and ${b.id} overlap`).toBe(false);

    const full = (await node(page, 'gen').boundingBox())?.height ?? 0;
    await page.getByTestId('collapse-gen').click();
    await expect
      .poll(async () => (await node(page, 'gen').boundingBox())?.height ?? 999)
      .toBeLessThan(full / 2);
    expect(await canvasEdgeCount(page)).toBe(edges);
    expect(
      await page.locator('.react-flow__node[data-id="gen"] .react-flow__handle').count(),
    ).toBeGreaterThan(2);
    expect(await page.locator('.react-flow__edge').count()).toBe(edges);
    expect(appErrors(errors)).toEqual([]);
  });
});
