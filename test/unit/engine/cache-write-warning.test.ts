import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import type { CacheEntry, NodeCache } from '../../../src/engine/cache';
import type { RunEvent } from '../../../src/engine/events';
import { createSharedResources, runWorkflow } from '../../../src/engine/executor';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { imageHashOf, promptGenerateExport } from '../../helpers/workflows';

/** A cache that reads fine but cannot keep anything (a full disk, a read-only folder). */
function unwritableCache(code?: string): NodeCache & { attempts: number } {
  const cache = {
    attempts: 0,
    get: async (): Promise<CacheEntry | undefined> => undefined,
    set: async (): Promise<void> => {
      cache.attempts++;
      throw Object.assign(new Error('ENOSPC: no space left on device'), code ? { code } : {});
    },
  };
  return cache;
}

const warningsOf = (events: RunEvent[]) =>
  events.filter((event): event is Extract<RunEvent, { type: 'run-warning' }> => event.type === 'run-warning');

describe('a cache write that fails (issue 11 item 3)', () => {
  it('warns exactly once per run, naming the cause, and still returns every output', async () => {
    const cache = unwritableCache();
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['one', 'two', 'three']), {
      registry: nodeRegistry,
      provider,
      cache,
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('ok');
    expect(cache.attempts).toBe(3);
    for (const id of ['g0', 'g1', 'g2']) {
      expect(result.nodes.get(id)?.status).toBe('ran');
      expect(imageHashOf(result, id)).toMatch(/^[0-9a-f]{64}$/);
    }
    const warnings = warningsOf(events);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'cache_write_failed', runId: result.runId });
    expect(['g0', 'g1', 'g2']).toContain(warnings[0]?.nodeId);
    expect(warnings[0]?.message).toMatch(/ENOSPC: no space left on device/);
    expect(warnings[0]?.message).toMatch(/later runs will pay for it again/);
    // A cause without a code of its own names none.
    expect(warnings[0]).not.toHaveProperty('causeCode');
    // The warning comes before the run's end, so a printer can show it with the run.
    expect(events.findIndex((e) => e.type === 'run-warning')).toBeLessThan(
      events.findIndex((e) => e.type === 'run-finish'),
    );
  });

  it('warns again on the next run (it pays again), and once for a whole batch sharing resources', async () => {
    const cache = unwritableCache();
    const provider = scriptedProvider();
    const workflow = promptGenerateExport(['one', 'two']);
    const second: RunEvent[] = [];
    await runWorkflow(workflow, { registry: nodeRegistry, provider, cache });
    await runWorkflow(workflow, { registry: nodeRegistry, provider, cache, onEvent: (e) => second.push(e) });
    expect(provider.requests).toHaveLength(4);
    expect(warningsOf(second)).toHaveLength(1);

    const shared = createSharedResources();
    const rows: RunEvent[] = [];
    for (const prompts of [['r1'], ['r2'], ['r3']]) {
      await runWorkflow(promptGenerateExport(prompts), {
        registry: nodeRegistry,
        provider,
        cache,
        shared,
        onEvent: (e) => rows.push(e),
      });
    }
    expect(warningsOf(rows)).toHaveLength(1);
  });

  it('a cache that works gives no warning', async () => {
    const events: RunEvent[] = [];
    await runWorkflow(promptGenerateExport(['one']), {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      onEvent: (e) => events.push(e),
    });
    expect(warningsOf(events)).toEqual([]);
  });

  it("carries the failure's own code (the browser store's quota_exceeded), which the editor groups by", async () => {
    const events: RunEvent[] = [];
    await runWorkflow(promptGenerateExport(['one']), {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      cache: unwritableCache('quota_exceeded'),
      onEvent: (event) => events.push(event),
    });
    expect(warningsOf(events)[0]?.causeCode).toBe('quota_exceeded');
  });
});
