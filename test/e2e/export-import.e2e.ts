/**
 * Scenario 4: export the workflow as JSON and import it into a new workflow: identical. Export an
 * image, drop it on the canvas: the workflow it carries is restored.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appErrors,
  closeSettings,
  type OpenedApp,
  openSettings,
  openTemplate,
  runAndWait,
} from './helpers/app';
import { setUpAppSuite } from './helpers/suite';

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

/** Clicks a control that downloads a file; returns the file's name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

const exportJson = async (page: Page) => (await download(page, 'export-json-button')).bytes.toString('utf8');

async function workflowName(page: Page): Promise<string> {
  return page.getByTestId('workflow-name').inputValue();
}

/** Drops a file on the canvas the way a browser does: a DataTransfer holding a File. */
async function dropOnCanvas(page: Page, bytes: Buffer, name: string, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { base64: bytes.toString('base64'), name, type },
  );
  await page.dispatchEvent('.react-flow__pane', 'dragover', { dataTransfer });
  await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer });
}

describe('scenario 4: export, import and replay', () => {
  it('JSON export imports identically; an exported image dropped on the canvas restores its workflow', async () => {
    // Wide enough for the toolbar's own file buttons (below 1440 px they are in the More menu).
    opened = await suite.open({ viewport: { width: 1600, height: 900 } });
    const { page } = opened;
    const settings = await openSettings(page);
    await settings.getByTestId('preview-switch').check();
    await closeSettings(page);

    // Export JSON, open another workflow, import the file: the same document comes back.
    const original = await exportJson(page);
    const originalName = await workflowName(page);
    expect(JSON.parse(original)).toMatchObject({ format: 'peel.workflow', version: 2, name: originalName });
    await openTemplate(page, 'generate-edit-edit');
    await page.waitForFunction((name) => {
      const input = document.querySelector('[data-testid="workflow-name"]') as HTMLInputElement | null;
      return input !== null && input.value !== name;
    }, originalName);
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'exported.peel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(original),
    });
    await expect.poll(() => workflowName(page)).toBe(originalName);
    expect(await exportJson(page)).toBe(original);

    // Run (preview), open the output in the viewer and download it: the PNG carries the workflow.
    await runAndWait(page);
    await page.getByTestId('output-gen-0').click();
    const image = await download(page, 'viewer-download');
    expect(image.name).toMatch(/\.png$/);
    expect(image.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(image.bytes.includes(Buffer.from('peel.workflow'))).toBe(true);
    await page.getByTestId('viewer-close').click();

    // Another workflow on the canvas, then drop the image on it: the workflow is restored.
    await openTemplate(page, 'product-scenes');
    await expect.poll(() => workflowName(page)).not.toBe(originalName);
    await dropOnCanvas(page, image.bytes, image.name, 'image/png');
    await expect.poll(() => workflowName(page)).toBe(originalName);
    expect(await exportJson(page)).toBe(original);
    await expect(page.getByTestId('import-report').count()).resolves.toBe(0);

    // A plain image (no workflow) dropped on the canvas becomes a new reference set; undo takes it away.
    const plain = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 4;
      canvas.height = 4;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      const bytes = new Uint8Array(await (blob as Blob).arrayBuffer());
      return btoa(String.fromCharCode(...bytes));
    });
    const referenceSetsBefore = await page.locator('[data-node-type="referenceSet"]').count();
    await dropOnCanvas(page, Buffer.from(plain, 'base64'), 'plain.png', 'image/png');
    await expect
      .poll(() => page.locator('[data-node-type="referenceSet"]').count())
      .toBeGreaterThan(referenceSetsBefore);
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => page.locator('[data-node-type="referenceSet"]').count())
      .toBe(referenceSetsBefore);
    expect(await exportJson(page)).toBe(original);
    expect(appErrors(opened.errors)).toEqual([]);
  });
});
