// @vitest-environment jsdom
import './setup-dom';
import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeComponentFromSelection } from '../../src/editor/components/component-commands';
import { importDroppedFiles } from '../../src/editor/io/drop';
import { exportDocumentText } from '../../src/editor/io/export-workflow';
import { importWorkflowFromText } from '../../src/editor/io/import-workflow';
import { Palette } from '../../src/editor/panels/Palette';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { componentFileOf } from '../../src/engine/components/library';
import type { Workflow } from '../../src/engine/workflow';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

const FIND = { timeout: 5000 };
const doc = () => useDocumentStore.getState().doc;

/** "Scene maker" (g and e) saved as a component file, as Export writes it. */
function sceneMakerFile(): { text: string; id: string } {
  resetStores(sampleWorkflow());
  act(() => {
    makeComponentFromSelection(['g', 'e'], 'Scene maker');
  });
  const id = String(doc().components?.[0]?.id);
  const file = componentFileOf(doc(), id);
  if (!file.ok) throw new Error(file.error.message);
  return { text: exportDocumentText(file.value), id };
}

let file = { text: '', id: '' };
beforeEach(() => {
  file = sceneMakerFile();
  resetStores(sampleWorkflow());
});

describe('importing a component file', () => {
  it('adds its component to the open workflow (one undo step) instead of replacing the workflow', async () => {
    renderCanvas(<Palette />);
    const before: Workflow = doc();
    const outcome = importWorkflowFromText(file.text, 'scene.peel-component.json');
    expect(outcome.ok).toBe(true);
    expect(doc().nodes).toEqual(before.nodes);
    expect(doc().name).toBe(before.name);
    expect(doc().components?.map((c) => c.name)).toEqual(['Scene maker']);
    expect(useViewStore.getState().toast).toContain('Added component "Scene maker"');
    // It is ready to use from the palette.
    expect(await screen.findByTestId(`palette-component-${file.id}`, {}, FIND)).toBeTruthy();
    act(() => commands.undo());
    expect(doc()).toEqual(before);
  });

  it('a dropped component file does the same; a clashing id gets a free one, an equal one is reused', async () => {
    // The open workflow already has a different component with the same id.
    act(() => {
      makeComponentFromSelection(['p'], 'Scene maker');
    });
    const clashing = doc().components?.[0];
    expect(clashing?.id).toBe(file.id);
    await importDroppedFiles([
      new File([file.text], 'scene.peel-component.json', { type: 'application/json' }),
    ]);
    const ids = doc().components?.map((c) => c.id) ?? [];
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(file.id);
    expect(ids[1]).not.toBe(file.id);
    expect(
      doc()
        .components?.[1]?.nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['e', 'g']);
    // The same file again adds nothing.
    importWorkflowFromText(file.text, 'again');
    expect(doc().components).toHaveLength(2);
  });
});
