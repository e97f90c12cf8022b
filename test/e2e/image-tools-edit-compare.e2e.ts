/**
 * Image tools in the real app, part two: an output annotated with the mouse (a stroke and a text
 * label) is what Edit sends to the model; two outputs compared with the wipe slider (drag and
 * keys) on the node and from the viewer's "Compare with…"; a Display P3 image converted to sRGB
 * in the worker with the same pixels as the CLI's Node code.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { jsquashCodecs } from '../../src/image-ops/jsquash-codecs';
import { createNodeImageOps, initNodeCodecs } from '../../src/image-ops/node';
import { paintedPng } from '../unit/image-ops/fixtures';
import { displayP3Profile, withPngProfile } from '../unit/image-ops/icc-fixtures';
import { appErrors, configureGemini, nodeOutputImages, runAndWait, waitForStatus } from './helpers/app';
import { generateRequests } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();
const MODEL = 'gemini-3.1-flash-image';

async function importWorkflow(page: Page, workflow: object, firstNode: string): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'tools.peel.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'peel.workflow', version: 1, name: 'Tools', ...workflow })),
  });
  await page.getByTestId(`node-${firstNode}`).waitFor({ state: 'visible' });
}

/** The bytes behind a node's output thumbnail (an object URL of the image the worker made). */
async function outputBytes(page: Page, nodeId: string): Promise<Uint8Array> {
  const src = await nodeOutputImages(page, nodeId).first().getAttribute('src');
  if (!src) throw new Error(`node ${nodeId} shows no output`);
  const bytes = await page.evaluate(
    async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())],
    src,
  );
  return new Uint8Array(bytes);
}

const inlineImages = (request: { body?: unknown } | undefined) =>
  (
    (request?.body ?? { contents: [] }) as {
      contents: Array<{ parts: Array<{ inlineData?: { mimeType: string; data: number } }> }>;
    }
  ).contents
    .flatMap((content) => content.parts)
    .flatMap((part) => (part.inlineData ? [part.inlineData] : []));

async function dragAcross(page: Page, testId: string, from: [number, number], to: [number, number]) {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`no ${testId}`);
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(
      box.x + box.width * (from[0] + ((to[0] - from[0]) * i) / 8),
      box.y + box.height * (from[1] + ((to[1] - from[1]) * i) / 8),
    );
  await page.mouse.up();
}

