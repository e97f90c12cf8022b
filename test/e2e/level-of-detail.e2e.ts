/**
 * Far out, nodes are placeholders (issue 17, performance): in Chromium, every registry node type's
 * placeholder has the overview's box and handle positions, so zooming across the switch moves no
 * edge end; far out no node draws text, and the status still shows.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES, nodeRegistry } from '../../nodes/registry';
import { compactBodySize } from '../../src/editor/node-ui/compact-size';
import type { WorkflowNode } from '../../src/engine/workflow';
import { appErrors } from './helpers/app';
import { waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const suite = setUpAppSuite();

/** One node of every registry type (schema-default params), four wired, in a loose grid. */
function everyTypeWorkflow(): string {
  const nodes = NODE_TYPES.map((type, index) => {
    const parsed = nodeRegistry[type].params.safeParse({});
    const params: Record<string, unknown> = parsed.success ? { ...(parsed.data as object) } : {};
    if (type === 'generate' || type === 'edit') params.model = 'gemini-3.1-flash-image';
    return { id: type, type, position: { x: (index % 5) * 420, y: Math.floor(index / 5) * 320 }, params };
  });
  const edges = [
    { source: 'prompt', sourcePort: 'text', target: 'generate', targetPort: 'prompt' },
    { source: 'generate', sourcePort: 'image', target: 'edit', targetPort: 'image' },
    { source: 'edit', sourcePort: 'image', target: 'export', targetPort: 'images' },
  ];
  return JSON.stringify({ format: 'peel.workflow', version: 1, name: 'Every type', nodes, edges });
}

/** `pairs` Prompt -> Generate pairs in a grid: a graph big enough to open far out. */
function promptGeneratePairs(pairs: number): string {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < pairs; i++) {
    const x = (i % 10) * 800;
    const y = Math.floor(i / 10) * 300;
    nodes.push({ id: `p${i}`, type: 'prompt', position: { x, y }, params: { text: `scene ${i}` } });
    nodes.push({
      id: `g${i}`,
      type: 'generate',
      position: { x: x + 360, y },
      params: { model: 'gemini-3.1-flash-image' },
    });
    edges.push({ source: `p${i}`, sourcePort: 'text', target: `g${i}`, targetPort: 'prompt' });
  }
  return JSON.stringify({ format: 'peel.workflow', version: 1, name: 'Pairs', nodes, edges });
}

const zoomNow = (page: Page): Promise<number> =>
  page.locator('.react-flow__viewport').evaluate((element) => {
    const match = (element as HTMLElement).style.transform.match(/scale\(([\d.]+)\)/);
    return Number(match?.[1] ?? Number.NaN);
  });

/** Clicks a zoom button until `done(zoom)`, then waits two frames for the level of detail. */
async function zoomUntil(page: Page, button: 'in' | 'out', done: (zoom: number) => boolean): Promise<number> {
  for (let i = 0; i < 30 && !done(await zoomNow(page)); i++)
    await page.locator(`.react-flow__controls-zoom${button}`).click();
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  return zoomNow(page);
}

interface Shape {
  id: string;
  level: 'placeholder' | 'overview' | 'other';
  text: string;
  status: string;
  /** The overview's problem or note rows (the placeholder has none: it is shorter by them). */
  rows: boolean;
  /** The placeholder's problem mark (its status band turns red). */
  marked: boolean;
  width: number;
  height: number;
  /** Each handle: side, port and its box relative to the node, in flow units. */
  handles: string[];
}

/** Every node's level, text, status class, box and handle boxes (in flow units, 0.01 px). */
const shapes = (page: Page, zoom: number): Promise<Shape[]> =>
  page.locator('.react-flow__node').evaluateAll((elements, k) => {
    const round = (value: number) => Math.round(value * 100) / 100;
    return elements.map((element) => {
      const html = element as HTMLElement;
      const body = html.querySelector<HTMLElement>('.peel-node');
      const own = html.getBoundingClientRect();
      return {
        id: html.dataset.id ?? '',
        level: body?.hasAttribute('data-placeholder')
          ? 'placeholder'
          : body?.hasAttribute('data-overview')
            ? 'overview'
            : 'other',
        text: (body?.textContent ?? '').trim(),
        status: [...(body?.classList ?? [])].find((name) => name.startsWith('status-')) ?? '',
        rows: html.querySelector('.node-problems, .node-notes') !== null,
        marked: body?.classList.contains('has-problems') === true,
        width: html.offsetWidth,
        height: html.offsetHeight,
        handles: [...html.querySelectorAll('.react-flow__handle')].map((handle) => {
          const box = handle.getBoundingClientRect();
          const side = handle.classList.contains('target') ? 'in' : 'out';
          return `${side}:${handle.getAttribute('data-handleid')} ${round((box.left - own.left) / k)},${round((box.top - own.top) / k)} ${round(box.width / k)}x${round(box.height / k)}`;
        }),
      } satisfies Shape;
    });
  }, zoom);

