import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DIAGNOSTICS_DEBOUNCE_MS,
  useDiagnosticsStore,
  watchDiagnostics,
} from '../../../src/editor/run/diagnostics';
import { commands } from '../../../src/editor/store/document-store';
import { useRunStore } from '../../../src/editor/store/run-store';
import type { Workflow } from '../../../src/engine/workflow';

/**
 * An opened workflow (a link, an import, a tab, a template) shows its problems and estimate with
 * its nodes, in the same commit: checked at once, not after the typing debounce (which left a
 * frame of its own after a 500-node graph was drawn). Edits still wait for the debounce.
 */

/** A generate node without its prompt: one problem ("not connected"). */
function unconnected(name: string): Workflow {
  return {
    format: 'peel.workflow',
    version: 2,
    name,
    components: [],
    nodes: [
      { id: 'g', type: 'generate', position: { x: 0, y: 0 }, params: { model: 'gemini-3.1-flash-image' } },
    ],
    edges: [],
  };
}

let stop: () => void = () => undefined;

beforeEach(() => {
  vi.useFakeTimers();
  commands.loadWorkflow({ ...unconnected('Empty'), nodes: [] });
  stop = watchDiagnostics();
  // The first check of the empty document settles.
  vi.runAllTimers();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('diagnostics of an opened workflow', () => {
  it('are there when the opened workflow is, without waiting for the debounce', async () => {
    commands.loadWorkflow(unconnected('Opened'));
    // No timer has run: the check ran in the load itself.
    expect(useDiagnosticsStore.getState().nodeErrors.g).toEqual(['input "prompt" (text) is not connected']);
    // The estimate follows in the same task (the plan only awaits an empty cache).
    await vi.waitFor(() => expect(useRunStore.getState().estimate?.perNode.g).toBeDefined(), {
      timeout: 100,
      interval: 1,
    });
  });

  it('an edit is checked after the debounce, as typing asks', () => {
    commands.loadWorkflow(unconnected('Opened'));
    const opened = useDiagnosticsStore.getState().nodeErrors;
    const prompt = commands.addNode({
      type: 'prompt',
      position: { x: -300, y: 0 },
      params: { text: 'a fox' },
    });
    commands.connect({ source: prompt, sourcePort: 'text', target: 'g', targetPort: 'prompt' });
    // Still the opened workflow's problems: the edit waits.
    expect(useDiagnosticsStore.getState().nodeErrors).toBe(opened);
    expect(useDiagnosticsStore.getState().nodeErrors.g).toHaveLength(1);
    vi.advanceTimersByTime(DIAGNOSTICS_DEBOUNCE_MS);
    expect(useDiagnosticsStore.getState().nodeErrors.g).toBeUndefined();
  });
});
