/**
 * planRun with a cache that lists its keys (IndexedDB in the editor): misses are answered from the
 * list, so a 500-node graph's estimate is not hundreds of reads; what the list holds is still read.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { type CacheEntry, MemoryCache } from '../../../src/engine/cache';
import { runWorkflow } from '../../../src/engine/executor';
import { planOf } from '../../helpers/plan';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';

/** A memory cache that lists its keys and counts reads; `listed` can hide or fake keys. */
class ListingCache extends MemoryCache {
  reads: string[] = [];
  listings = 0;
  listed: (keys: Set<string>) => ReadonlySet<string> = (keys) => keys;
  failListing = false;

  override async get(key: string): Promise<CacheEntry | undefined> {
    this.reads.push(key);
    return super.get(key);
  }

  override async keys(): Promise<ReadonlySet<string>> {
    this.listings++;
    if (this.failListing) throw new Error('listing failed');
    return this.listed(new Set(this.entries.keys()));
  }
}

const chains = (count: number) =>
  workflowOf(
    Array.from({ length: count }, (_, i) => [
      node(`p${i}`, 'prompt', { text: `scene ${i}` }),
      node(`g${i}`, 'generate', {}),
    ]).flat(),
    Array.from({ length: count }, (_, i) => edge(`p${i}`, 'text', `g${i}`, 'prompt')),
  );

describe('planRun with a cache that lists its keys', () => {
  it('reads no entry for a miss, lists the keys once, and plans as without the list', async () => {
    const cache = new ListingCache();
    const listed = await planOf(chains(20), { cache });
    expect(cache.listings).toBe(1);
    expect(cache.reads).toEqual([]);
    const plain = await planOf(chains(20), { cache: new MemoryCache() });
    expect(listed.estimate).toEqual(plain.estimate);
    expect(listed.estimate.calls).toBe(20);
  });

  it('reads the entries the list holds: a cached node is cached, and what follows it finds its own entry', async () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('g', 'generate', {}),
        node('e', 'edit', { instruction: 'warmer' }),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'e', 'image')],
    );
    const cache = new ListingCache();
    await runWorkflow(workflow, { registry: nodeRegistry, provider: scriptedProvider(), cache });
    cache.reads = [];
    const { estimate } = await planOf(workflow, { cache });
    expect(estimate.calls).toBe(0);
    expect(estimate.cachedNodes).toBe(2);
    expect(cache.reads).toHaveLength(2);
  });

  it('a listed key whose entry is gone (damaged, evicted meanwhile) is a call, never a cached node', async () => {
    const cache = new ListingCache();
    const workflow = chains(1);
    await runWorkflow(workflow, { registry: nodeRegistry, provider: scriptedProvider(), cache });
    const key = [...cache.entries.keys()][0] as string;
    cache.listed = () => new Set([key]);
    cache.entries.clear();
    cache.reads = [];
    const { estimate } = await planOf(workflow, { cache });
    expect(cache.reads).toEqual([key]);
    expect(estimate.perNode.g0?.action).toBe('call');
  });

  it('when listing fails, every model node is read as before', async () => {
    const cache = new ListingCache();
    cache.failListing = true;
    const { estimate } = await planOf(chains(3), { cache });
    expect(cache.reads).toHaveLength(3);
    expect(estimate.calls).toBe(3);
  });
});
