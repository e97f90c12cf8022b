import type { RunEventListener } from '../../engine/events';
import { parseWorkflowValue } from '../../engine/load';
import { toWorkflowFile } from '../../engine/save';
import type { Workflow } from '../../engine/workflow';
import type { RunSource } from '../../persistence';
import { workflowSnapshotHash } from '../../persistence/run-recorder';
import { addNotice, bumpRevisionTick, getPeelStore, usePersistenceStore } from './state';

const snapshotKey = (hash: string) => `run-snapshot:${hash}`;

/**
 * A listener that records the run in history (RunRecorder: short writes after each event), or
 * undefined without storage. The workflow as run is kept by its snapshot hash, so History can
 * re-run exactly that graph later.
 */
export function runRecorderFor(
  workflow: Workflow,
  source: RunSource = 'editor',
  route?: string,
  /** The saved workflow it belongs to; default: the one open (a tab's run may start as it is left). */
  ownerId?: string | null,
): RunEventListener | undefined {
  const store = getPeelStore();
  const workflowId = ownerId ?? usePersistenceStore.getState().workflowId;
  if (!store || !workflowId) return undefined;
  const recorder = store.recordRun({
    workflowId,
    workflow,
    source,
    ...(route ? { route } : {}),
    // The store reports every failed write itself (boot.ts): storage full joins its banner, and
    // another failure's message shows once (the same text is not stacked). Only what the store did
    // not report (a failure before the write) is said here.
    onError: (error) => {
      if (error.code !== 'quota_exceeded') addNotice('error', error.message);
    },
  });
  const key = snapshotKey(workflowSnapshotHash(workflow));
  void store.settings.get(key).then((known) => {
    if (known === undefined) void store.settings.set(key, toWorkflowFile(workflow, { embedImages: false }));
  });
  return (event) => {
    recorder.onEvent(event);
    const written = recorder.idle();
    writing.add(written);
    void written.finally(() => writing.delete(written));
    if (event.type === 'run-finish') {
      // The run looks finished now; until its final state is stored, a reload would show it
      // interrupted, so the save status says "Saving…" till then.
      usePersistenceStore.setState((state) => ({ historyWrites: state.historyWrites + 1 }));
      void written.then(() => {
        usePersistenceStore.setState((state) => ({ historyWrites: Math.max(0, state.historyWrites - 1) }));
        bumpRevisionTick();
      });
    }
  };
}

const writing = new Set<Promise<void>>();

/** Resolves when every queued history write has finished (before closing the store). */
export async function historyWritesSettled(): Promise<void> {
  while (writing.size > 0) await Promise.all([...writing]);
}

/** The workflow a recorded run ran, if its snapshot is still stored. */
export async function loadRunSnapshot(snapshotHash: string): Promise<Workflow | undefined> {
  const store = getPeelStore();
  const file = await store?.settings.get<unknown>(snapshotKey(snapshotHash)).catch(() => undefined);
  if (file === undefined) return undefined;
  const parsed = parseWorkflowValue(file);
  return parsed.ok ? parsed.value.workflow : undefined;
}
