import { nodeRegistry } from '../nodes/registry';
import { MemoryCache } from '../src/engine/cache';
import { runWorkflow } from '../src/engine/executor';
import { round } from './executor-overhead';
import { syntheticGraph } from './graphs';
import { instantProvider } from './instant-provider';

/** Re-running a fully cached 50-image graph: zero calls, and the wall time. */
export async function benchCacheRerun(extra: Record<string, number> = {}) {
  const workflow = syntheticGraph(101, 2);
  const cache = new MemoryCache();
  const provider = instantProvider();
  await runWorkflow(workflow, { registry: nodeRegistry, provider, cache });
  const callsBefore = provider.calls;
  const started = performance.now();
  const result = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache });
  const rerunMs = performance.now() - started;
  return {
    name: 'fully cached re-run (50 images)',
    figures: {
      firstRunCalls: callsBefore,
      rerunCalls: provider.calls - callsBefore,
      cachedNodes: result.totals.cachedNodes,
      rerunMs: round(rerunMs),
      ...extra,
    },
    target: 'zero calls, < 300 ms',
    met: provider.calls === callsBefore && rerunMs < 300,
  };
}