describe('level of detail: far-out placeholders', () => {
  it("every node type's placeholder has its overview's box and handles; far out no node draws text", async () => {
    const { page, errors } = await suite.open();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'every-type.peel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(everyTypeWorkflow()),
    });
    await waitUntil(
      async () => (await page.locator('.react-flow__node').count()) === NODE_TYPES.length,
      'every node type on the canvas',
      15_000,
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    const far = await zoomUntil(page, 'out', (zoom) => zoom < 0.3);
    expect(far).toBeLessThan(0.3);
    const placeholders = await shapes(page, far);
    const overviewZoom = await zoomUntil(page, 'in', (zoom) => zoom >= 0.3);
    expect(overviewZoom).toBeGreaterThanOrEqual(0.3);
    expect(overviewZoom).toBeLessThan(0.45);
    const overviews = await shapes(page, overviewZoom);

    expect(placeholders.map((shape) => shape.level)).toEqual(NODE_TYPES.map(() => 'placeholder'));
    expect(overviews.map((shape) => shape.level)).toEqual(NODE_TYPES.map(() => 'overview'));
    // Far out: no text at all (it would be under 4.5 px); zoomed in, the titles are back.
    expect(placeholders.filter((shape) => shape.text !== '').map((shape) => shape.id)).toEqual([]);
    expect(overviews.find((shape) => shape.id === 'generate')?.text).toContain('Generate');
    for (const [index, placeholder] of placeholders.entries()) {
      const overview = overviews[index];
      if (!overview) throw new Error(`no overview for ${placeholder.id}`);
      // Same ports in the same places: no edge end moves across the switch.
      expect(placeholder.handles.length, placeholder.id).toBeGreaterThan(0);
      expect(placeholder.handles, placeholder.id).toEqual(overview.handles);
      expect(placeholder.width, placeholder.id).toBe(overview.width);
      // Same box, unless the overview lists problems (then the placeholder is marked instead).
      if (overview.rows) expect(placeholder.height, placeholder.id).toBeLessThan(overview.height);
      else expect(placeholder.height, placeholder.id).toBe(overview.height);
    }
    // The box the editor predicts before drawing (the Fit a big graph opens at is made with it).
    const file = JSON.parse(everyTypeWorkflow()) as { nodes: WorkflowNode[] };
    for (const placeholder of placeholders) {
      const node = file.nodes.find((candidate) => candidate.id === placeholder.id);
      if (!node) throw new Error(`no node ${placeholder.id}`);
      const predicted = compactBodySize(node, undefined);
      expect(predicted, placeholder.id).toEqual({ width: placeholder.width, height: placeholder.height });
    }
    const sameBox = overviews.filter((shape) => !shape.rows);
    expect(sameBox.length).toBeGreaterThanOrEqual(3);
    // Nodes whose overview lists problems (the wired Export's empty inputs, a Prompt with no text)
    // are marked far out: the problems are not lost, only their text.
    const listed = overviews.filter((shape) => shape.rows).map((shape) => shape.id);
    expect(listed).toContain('prompt');
    for (const id of listed) {
      const placeholder = placeholders.find((shape) => shape.id === id);
      expect(placeholder?.marked || placeholder?.status === 'status-failed', id).toBe(true);
    }
    expect(appErrors(errors)).toEqual([]);
  });

  it('a big graph opens at its fit: the view does not move once its nodes are drawn', async () => {
    const { page, errors } = await suite.open();
    // Every transform the canvas shows from now on, with how many nodes were drawn at the time.
    await page.evaluate(() => {
      const seen: { transform: string; nodes: number }[] = [];
      (globalThis as unknown as { viewports: typeof seen }).viewports = seen;
      new MutationObserver(() => {
        const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
        if (seen.at(-1)?.transform !== transform)
          seen.push({ transform, nodes: document.querySelectorAll('.react-flow__node').length });
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['style'],
      });
    });
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'pairs.peel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(promptGeneratePairs(60)),
    });
    await waitUntil(
      async () => (await page.locator('.react-flow__node').count()) === 120,
      'the 120 nodes on the canvas',
      15_000,
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(60);
    // Past the Fit made once the nodes are measured (a frame after they are drawn), and then some.
    await page.waitForTimeout(800);
    const viewports = await page.evaluate(
      () => (globalThis as unknown as { viewports: { transform: string; nodes: number }[] }).viewports,
    );
    const drawn = viewports.filter((entry) => entry.nodes === 120);
    // Opened far out, at the Fit: the nodes appeared at it, and it stayed.
    expect(drawn).toHaveLength(1);
    expect(Number(drawn[0]?.transform.match(/scale\(([\d.]+)\)/)?.[1])).toBeLessThan(0.3);
    expect(viewports.at(-1)?.transform).toBe(drawn[0]?.transform);
    expect(appErrors(errors)).toEqual([]);
  });
});
