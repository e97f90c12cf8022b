import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryCache } from '../../../src/engine/cache';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, imageHashOf, node, promptGenerateExport, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;

describe('runWorkflow', () => {
  it('runs nodes in topological order and reports totals', async () => {
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['a cat']), {
      registry,
      provider,
      onEvent: (e) => events.push(e),
    });
    expect(result.status).toBe('ok');
    const starts = events.filter((e) => e.type === 'node-start').map((e) => (e as { nodeId: string }).nodeId);
    expect(starts.indexOf('p0')).toBeLessThan(starts.indexOf('g0'));
    expect(starts.indexOf('g0')).toBeLessThan(starts.indexOf('out'));
    expect(result.totals.calls).toBe(1);
    // 10 input tokens at $0.50/1M + 1290 image tokens at $60/1M + 5 text tokens at $3/1M, in micro-dollars.
    expect(result.totals.costUsd).toBe(0.07742);
    expect(events[0]?.type).toBe('run-start');
    expect(events.at(-1)?.type).toBe('run-finish');
    const exportFinish = events.find((e) => e.type === 'node-finish' && e.nodeId === 'out');
    expect(exportFinish?.type === 'node-finish' && exportFinish.exports?.map((f) => f.baseName)).toEqual([
      'img-g0-1',
    ]);
  });

  it('never exceeds the model-call concurrency limit', async () => {
    const provider = scriptedProvider({ delayMs: 20 });
    const prompts = Array.from({ length: 9 }, (_, i) => `prompt ${i}`);
    const result = await runWorkflow(promptGenerateExport(prompts), { registry, provider, concurrency: 3 });
    expect(result.status).toBe('ok');
    expect(provider.requests).toHaveLength(9);
    expect(provider.maxConcurrent).toBe(3);
  });

  it('serves an unchanged second run from the cache with zero calls', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const workflow = promptGenerateExport(['one', 'two']);
    await runWorkflow(workflow, { registry, provider, cache });
    expect(provider.requests).toHaveLength(2);
    const second = await runWorkflow(workflow, { registry, provider, cache });
    expect(provider.requests).toHaveLength(2);
    expect(second.totals).toMatchObject({ calls: 0, cachedNodes: 2, costUsd: 0 });
    expect(second.estimate).toMatchObject({ calls: 0, cachedNodes: 2, usd: 0 });
  });

  it('re-runs only what depends on a changed prompt', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const workflow = promptGenerateExport(['one', 'two']);
    await runWorkflow(workflow, { registry, provider, cache });
    const changed = structuredClone(workflow);
    const p1 = changed.nodes.find((n) => n.id === 'p1');
    if (p1) p1.params.text = 'two, changed';
    const result = await runWorkflow(changed, { registry, provider, cache });
    expect(provider.requests.map((r) => r.prompt)).toEqual(['one', 'two', 'two, changed']);
    expect(result.nodes.get('g0')?.status).toBe('cached');
    expect(result.nodes.get('g1')?.status).toBe('ran');
  });

  it('re-roll bypasses the cache once for the chosen node', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const workflow = promptGenerateExport(['one', 'two']);
    const first = await runWorkflow(workflow, { registry, provider, cache });
    const rerolled = await runWorkflow(workflow, { registry, provider, cache, reroll: ['g1'] });
    expect(provider.requests).toHaveLength(3);
    expect(rerolled.nodes.get('g1')?.status).toBe('ran');
    expect(rerolled.nodes.get('g0')?.status).toBe('cached');
    const image = (r: typeof first) => imageHashOf(r, 'g1');
    expect(image(rerolled)).not.toBe(image(first));
    const after = await runWorkflow(workflow, { registry, provider, cache });
    expect(provider.requests).toHaveLength(3);
    expect(image(after)).toBe(image(rerolled));
  });

  it('runs only what a chosen node needs (partial run)', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(promptGenerateExport(['one', 'two']), {
      registry,
      provider,
      targets: ['g1'],
    });
    expect(provider.requests.map((r) => r.prompt)).toEqual(['two']);
    expect([...result.nodes.keys()].sort()).toEqual(['g1', 'p1']);
  });

  it('isolates a failed node: dependents skipped, independent branches finish', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { bad: { code: 'safety_blocked', message: 'blocked' } },
    });
    const workflow = workflowOf(
      [
        node('pa', 'prompt', { text: 'bad idea' }),
        node('pb', 'prompt', { text: 'good idea' }),
        node('ga', 'generate', {}),
        node('gb', 'generate', {}),
        node('ea', 'edit', { instruction: 'more' }),
      ],
      [
        edge('pa', 'text', 'ga', 'prompt'),
        edge('pb', 'text', 'gb', 'prompt'),
        edge('ga', 'image', 'ea', 'image'),
      ],
    );
    const result = await runWorkflow(workflow, { registry, provider });
    expect(result.status).toBe('failed');
    expect(result.nodes.get('ga')).toMatchObject({ status: 'failed', error: { code: 'safety_blocked' } });
    expect(result.nodes.get('ea')).toMatchObject({ status: 'skipped', error: { code: 'upstream_failed' } });
    expect(result.nodes.get('gb')?.status).toBe('ran');
    expect(provider.requests).toHaveLength(2);
  });

  it('cancel aborts in-flight calls, keeps finished outputs and caches nothing after', async () => {
    const provider = scriptedProvider({ delayMs: 200 });
    const cache = new MemoryCache();
    const fast = scriptedProvider();
    const workflow = promptGenerateExport(['first', 'second']);
    await runWorkflow(workflow, { registry, provider: fast, cache, targets: ['g0'] });
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const running = runWorkflow(workflow, {
      registry,
      provider: { ...provider, id: fast.id, generateImage: provider.generateImage },
      cache,
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    setTimeout(() => controller.abort(), 50);
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(result.nodes.get('g0')?.status).toBe('cached');
    expect(result.nodes.get('g1')?.status).toBe('cancelled');
    expect(result.nodes.get('out')?.status).toBe('cancelled');
    expect(provider.abortedCalls).toBe(1);
    expect(cache.entries.size).toBe(1);
    const afterCancel = events.filter((e) => e.type === 'node-finish' && e.exports && e.exports.length > 0);
    expect(afterCancel).toEqual([]);
  });

  it('makes one call for two nodes with the same cache key running at once', async () => {
    const provider = scriptedProvider({ delayMs: 30 });
    const result = await runWorkflow(promptGenerateExport(['same', 'same']), { registry, provider });
    expect(provider.requests).toHaveLength(1);
    const statuses = [result.nodes.get('g0')?.status, result.nodes.get('g1')?.status].sort();
    expect(statuses).toEqual(['cached', 'ran']);
    expect(result.totals.calls).toBe(1);
  });

  it('does not start calls that would pass the budget', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(promptGenerateExport(['a', 'b', 'c']), {
      registry,
      provider,
      // One call is estimated at about $0.068 and bills $0.077: the second would pass $0.10.
      maxCostUsd: 0.1,
      concurrency: 1,
    });
    expect(provider.requests).toHaveLength(1);
    const failures = [...result.nodes.values()].filter((n) => n.error?.code === 'budget_exceeded');
    expect(failures).toHaveLength(2);
    expect(failures[0]?.error?.message).toMatch(/budget/);
  });

  it('stops the whole run on a daily quota error without further calls', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: {
        a: { code: 'daily_quota', message: 'daily quota exhausted', stopsRun: true },
      },
    });
    const result = await runWorkflow(promptGenerateExport(['a', 'b', 'c']), {
      registry,
      provider,
      concurrency: 1,
    });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('daily_quota');
    expect(provider.requests).toHaveLength(1);
  });
});
