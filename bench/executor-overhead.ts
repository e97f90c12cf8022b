import { nodeRegistry } from '../nodes/registry';
import { MemoryCache } from '../src/engine/cache';
import { runWorkflow } from '../src/engine/executor';
import { syntheticGraph } from './graphs';
import { instantProvider } from './instant-provider';

/** Scheduling cost per node of a 1,000-node graph with an instant provider, and peak heap. */
export async function benchExecutorOverhead() {
  const workflow = syntheticGraph(1000);
  // Warm up the JIT on a small graph first.
  await runWorkflow(syntheticGraph(50), {
    registry: nodeRegistry,
    provider: instantProvider(),
    concurrency: 64,
  });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const runs: number[] = [];
  let calls = 0;
  for (let i = 0; i < 5; i++) {
    const provider = instantProvider();
    const started = performance.now();
    const result = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: new MemoryCache(),
      concurrency: 64,
    });
    runs.push(performance.now() - started);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (result.status !== 'ok') throw new Error(`synthetic run failed: ${result.status}`);
    calls = provider.calls;
  }
  clearInterval(sampler);
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] as number;
  return {
    name: 'executor overhead (1,000 nodes, instant provider)',
    figures: {
      nodes: workflow.nodes.length,
      modelCalls: calls,
      medianRunMs: round(median),
      msPerNode: round(median / workflow.nodes.length, 4),
      peakHeapMB: round((peakHeap - heapBefore) / 1024 / 1024),
    },
    target: 'msPerNode < 0.2',
    met: median / workflow.nodes.length < 0.2,
  };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
