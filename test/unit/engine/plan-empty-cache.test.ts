/**
 * An estimate against a cache that lists no key (a first visit, a cleared cache) computes no cache
 * key: nothing can be found, and each key is two SHA-256 (about 20 ms for the 500-node bench
 * graph). As soon as the cache holds something, keys are computed and hits found as before.
 */
import { describe, expect, it, vi } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryCache } from '../../../src/engine/cache';
import * as cacheKeys from '../../../src/engine/cache-key';
import { runWorkflow } from '../../../src/engine/executor';
import { planOf } from '../../helpers/plan';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { promptGenerateExport } from '../../helpers/workflows';

vi.mock('../../../src/engine/cache-key', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/engine/cache-key')>();
  return { ...original, cacheKeyFor: vi.fn(original.cacheKeyFor) };
});

const keyCalls = () => vi.mocked(cacheKeys.cacheKeyFor).mock.calls.length;

describe('planRun against an empty cache', () => {
  it('computes no cache key while the cache lists none, and finds hits once it holds some', async () => {
    const workflow = promptGenerateExport(['a fox', 'a hare', 'a owl']);
    const cache = new MemoryCache();
    vi.mocked(cacheKeys.cacheKeyFor).mockClear();
    const empty = await planOf(workflow, { cache });
    expect(keyCalls()).toBe(0);
    expect(empty.estimate.calls).toBe(3);
    expect(empty.estimate.cachedNodes).toBe(0);

    await runWorkflow(workflow, { registry: nodeRegistry, provider: scriptedProvider(), cache });
    vi.mocked(cacheKeys.cacheKeyFor).mockClear();
    const filled = await planOf(workflow, { cache });
    expect(keyCalls()).toBeGreaterThanOrEqual(3);
    expect(filled.estimate.calls).toBe(0);
    expect(filled.estimate.cachedNodes).toBe(3);
  });

  it('a cache that cannot list its keys is asked for each key, as before', async () => {
    const workflow = promptGenerateExport(['a fox']);
    const unlisted = { get: async () => undefined, set: async () => undefined };
    vi.mocked(cacheKeys.cacheKeyFor).mockClear();
    const { estimate } = await planOf(workflow, { cache: unlisted });
    expect(keyCalls()).toBe(1);
    expect(estimate.calls).toBe(1);
  });
});
