import { afterEach, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { joinRunPool, type PooledRun, pooledRunCount, resetRunPool } from '../../../src/editor/run/run-pool';
import { MemoryCache } from '../../../src/engine/cache';
import type { RunEstimate } from '../../../src/engine/events';
import { runWorkflow, type SharedRunResources } from '../../../src/engine/executor';
import type { Workflow } from '../../../src/engine/workflow';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';

/**
 * Runs in several editor tabs at once (issue #17) share the budget cap and the route's call queue:
 * two tabs running together never pass the cap nor the "Parallel calls" limit.
 */

const model = 'gemini-3.1-flash-image';
const oneImage = (prompt: string): Workflow =>
  workflowOf(
    [node('p', 'prompt', { text: prompt }), node('gen', 'generate', { model })],
    [edge('p', 'text', 'gen', 'prompt')],
  );

function joined(route: string, concurrency: number, cap: number | null): PooledRun {
  const result = joinRunPool(route, concurrency, cap);
  if (!result.ok) throw new Error(result.message);
  return result.run;
}

/** A run as the editor starts it: shared resources from the pool, its estimate held at run-start. */
function runPooled(
  workflow: Workflow,
  run: PooledRun,
  provider: ReturnType<typeof scriptedProvider>,
  options: { cap?: boolean } = {},
) {
  return runWorkflow(workflow, {
    registry: nodeRegistry,
    provider,
    cache: new MemoryCache(),
    shared: run.shared as SharedRunResources,
    ...(options.cap ? { refuseOverBudgetEstimate: true } : {}),
    onEvent: (event) => {
      if (event.type === 'run-start') run.planned(event.estimate);
    },
  }).finally(() => run.leave());
}

/** What one image call of `model` is estimated at (a run's own plan, no cap, nothing cached). */
async function oneCallUsd(): Promise<number> {
  const result = await runWorkflow(oneImage('probe'), {
    registry: nodeRegistry,
    provider: scriptedProvider(),
    cache: new MemoryCache(),
  });
  const usd = result.estimate.usd;
  if (usd === null || usd <= 0) throw new Error('the model needs a price for this test');
  return usd;
}

afterEach(() => resetRunPool());

describe('run pool (runs in several tabs at once)', () => {
  it('a second run whose estimate does not fit beside the first one does not start; alone it would', async () => {
    const usd = await oneCallUsd();
    const cap = usd * 1.5;
    const slow = scriptedProvider({ delayMs: 40 });
    const first = joined('scripted:', 4, cap);
    const firstRun = runPooled(oneImage('a lighthouse'), first, slow, { cap: true });
    // Let the first run plan (its estimate is then held on the cap).
    while (slow.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));

    const second = joined('scripted:', 4, cap);
    expect(second.heldByOthers()).toBeCloseTo(usd, 4);
    const other = scriptedProvider();
    const refused = await runPooled(oneImage('a harbour'), second, other, { cap: true });
    expect(refused.error?.code).toBe('budget_exceeded');
    expect(other.requests).toHaveLength(0);

    const done = await firstRun;
    expect(done.status).toBe('ok');
    expect(pooledRunCount()).toBe(0);
    // Once the first has ended, the same run fits under the same cap.
    const third = joined('scripted:', 4, cap);
    const alone = await runPooled(oneImage('a harbour'), third, other, { cap: true });
    expect(alone.status).toBe('ok');
    expect(other.requests).toHaveLength(1);
  });

  it('two runs together never make more parallel calls than the route allows', async () => {
    const provider = scriptedProvider({ delayMs: 30 });
    const two = (prefix: string): Workflow =>
      workflowOf(
        [
          node('p1', 'prompt', { text: `${prefix} one` }),
          node('g1', 'generate', { model }),
          node('p2', 'prompt', { text: `${prefix} two` }),
          node('g2', 'generate', { model }),
        ],
        [edge('p1', 'text', 'g1', 'prompt'), edge('p2', 'text', 'g2', 'prompt')],
      );
    const a = joined('scripted:', 2, null);
    const b = joined('scripted:', 2, null);
    const results = await Promise.all([
      runPooled(two('tab a'), a, provider),
      runPooled(two('tab b'), b, provider),
    ]);
    expect(results.map((result) => result.status)).toEqual(['ok', 'ok']);
    expect(provider.requests).toHaveLength(4);
    // Each run alone may make 2 at once; together they still make at most 2.
    expect(provider.maxConcurrent).toBe(2);
  });

  it('calls of every run reserve from one budget, so the cap holds call by call', async () => {
    const usd = await oneCallUsd();
    const a = joined('scripted:', 4, usd * 1.5);
    const b = joined('scripted:', 4, usd * 1.5);
    // Without estimates held (the CLI's way: start, stop at the first call over), only one call fits.
    const provider = scriptedProvider({ delayMs: 20 });
    const results = await Promise.all([
      runPooled(oneImage('first'), a, provider),
      runPooled(oneImage('second'), b, provider),
    ]);
    expect(provider.requests).toHaveLength(1);
    expect(results.map((result) => result.status).sort()).toEqual(['failed', 'ok']);
  });

  it('a run under a changed cap waits for the runs started under the old one', () => {
    joined('scripted:', 4, 1);
    const refused = joinRunPool('scripted:', 4, 2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/another tab.*\$1\.00 cap/);
  });

  it('holds what a run may still spend: its estimate less what it has spent', () => {
    const a = joined('scripted:', 4, 10);
    const b = joined('scripted:', 4, 10);
    const estimate = (usd: number): RunEstimate => ({ calls: 1, cachedNodes: 0, usd, perNode: {} });
    a.planned(estimate(3));
    expect(b.heldByOthers()).toBe(3);
    expect(a.heldByOthers()).toBe(0);
    const budget = a.shared.budget;
    expect(budget.tryReserve(1)).toBe(true);
    budget.settle(1, 1.25);
    expect(b.heldByOthers()).toBe(1.75);
    // b's view of "spent": what was spent plus what a may still spend.
    expect(b.shared.budget.spent).toBe(3);
    a.leave();
    expect(b.heldByOthers()).toBe(0);
  });
});
