import 'fake-indexeddb/auto';
import { nodeRegistry } from '../nodes/registry';
import { MemoryCache } from '../src/engine/cache';
import { runWorkflow } from '../src/engine/executor';
import { openPeelStore } from '../src/persistence/index';
import { round } from './executor-overhead';
import { syntheticGraph } from './graphs';
import { instantProvider } from './instant-provider';
import type { BenchResult } from './result';

/** Re-running a fully cached 50-image graph: zero calls, and the wall time, in memory and after reopening IndexedDB. */
export async function benchCacheRerun(): Promise<BenchResult[]> {
  const workflow = syntheticGraph(101, 2);
  const provider = instantProvider();

  const memory = new MemoryCache();
  await runWorkflow(workflow, { registry: nodeRegistry, provider, cache: memory });
  const callsAfterFirst = provider.calls;
  let started = performance.now();
  const rerun = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache: memory });
  const memoryMs = performance.now() - started;
  const memoryRerunCalls = provider.calls - callsAfterFirst;

  // IndexedDB (fake-indexeddb in Node; the same Dexie code runs on Chromium's IndexedDB in the app).
  const name = `bench-cache-${Date.now()}`;
  const first = await openPeelStore(name, { storage: null, locks: null });
  await runWorkflow(workflow, { registry: nodeRegistry, provider, cache: first.cache });
  await first.cache.flushLastUsed();
  first.close();
  const callsBeforeReopen = provider.calls;
  const reopened = await openPeelStore(name, { storage: null, locks: null });
  started = performance.now();
  const afterReopen = await runWorkflow(workflow, {
    registry: nodeRegistry,
    provider,
    cache: reopened.cache,
  });
  const reopenMs = performance.now() - started;
  reopened.close();

  return [
    {
      name: 'fully cached re-run, 50 images (memory cache)',
      figures: {
        firstRunCalls: callsAfterFirst,
        rerunCalls: memoryRerunCalls,
        cachedNodes: rerun.totals.cachedNodes,
        rerunMs: round(memoryMs),
      },
      target: 'zero calls, < 300 ms',
      met: rerun.totals.calls === 0 && memoryMs < 300,
    },
    {
      name: 'fully cached re-run, 50 images (after reopening the IndexedDB cache)',
      figures: {
        rerunCalls: provider.calls - callsBeforeReopen,
        cachedNodes: afterReopen.totals.cachedNodes,
        rerunMs: round(reopenMs),
      },
      target: 'zero calls',
      met: afterReopen.totals.calls === 0 && provider.calls === callsBeforeReopen,
    },
  ];
}
