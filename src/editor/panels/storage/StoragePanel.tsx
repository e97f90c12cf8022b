import { useEffect, useState } from 'react';
import { formatBytes } from '../../../persistence/quota-guard';
import { addNotice, bumpRevisionTick, getPeelStore, usePersistenceStore } from '../../persistence/state';
import { refreshDiagnostics } from '../../run/diagnostics';
import { useDocumentStore } from '../../store/document-store';
import { useViewStore, view } from '../../store/view-store';

interface Usage {
  /** null when the browser does not say. */
  usage: { used: number; quota: number } | null;
  cacheBytes: number;
  cacheEntries: number;
}

async function loadUsage(): Promise<Usage | null> {
  const store = getPeelStore();
  if (!store) return null;
  const [estimate, cache] = await Promise.all([store.storageUsage(), store.cacheSize()]);
  return {
    usage: estimate.ok ? { used: estimate.value.usage, quota: estimate.value.quota } : null,
    cacheBytes: cache.bytes,
    cacheEntries: cache.entries,
  };
}

async function clearCache(): Promise<void> {
  const store = getPeelStore();
  if (!store) return;
  try {
    const freed = await store.clearCache();
    addNotice(
      'info',
      `Cleared ${freed.entries} cached outputs (${formatBytes(freed.bytesFreed)}). The next run calls the model again for them.`,
    );
  } catch (cause) {
    addNotice(
      'error',
      `Could not clear the cache: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  bumpRevisionTick();
  void refreshDiagnostics(useDocumentStore.getState().doc);
}

/** How much this browser stores for Peel, and a way to free the cached outputs. */
export function StoragePanel() {
  const open = useViewStore((state) => state.panel === 'storage');
  const tick = usePersistenceStore((state) => state.revisionTick);
  const mode = usePersistenceStore((state) => state.mode);
  const granted = usePersistenceStore((state) => state.persistenceGranted);
  const [usage, setUsage] = useState<Usage | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void tick; // refresh after writes
    void loadUsage().then((next) => {
      if (live) setUsage(next);
    });
    return () => {
      live = false;
    };
  }, [open, tick]);
  if (!open) return null;
  return (
    <section className="side-panel storage" data-testid="storage-panel" aria-label="Storage">
      <header>
        <h2>Storage</h2>
        <button type="button" aria-label="Close storage" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      {mode === 'memory' && (
        <p>Storage is unavailable in this browser: nothing is kept after this tab closes.</p>
      )}
      {usage && (
        <>
          <p data-testid="storage-usage">
            {usage.usage
              ? `Using ${formatBytes(usage.usage.used)} of ${formatBytes(usage.usage.quota)} available to this site.`
              : 'This browser does not report how much storage is used.'}
          </p>
          <p>
            Cached outputs: {usage.cacheEntries} ({formatBytes(usage.cacheBytes)}). They make re-runs free.
          </p>
          <button
            type="button"
            data-testid="clear-cache"
            disabled={usage.cacheEntries === 0}
            onClick={() => void clearCache()}
          >
            Clear cache (frees {formatBytes(usage.cacheBytes)})
          </button>
        </>
      )}
      <p className="field-hint">
        {granted === true
          ? 'The browser keeps Peel’s data even when space runs low.'
          : granted === false
            ? 'The browser may clear Peel’s data when space runs low; export important workflows.'
            : 'Workflows are kept in this browser. Export important workflows to keep a copy.'}
      </p>
    </section>
  );
}
