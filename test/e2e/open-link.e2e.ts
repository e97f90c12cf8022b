/**
 * A link that opens a workflow file (`/?open=<address>`): the file opens on the first visit in
 * place of the starter template, is kept as a saved workflow, and a reload does not import it
 * again. A refused or failing link says why and the app starts as usual.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { exportWorkflowJson } from '../../src/engine/export';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION } from '../../src/engine/workflow';
import { watchErrors } from './browser';
import { appErrors, canvasNodeIds } from './helpers/app';
import { storedWorkflowNames } from './helpers/stored';
import { setUpAppSuite } from './helpers/suite';

const suite = setUpAppSuite();
const appUrl = inject('appUrl');

const LINKED = exportWorkflowJson({
  format: WORKFLOW_FORMAT,
  version: WORKFLOW_VERSION,
  name: 'Linked pipeline',
  nodes: [
    { id: 'linked-prompt', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a linked idea' } },
    { id: 'linked-gen', type: 'generate', position: { x: 360, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e1', source: 'linked-prompt', sourcePort: 'text', target: 'linked-gen', targetPort: 'prompt' },
  ],
});

/** Opens `path` in a fresh context whose `/linked/*` files are answered by `files`. */
async function openAt(path: string, files: Record<string, { status: number; body: string }> = {}) {
  const context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route(`${appUrl}/linked/**`, (route) => {
    const name = new URL(route.request().url()).pathname.replace('/linked/', '');
    const file = files[name] ?? { status: 404, body: 'not here' };
    return route.fulfill({ status: file.status, contentType: 'application/json', body: file.body });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  suite.adopt({ context, page, errors });
  await page.goto(`${appUrl}${path}`);
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
  return { page, errors };
}

describe('opening a workflow from a link', () => {
  it('opens the linked file instead of the template, saves it once, and a reload keeps it', async () => {
    const { page, errors } = await openAt('/?open=/linked/pipeline.json', {
      'pipeline.json': { status: 200, body: LINKED },
    });
    await expect.poll(() => canvasNodeIds(page)).toEqual(['linked-gen', 'linked-prompt']);
    expect(await page.getByTestId('workflow-name').inputValue()).toBe('Linked pipeline');
    // The address no longer asks for the file: a reload must not import it a second time.
    expect(new URL(page.url()).searchParams.has('open')).toBe(false);
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    expect(await storedWorkflowNames(page)).toEqual(['Linked pipeline']);

    await page.reload();
    await page.locator('[data-testid="node-linked-gen"]').waitFor({ state: 'visible' });
    expect(await page.getByTestId('workflow-name').inputValue()).toBe('Linked pipeline');
    expect(await storedWorkflowNames(page)).toEqual(['Linked pipeline']);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a file that is not there says so, beside the first-visit hint, and the app opens as usual', async () => {
    const { page } = await openAt('/?open=/linked/missing.json');
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toContain('the server answered 404');
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    expect(await storedWorkflowNames(page)).toEqual(['Text to image']);
    // The report and the hint share the canvas's top-left column: neither covers the other.
    const reportBox = await report.boundingBox();
    const hintBox = await page.getByTestId('first-run-hint').boundingBox();
    if (!reportBox || !hintBox) throw new Error('report or hint not on screen');
    const apart =
      reportBox.y + reportBox.height <= hintBox.y ||
      hintBox.y + hintBox.height <= reportBox.y ||
      reportBox.x + reportBox.width <= hintBox.x ||
      hintBox.x + hintBox.width <= reportBox.x;
    expect(apart).toBe(true);
  });

  it('a site that answers a missing file with its start page: the report says a web page came back', async () => {
    // The app's own server answers unknown paths with index.html, as single-page hosts do.
    const { page } = await openAt('/?open=/workflows/not-here.json');
    await expect
      .poll(() => page.getByTestId('import-report').textContent())
      .toContain('the server answered with a web page, not a workflow file');
  });

  it("another site's file is refused without fetching it, saying why", async () => {
    const requested: string[] = [];
    const context = await suite.browser.newContext();
    await context.route('https://elsewhere.example/**', (route) => {
      requested.push(route.request().url());
      return route.fulfill({ status: 200, body: LINKED });
    });
    const page = await context.newPage();
    suite.adopt({ context, page, errors: watchErrors(page) });
    await page.goto(`${appUrl}/?open=${encodeURIComponent('https://elsewhere.example/pipeline.json')}`);
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toContain('only from its own site');
    expect(requested).toEqual([]);
    await page.locator('.react-flow__node').first().waitFor({ state: 'visible' });
    expect(await page.getByTestId('workflow-name').inputValue()).toBe('Text to image');
  });

  it('a linked file that is not a workflow is refused with the import checks, nothing else changes', async () => {
    const { page } = await openAt('/?open=/linked/notes.json', {
      'notes.json': { status: 200, body: '{"hello": "world"}' },
    });
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('import-error').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('workflow-name').inputValue()).toBe('Text to image');
  });
});
