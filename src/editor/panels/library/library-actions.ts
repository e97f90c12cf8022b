import type { WorkflowSummary } from '../../../persistence';
import { bumpRevisionTick, getPeelStore, usePersistenceStore } from '../../persistence/state';
import { adoptAsNewWorkflow, flushSave, openWorkflow } from '../../persistence/workflow-session';
import { commands } from '../../store/document-store';
import { view } from '../../store/view-store';
import { firstDocument } from '../../templates/startup';

/** Library operations; each returns an error message for the user, or null when it worked. */
const isOpen = (id: string) => usePersistenceStore.getState().workflowId === id;
const NO_STORE = 'storage is not available in this browser';

export async function listWorkflows(): Promise<WorkflowSummary[]> {
  return (await getPeelStore()?.workflows.list()) ?? [];
}

export async function renameWorkflow(id: string, name: string): Promise<string | null> {
  const trimmed = name.trim();
  if (trimmed === '') return 'A workflow needs a name.';
  // The open one is renamed through the document, so autosave and undo see it like any edit.
  if (isOpen(id)) {
    commands.renameWorkflow(trimmed);
    await flushSave();
    return null;
  }
  const store = getPeelStore();
  if (!store) return NO_STORE;
  const result = await store.workflows.rename(id, trimmed);
  bumpRevisionTick();
  return result.ok ? null : result.error.message;
}

export async function duplicateWorkflow(id: string): Promise<string | null> {
  const store = getPeelStore();
  if (!store) return NO_STORE;
  if (isOpen(id)) await flushSave();
  const result = await store.workflows.duplicate(id);
  bumpRevisionTick();
  return result.ok ? null : result.error.message;
}

/** Moves to the trash (undo restores it). Deleting the open workflow opens the newest other one. */
export async function deleteWorkflow(summary: WorkflowSummary): Promise<string | null> {
  const store = getPeelStore();
  if (!store) return NO_STORE;
  const open = isOpen(summary.id);
  if (open) await flushSave();
  const result = await store.workflows.delete(summary.id);
  if (!result.ok) return result.error.message;
  usePersistenceStore.setState({ trashed: { id: summary.id, name: summary.name } });
  if (open) {
    const next = (await store.workflows.list())[0];
    const failed = next ? await openWorkflow(next.id) : 'none left';
    if (failed) await adoptAsNewWorkflow(await firstDocument());
  }
  bumpRevisionTick();
  return null;
}

export async function restoreWorkflow(id: string): Promise<string | null> {
  const store = getPeelStore();
  if (!store) return NO_STORE;
  const result = await store.workflows.restore(id);
  usePersistenceStore.setState({ trashed: null });
  bumpRevisionTick();
  if (!result.ok) {
    view.toast(`Could not restore: ${result.error.message}`);
    return result.error.message;
  }
  return null;
}
