import { act, fireEvent, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Canvas } from '../../src/editor/canvas/Canvas';
import { EditorFlowProvider } from '../../src/editor/canvas/flow-handle';
import { preloadNodeViews } from '../../src/editor/canvas/lazy-node-views';
import { LOD_START, useLodStore } from '../../src/editor/canvas/level-of-detail';
import { flushMeasuredSizes } from '../../src/editor/canvas/measured-sizes';
import { preloadLazyPanels } from '../../src/editor/lazy-panels';
import { refreshDiagnostics, useDiagnosticsStore } from '../../src/editor/run/diagnostics';
import { loadRunController } from '../../src/editor/run/run-actions';
import { commands, setHistoryClock, useDocumentStore } from '../../src/editor/store/document-store';
import { initialRunState, useRunStore } from '../../src/editor/store/run-store';
import { useViewStore } from '../../src/editor/store/view-store';
import type { Workflow } from '../../src/engine/workflow';

export function workflowOf(nodes: Workflow['nodes'], edges: Workflow['edges'] = []): Workflow {
  return { format: 'peel.workflow', version: 2, name: 'Test', components: [], nodes, edges };
}

/** A prompt -> generate -> export chain plus a reference set, the shapes most tests need. */
export function sampleWorkflow(): Workflow {
  return workflowOf(
    [
      { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a red fox' } },
      { id: 'refs', type: 'referenceSet', position: { x: 0, y: 300 }, params: { images: [] } },
      { id: 'g', type: 'generate', position: { x: 400, y: 0 }, params: { model: 'gemini-3.1-flash-image' } },
      {
        id: 'e',
        type: 'edit',
        position: { x: 800, y: 0 },
        params: { model: 'gemini-3.1-flash-image', instruction: 'make it blue' },
      },
      {
        id: 'x',
        type: 'export',
        position: { x: 1200, y: 0 },
        params: { filename: '{workflow}-{n}', embedWorkflow: true },
      },
    ],
    [
      { id: 'e1', source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
      { id: 'e2', source: 'g', sourcePort: 'image', target: 'e', targetPort: 'image' },
      { id: 'e3', source: 'e', sourcePort: 'image', target: 'x', targetPort: 'images' },
    ],
  );
}

export function resetStores(doc: Workflow = sampleWorkflow()): void {
  setHistoryClock(() => Date.now());
  commands.loadWorkflow(doc);
  useRunStore.setState(initialRunState());
  useDiagnosticsStore.setState({ nodeErrors: {}, graphErrors: [] });
  // Sizes measured in a previous test must not land in this one (cleared just below).
  flushMeasuredSizes();
  useViewStore.setState({
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    panel: null,
    settingsReason: null,
    search: null,
    viewer: null,
    hintVisible: false,
    paletteFilter: '',
    measured: {},
    toast: null,
  });
  // A previous test's canvas may have left the level of detail zoomed out (jsdom measures every
  // node at 0 px, so a fit zooms far out): each test starts as a new page does, full bodies.
  useLodStore.setState(LOD_START, true);
}

export function renderCanvas(extra?: ReactNode) {
  return render(
    <EditorFlowProvider>
      <div style={{ width: 1200, height: 800 }}>
        <Canvas />
      </div>
      {extra}
    </EditorFlowProvider>,
  );
}

/** Runs validation and the estimate now instead of after the debounce. */
export async function flushDiagnostics(): Promise<void> {
  await act(async () => {
    await refreshDiagnostics(useDocumentStore.getState().doc);
  });
}

/** Opens a Radix menu from its trigger as a mouse press does (Radix opens on pointerdown, not click). */
export function openMenu(trigger: HTMLElement): void {
  fireEvent.pointerDown(trigger, { button: 0, ctrlKey: false, pointerType: 'mouse' });
}

/**
 * Fetches the parts the app loads on demand (panels, viewer, node views, run machinery), for
 * tests about what those parts do rather than about loading them (see lazy-panels.test.tsx).
 */
export async function preloadEditorParts(): Promise<void> {
  await Promise.all([preloadLazyPanels(), preloadNodeViews(), loadRunController()]);
}
