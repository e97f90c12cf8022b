import { parseWorkflowValue } from '../../engine/load';
import { toWorkflowFile } from '../../engine/save';
import type { Workflow } from '../../engine/workflow';

/**
 * A write-ahead copy of the unsaved document in localStorage. IndexedDB saves are asynchronous and
 * a tab closed 100 ms after an edit may never finish one; this synchronous copy survives that and
 * is replayed at the next start, only over the exact revision it was based on (never over newer work).
 */
const PREFIX = 'peel.draft:';
/** Above this the draft is skipped: localStorage is small, and the IndexedDB save still runs. */
const MAX_DRAFT_CHARS = 1_000_000;

interface DraftRecord {
  workflowId: string;
  baseRevision: number;
  file: Record<string, unknown>;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function writeDraft(workflowId: string, baseRevision: number, workflow: Workflow): void {
  const text = JSON.stringify({
    workflowId,
    baseRevision,
    file: toWorkflowFile(workflow, { embedImages: false }),
  } satisfies DraftRecord);
  try {
    if (text.length <= MAX_DRAFT_CHARS) storage()?.setItem(PREFIX + workflowId, text);
  } catch {
    // Full or disabled localStorage: the draft is a safety net only; the real save reports its own errors.
  }
}

export function clearDraft(workflowId: string): void {
  try {
    storage()?.removeItem(PREFIX + workflowId);
  } catch {
    // Nothing to clear.
  }
}

/** The draft for `workflowId` when it was based on `revision`; an older or damaged draft is dropped. */
export function takeDraft(workflowId: string, revision: number): Workflow | undefined {
  const text = storage()?.getItem(PREFIX + workflowId);
  if (!text) return undefined;
  clearDraft(workflowId);
  try {
    const draft = JSON.parse(text) as Partial<DraftRecord>;
    if (draft.workflowId !== workflowId || draft.baseRevision !== revision) return undefined;
    const parsed = parseWorkflowValue(draft.file);
    return parsed.ok ? parsed.value.workflow : undefined;
  } catch {
    return undefined;
  }
}
