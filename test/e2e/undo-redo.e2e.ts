/**
 * Undo and redo in the real app across add, connect, edit and delete, with the keyboard
 * (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) and the toolbar buttons, checking the canvas after every step.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appErrors,
  canvasEdgeCount,
  canvasNodeIds,
  dragLink,
  handle,
  node,
  type OpenedApp,
  panePoint,
} from './helpers/app';
import { waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

interface CanvasState {
  nodes: string[];
  edges: number;
  prompt: string;
  canUndo: boolean;
  canRedo: boolean;
}

async function canvasState(page: Page): Promise<CanvasState> {
  return {
    nodes: await canvasNodeIds(page),
    edges: await canvasEdgeCount(page),
    prompt: await page.getByTestId('prompt-text-prompt').inputValue(),
    canUndo: await page.getByTestId('undo-button').isEnabled(),
    canRedo: await page.getByTestId('redo-button').isEnabled(),
  };
}

/** Waits (briefly) for the canvas to settle into `expected`; fails with the last state seen. */
async function expectCanvas(page: Page, expected: CanvasState, step: string): Promise<void> {
  let last: CanvasState | undefined;
  try {
    await waitUntil(
      async () => {
        last = await canvasState(page);
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      step,
      3_000,
    );
  } catch {
    expect(last, step).toEqual(expected);
  }
}

/** Focus on the canvas pane (not a field), so shortcuts are canvas shortcuts. */
async function focusCanvas(page: Page): Promise<void> {
  const point = await panePoint(page, 0.05, 0.95);
  await page.mouse.click(point.x, point.y);
}

describe('undo and redo', () => {
  it('steps back and forth through add, connect, edit and delete, by keyboard and by button', async () => {
    opened = await suite.open();
    const { page, errors } = opened;
    const original = await page.getByTestId('prompt-text-prompt').inputValue();
    const base = ['gen', 'out', 'prompt'];
    const withOut2 = ['gen', 'out', 'out-2', 'prompt'];
    const edited = 'a paper boat on a puddle, ink sketch';
    // A loaded template starts a fresh history.
    await expectCanvas(
      page,
      { nodes: base, edges: 2, prompt: original, canUndo: false, canRedo: false },
      'the template',
    );

    // 1. add: an Export from the search popup, on empty canvas below the row of nodes.
    const at = await panePoint(page, 0.5, 0.93);
    await page.mouse.dblclick(at.x, at.y);
    await page.getByTestId('search-popup-input').fill('export');
    await page.getByTestId('search-item-export').click();
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 2, prompt: original, canUndo: true, canRedo: false },
      'after add',
    );

    // 2. connect gen.image -> out-2.images with the mouse.
    await dragLink(page, handle(page, 'gen', 'out', 'image'), handle(page, 'out-2', 'in', 'images'));
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 3, prompt: original, canUndo: true, canRedo: false },
      'after connect',
    );

    // 3. edit the prompt text.
    await page.getByTestId('prompt-text-prompt').fill(edited);
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 3, prompt: edited, canUndo: true, canRedo: false },
      'after edit',
    );

    // 4. delete out-2 (select it by its header, then Delete): its edge goes with it.
    await node(page, 'out-2').locator('.node-id').click();
    await page.keyboard.press('Delete');
    await expectCanvas(
      page,
      { nodes: base, edges: 2, prompt: edited, canUndo: true, canRedo: false },
      'after delete',
    );

    // Undo all four: Ctrl+Z twice, then the toolbar button twice.
    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 3, prompt: edited, canUndo: true, canRedo: true },
      'undo delete (Ctrl+Z)',
    );
    await page.keyboard.press('Control+z');
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 3, prompt: original, canUndo: true, canRedo: true },
      'undo edit (Ctrl+Z)',
    );
    await page.getByTestId('undo-button').click();
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 2, prompt: original, canUndo: true, canRedo: true },
      'undo connect (button)',
    );
    await page.getByTestId('undo-button').click();
    await expectCanvas(
      page,
      { nodes: base, edges: 2, prompt: original, canUndo: false, canRedo: true },
      'undo add (button)',
    );

    // Redo all four: Ctrl+Shift+Z, Ctrl+Y, the toolbar button, Ctrl+Shift+Z.
    await focusCanvas(page);
    await page.keyboard.press('Control+Shift+z');
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 2, prompt: original, canUndo: true, canRedo: true },
      'redo add (Ctrl+Shift+Z)',
    );
    await page.keyboard.press('Control+y');
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 3, prompt: original, canUndo: true, canRedo: true },
      'redo connect (Ctrl+Y)',
    );
    await page.getByTestId('redo-button').click();
    await expectCanvas(
      page,
      { nodes: withOut2, edges: 3, prompt: edited, canUndo: true, canRedo: true },
      'redo edit (button)',
    );
    await focusCanvas(page);
    await page.keyboard.press('Control+Shift+z');
    await expectCanvas(
      page,
      { nodes: base, edges: 2, prompt: edited, canUndo: true, canRedo: false },
      'redo delete (Ctrl+Shift+Z)',
    );

    // The right edge came back each time: prompt -> gen -> out, and nothing dangling.
    const edges = await page
      .locator('.react-flow__edge')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')).sort());
    expect(edges.join(' ')).not.toContain('out-2');
    expect(appErrors(errors)).toEqual([]);
  });

  it('Ctrl+Z inside the prompt field undoes the typing in the document', async () => {
    opened = await suite.open();
    const { page } = opened;
    const field = page.getByTestId('prompt-text-prompt');
    const original = await field.inputValue();
    await field.click();
    await field.press('End');
    await page.keyboard.type(' at night');
    await waitUntil(async () => (await field.inputValue()) === `${original} at night`, 'the typed text');
    await page.keyboard.press('Control+z');
    await waitUntil(async () => (await field.inputValue()) === original, 'the text before typing', 3_000);
    await page.keyboard.press('Control+Shift+z');
    await waitUntil(
      async () => (await field.inputValue()) === `${original} at night`,
      'the text again',
      3_000,
    );
  });
});
