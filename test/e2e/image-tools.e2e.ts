/**
 * Image tools in the real app: the marketplace-logo template runs in Chromium (generate through
 * the fake server, resize and composite in the Web Worker), and the composite's pixels equal
 * those `peel run` makes from the same workflow in Node. A crop box dragged on the preview
 * becomes the crop node's params in one undo step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sniffImage } from '../../src/engine/image/sniff';
import { jsquashCodecs } from '../../src/image-ops/jsquash-codecs';
import { initNodeCodecs } from '../../src/image-ops/node';
import { runCli, tempDir } from '../helpers/cli';
import {
  appErrors,
  configureGemini,
  nodeOutputImages,
  openTemplate,
  runAndWait,
  waitForStatus,
} from './helpers/app';
import { generateRequests } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();
const workflowFile = resolve(__dirname, '../../examples/marketplace-logo.json');

/** The bytes behind an output thumbnail (an object URL of the image the worker made). */
async function outputBytes(page: Page, nodeId: string): Promise<Uint8Array> {
  const src = await nodeOutputImages(page, nodeId).first().getAttribute('src');
  if (!src) throw new Error(`node ${nodeId} shows no output`);
  const base64 = await page.evaluate(async (url) => {
    const blob = await (await fetch(url)).blob();
    return await new Promise<string>((done) => {
      const reader = new FileReader();
      reader.onload = () => done(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.readAsDataURL(blob);
    });
  }, src);
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

describe('image tools in the browser', () => {
  it('the template runs with one model call, and the worker’s pixels equal the CLI’s', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await openTemplate(page, 'marketplace-logo', 'brand');
    await runAndWait(page, 60_000);
    await waitForStatus(page, 'brand', 'done');
    expect(await generateRequests(fakeUrl)).toHaveLength(1);
    const browserBytes = await outputBytes(page, 'brand');

    const cwd = tempDir();
    const cli = await runCli(['run', workflowFile, '--out', 'out'], {
      cwd,
      env: { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fakeUrl },
    });
    expect(cli.code).toBe(0);
    const [file] = readdirSync(join(cwd, 'out')).filter((name) => name !== 'run.json');
    const cliBytes = new Uint8Array(readFileSync(join(cwd, 'out', file as string)));

    await initNodeCodecs();
    // The default model answers JPEG, and the tools keep the base image's type.
    const type = sniffImage(browserBytes);
    expect(type.ok && type.value.mimeType).toBe('image/jpeg');
    const fromBrowser = await jsquashCodecs.decode(browserBytes, 'image/jpeg');
    const fromCli = await jsquashCodecs.decode(cliBytes, 'image/jpeg');
    expect([fromBrowser.width, fromBrowser.height]).toEqual([1024, 1280]);
    expect([fromCli.width, fromCli.height]).toEqual([1024, 1280]);
    // Same pixels, every one of them (the CLI's file also carries the workflow, so bytes differ).
    expect(Buffer.from(fromBrowser.data).equals(Buffer.from(fromCli.data))).toBe(true);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a sketch drawn with the mouse reaches Generate as a reference image', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await openTemplate(page, 'sketch-to-image', 'layout');
    const surface = page.getByTestId('drawing-layout');
    const box = await surface.boundingBox();
    if (!box) throw new Error('no drawing surface');
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(box.x + box.width * (0.2 + i * 0.05), box.y + box.height * (0.2 + i * 0.03));
    await page.mouse.up();
    // The template's two strokes and the new one.
    await expect.poll(() => page.locator('[data-testid^="stroke-layout-"]').count()).toBe(3);
    await runAndWait(page, 60_000);
    await waitForStatus(page, 'gen', 'done');
    const sketch = await outputBytes(page, 'layout');
    const [request] = await generateRequests(fakeUrl);
    // The fake's control API reports inline image data by its length (see test/fake-gemini/control.ts).
    const body = request?.body as {
      contents: Array<{ parts: Array<{ inlineData?: { mimeType: string; data: number } }> }>;
    };
    const sent = body.contents
      .flatMap((content) => content.parts)
      .flatMap((part) => (part.inlineData ? [part.inlineData] : []));
    expect(sent).toEqual([{ mimeType: 'image/png', data: Buffer.from(sketch).toString('base64').length }]);
    await initNodeCodecs();
    const pixels = await jsquashCodecs.decode(sketch, 'image/png');
    expect([pixels.width, pixels.height]).toEqual([1024, 1024]);
    expect(appErrors(errors)).toEqual([]);
  });
});
