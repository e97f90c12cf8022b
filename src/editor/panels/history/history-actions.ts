import type { StoredPortValue } from '../../../engine/cache-codec';
import { applyInputs, type InputValue } from '../../../engine/inputs';
import type { Workflow } from '../../../engine/workflow';
import { type RunRecord, workflowSnapshotHash } from '../../../persistence';
import { loadRunSnapshot } from '../../persistence/recording';
import { usePersistenceStore } from '../../persistence/state';
import { replaceDocument } from '../../persistence/workflow-session';
import { startRun } from '../../run/run-controller';
import { useDocumentStore } from '../../store/document-store';
import { view } from '../../store/view-store';
import { openInTab } from '../../tabs/tabs';

function inputValues(inputs: Record<string, StoredPortValue>): Record<string, InputValue> {
  const values: Record<string, InputValue> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (typeof value === 'string') values[name] = { kind: 'text', text: value };
    else {
      const refs = (Array.isArray(value) ? value : [value]).filter((ref) => typeof ref !== 'string');
      values[name] = {
        kind: 'images',
        images: refs.map((ref, index) => ({
          name: `${name}-${index + 1}`,
          mimeType: ref.mimeType,
          hash: ref.$image,
        })),
      };
    }
  }
  return values;
}

/**
 * Re-runs a recorded run with the same graph and inputs: opens its workflow, restores the graph as
 * it was run when it differs (saved like an edit), then runs; unchanged nodes come from the cache.
 */
export async function rerun(run: RunRecord): Promise<void> {
  if (usePersistenceStore.getState().workflowId !== run.workflowId) {
    const failed = await openInTab(run.workflowId);
    if (failed) {
      view.toast(`Cannot re-run: ${failed}`);
      return;
    }
  }
  let graph: Workflow = useDocumentStore.getState().doc;
  if (workflowSnapshotHash(graph) !== run.snapshotHash) {
    const snapshot = await loadRunSnapshot(run.snapshotHash);
    if (!snapshot) {
      view.toast('The graph this run used is no longer stored; re-running the current graph.');
    } else {
      graph = snapshot;
      view.toast(`Restored the graph as it was run on ${new Date(run.startedAt).toLocaleString()}.`);
    }
  }
  if (Object.keys(run.inputs).length > 0) {
    const applied = applyInputs(graph, inputValues(run.inputs));
    if (applied.ok) graph = applied.value;
    else view.toast(`Some inputs no longer apply: ${applied.error.map((error) => error.message).join('; ')}`);
  }
  if (graph !== useDocumentStore.getState().doc) replaceDocument(graph);
  await startRun();
}