describe('image tools in the browser: annotate, compare, colour profiles', () => {
  it('an output annotated with a stroke and a label goes to Edit: the request carries the annotated image', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await importWorkflow(
      page,
      {
        nodes: [
          { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a red bicycle' } },
          { id: 'gen', type: 'generate', position: { x: 300, y: 0 }, params: { model: MODEL } },
          { id: 'ann', type: 'annotate', position: { x: 620, y: 0 }, params: { width: 512 } },
          {
            id: 'ed',
            type: 'edit',
            position: { x: 1040, y: 0 },
            params: { model: MODEL, instruction: 'make what is circled blue' },
          },
        ],
        edges: [
          { source: 'p', sourcePort: 'text', target: 'gen', targetPort: 'prompt' },
          { source: 'gen', sourcePort: 'image', target: 'ann', targetPort: 'image' },
          { source: 'ann', sourcePort: 'image', target: 'ed', targetPort: 'image' },
        ],
      },
      'ann',
    );
    await runAndWait(page, 90_000);
    await waitForStatus(page, 'ed', 'done');
    const before = (await generateRequests(fakeUrl)).length;

    // A circle-ish stroke with the pen, then a label with the text tool.
    await dragAcross(page, 'drawing-ann', [0.3, 0.3], [0.7, 0.6]);
    await expect.poll(() => page.locator('[data-testid^="stroke-ann-"]').count()).toBe(1);
    await page.getByTestId('tool-text-ann').click();
    const surface = await page.getByTestId('drawing-ann').boundingBox();
    if (!surface) throw new Error('no drawing surface');
    await page.mouse.click(surface.x + surface.width * 0.1, surface.y + surface.height * 0.9);
    await page.getByTestId('label-input-ann').fill('this one');
    await page.getByTestId('label-input-ann').press('Enter');
    await expect.poll(() => page.locator('[data-testid^="label-ann-"]').count()).toBe(1);

    await runAndWait(page, 90_000);
    await waitForStatus(page, 'ed', 'done');
    const requests = await generateRequests(fakeUrl);
    // Only Edit calls the model again (the generated image comes from the cache).
    expect(requests).toHaveLength(before + 1);
    const annotated = await outputBytes(page, 'ann');
    expect(inlineImages(requests.at(-1))).toEqual([
      { mimeType: 'image/png', data: Buffer.from(annotated).toString('base64').length },
    ]);
    // The annotated picture differs from what the model made (the marks are in it).
    const generated = await outputBytes(page, 'gen');
    expect(Buffer.from(annotated).equals(Buffer.from(generated))).toBe(false);
    expect(appErrors(errors)).toEqual([]);
  });

  it('two outputs compared with the wipe: a drag and the arrow keys move the split, on the node and in the viewer', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await importWorkflow(
      page,
      {
        nodes: [
          { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a lighthouse at dawn' } },
          { id: 'p2', type: 'prompt', position: { x: 0, y: 320 }, params: { text: 'a lighthouse at dusk' } },
          { id: 'a', type: 'generate', position: { x: 300, y: 0 }, params: { model: MODEL } },
          { id: 'b', type: 'generate', position: { x: 300, y: 420 }, params: { model: MODEL } },
          { id: 'cmp', type: 'compare', position: { x: 640, y: 100 }, params: {} },
        ],
        edges: [
          { source: 'p1', sourcePort: 'text', target: 'a', targetPort: 'prompt' },
          { source: 'p2', sourcePort: 'text', target: 'b', targetPort: 'prompt' },
          { source: 'a', sourcePort: 'image', target: 'cmp', targetPort: 'a' },
          { source: 'b', sourcePort: 'image', target: 'cmp', targetPort: 'b' },
        ],
      },
      'cmp',
    );
    await runAndWait(page, 90_000);
    await waitForStatus(page, 'b', 'done');
    const clipOf = (testId: string) =>
      page.getByTestId(testId).evaluate((element) => (element as HTMLElement).style.clipPath);
    await expect.poll(() => clipOf('compare-wipe-cmp-a')).toBe('inset(0px 50% 0px 0px)');

    await dragAcross(page, 'compare-wipe-cmp', [0.5, 0.5], [0.8, 0.5]);
    const handle = page.getByTestId('compare-wipe-cmp-handle');
    await expect
      .poll(async () => Number(await handle.getAttribute('aria-valuenow')))
      .toBeGreaterThanOrEqual(78);
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(82);
    const afterDrag = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBe(afterDrag - 10);
    await expect
      .poll(() => clipOf('compare-wipe-cmp-a'))
      .toBe(`inset(0px ${100 - (afterDrag - 10)}% 0px 0px)`);

    // The viewer: open a's output, "Compare with…" b's, then move the wipe with the keyboard.
    await page.getByTestId('output-a-0').click();
    await page.getByTestId('viewer-compare-with').click();
    await page.getByTestId('compare-pick-b-0').click();
    const viewerHandle = page.getByTestId('viewer-wipe-handle');
    await expect.poll(() => viewerHandle.getAttribute('aria-valuenow')).toBe('50');
    await viewerHandle.focus();
    await page.keyboard.press('End');
    await expect.poll(() => viewerHandle.getAttribute('aria-valuenow')).toBe('100');
    await dragAcross(page, 'viewer-wipe', [0.9, 0.5], [0.25, 0.5]);
    await expect.poll(async () => Number(await viewerHandle.getAttribute('aria-valuenow'))).toBeLessThan(30);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('viewer').count()).toBe(0);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a Display P3 image dropped in an Image node comes out in sRGB, pixel for pixel as in Node', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await importWorkflow(
      page,
      {
        // The Image node shows its input, not an output: a lossless Format node shows what it passed on.
        nodes: [
          { id: 'photo', type: 'imageInput', position: { x: 0, y: 0 }, params: {} },
          {
            id: 'png',
            type: 'format',
            position: { x: 340, y: 0 },
            params: { mimeType: 'image/png', quality: 90 },
          },
        ],
        edges: [{ source: 'photo', sourcePort: 'image', target: 'png', targetPort: 'image' }],
      },
      'photo',
    );
    const p3 = withPngProfile(
      paintedPng(48, 32, (x, y) => [80 + x * 3, 200 - y * 4, 60 + ((x * y) % 90), 255]),
      displayP3Profile(),
    );
    await page
      .getByTestId('image-input-file-photo')
      .setInputFiles({ name: 'p3.png', mimeType: 'image/png', buffer: Buffer.from(p3) });
    await page.getByTestId('image-input-thumb-photo').waitFor({ state: 'visible' });
    await runAndWait(page, 60_000);
    await waitForStatus(page, 'png', 'done');
    const browser = await outputBytes(page, 'png');

    await initNodeCodecs();
    const node = await createNodeImageOps().run(
      { op: 'normalize', image: { bytes: p3, mimeType: 'image/png' } },
      new AbortController().signal,
    );
    if (!node.ok || !node.value[0]) throw new Error('normalize failed in Node');
    const fromBrowser = await jsquashCodecs.decode(browser, 'image/png');
    const fromNode = await jsquashCodecs.decode(node.value[0].bytes, 'image/png');
    const original = await jsquashCodecs.decode(p3, 'image/png');
    expect(Buffer.from(fromBrowser.data).equals(Buffer.from(fromNode.data))).toBe(true);
    // And it was converted (not the file's own numbers).
    expect(Buffer.from(fromBrowser.data).equals(Buffer.from(original.data))).toBe(false);
    expect(appErrors(errors)).toEqual([]);
  });
});
