/**
 * planExpandedRun with a planner of known figures: each mapped node's total over its elements
 * (calls, cost, action, reason), which instances `include` and `reroll` name, and how answers
 * already known (arrived, or found in the cache while planning) make the estimate exact.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry as registry } from '../../../../nodes/registry';
import { MemoryAssetStore } from '../../../../src/engine/assets';
import { MemoryCache } from '../../../../src/engine/cache';
import type { NodePlan, RunEstimate } from '../../../../src/engine/events';
import { type ConcretePlanner, planExpandedRun } from '../../../../src/engine/many/estimate';
import { type PlanOptions, planRun } from '../../../../src/engine/plan';
import { validateWorkflow } from '../../../../src/engine/validate';
import type { NodeOutputs } from '../../../../src/engine/values';
import { edge, node, workflowOf } from '../../../helpers/workflows';

const model = 'gemini-3.1-flash-image';
const free: NodePlan = { action: 'compute', calls: 0, usd: 0 };

interface Planned {
  ids: string[];
  include?: string[];
  reroll?: string[];
}

/**
 * A planner that gives each concrete node the plan of `table` (computed for free otherwise), and
 * reports `cached` as outputs it found (what the real planner does on a cache hit).
 */
function plannerOf(table: Record<string, NodePlan>, cached: Record<string, NodeOutputs> = {}) {
  const planned: Planned[] = [];
  const plan: ConcretePlanner = async (workflow, _report, options) => {
    const ids = workflow.nodes.map((one) => one.id);
    planned.push({
      ids,
      ...(options.include ? { include: [...options.include].sort() } : {}),
      ...(options.reroll ? { reroll: [...options.reroll].sort() } : {}),
    });
    for (const id of ids) {
      const outputs = cached[id];
      if (outputs) options.knownOutputs?.set(id, outputs);
    }
    const perNode = Object.fromEntries(ids.map((id) => [id, table[id] ?? free]));
    const plans = Object.values(perNode);
    const estimate: RunEstimate = {
      calls: plans.reduce((sum, one) => sum + one.calls, 0),
      cachedNodes: plans.filter((one) => one.action === 'cached').length,
      usd: plans.reduce((sum, one) => sum + (one.usd ?? 0), 0),
      perNode,
    };
    return estimate;
  };
  return { plan, planned };
}

const options = (extra: Partial<PlanOptions> = {}): PlanOptions => ({
  registry,
  providerId: 'scripted',
  cache: new MemoryCache(),
  assets: new MemoryAssetStore(),
  ...extra,
});

const listToGenerate = () =>
  workflowOf(
    [node('l', 'list', { items: ['cat', 'dog', 'owl'] }), node('gen', 'generate', { model })],
    [edge('l', 'items', 'gen', 'prompt')],
  );

/** The total planned for `gen` when its three elements plan as given. */
async function genTotal(one: NodePlan, two: NodePlan, three: NodePlan): Promise<NodePlan | undefined> {
  const { plan } = plannerOf({ 'gen[1]': one, 'gen[2]': two, 'gen[3]': three });
  const estimate = await planExpandedRun(listToGenerate(), options(), plan);
  return estimate.perNode.gen;
}

const call = (usd: number | null): NodePlan => ({ action: 'call', calls: 1, usd });
const cached: NodePlan = { action: 'cached', calls: 0, usd: 0 };

describe('planExpandedRun: a mapped node sums its elements', () => {
  it('adds calls and cost, keeps each element plan, and leaves an unmapped node its own plan', async () => {
    const bypassed: NodePlan = { action: 'bypassed', calls: 0, usd: 0 };
    const { plan } = plannerOf({ l: bypassed, 'gen[1]': call(0.25), 'gen[2]': call(0.5), 'gen[3]': cached });
    const estimate = await planExpandedRun(listToGenerate(), options(), plan);
    expect(estimate.perNode.gen).toStrictEqual({ action: 'call', calls: 2, usd: 0.75 });
    expect(estimate.perNode['gen[3]']).toStrictEqual(cached);
    expect(estimate.perNode.l).toStrictEqual(bypassed);
    expect(estimate.upTo).toBeUndefined();
  });

  it('costs null when one element has no price', async () => {
    expect(await genTotal(call(0.25), call(null), call(0.5))).toStrictEqual({
      action: 'call',
      calls: 3,
      usd: null,
    });
  });

  it('is cached when every element is, and computed when no element calls but not all are cached', async () => {
    expect(await genTotal(cached, cached, cached)).toStrictEqual({ action: 'cached', calls: 0, usd: 0 });
    expect(await genTotal(cached, free, cached)).toStrictEqual({ action: 'compute', calls: 0, usd: 0 });
  });

  it('takes the first invalid or blocked element, with its reason', async () => {
    const blocked: NodePlan = { action: 'blocked', calls: 0, usd: 0, reason: 'needs "x"' };
    const invalid: NodePlan = { action: 'invalid', calls: 0, usd: 0, reason: 'bad model' };
    expect(await genTotal(call(0.25), blocked, invalid)).toStrictEqual({
      action: 'blocked',
      calls: 1,
      usd: 0.25,
      reason: 'needs "x"',
    });
    expect(await genTotal(call(0.25), invalid, blocked)).toStrictEqual({
      action: 'invalid',
      calls: 1,
      usd: 0.25,
      reason: 'bad model',
    });
  });
});

describe('planExpandedRun: include and reroll name nodes of the file or single instances', () => {
  it('a node of the file names all its elements; an instance names itself', async () => {
    const byNode = plannerOf({});
    await planExpandedRun(
      listToGenerate(),
      options({ include: new Set(['gen']), reroll: new Set(['gen']) }),
      byNode.plan,
    );
    expect(byNode.planned).toEqual([
      {
        ids: ['l', 'gen[1]', 'gen[2]', 'gen[3]'],
        include: ['gen[1]', 'gen[2]', 'gen[3]'],
        reroll: ['gen[1]', 'gen[2]', 'gen[3]'],
      },
    ]);
    const byInstance = plannerOf({});
    await planExpandedRun(
      listToGenerate(),
      options({ include: new Set(['l', 'gen[2]']), reroll: new Set(['gen[3]']) }),
      byInstance.plan,
    );
    expect(byInstance.planned).toEqual([
      { ids: ['l', 'gen[1]', 'gen[2]', 'gen[3]'], include: ['gen[2]', 'l'], reroll: ['gen[3]'] },
    ]);
  });
});

describe('planExpandedRun: counts that come from an answer', () => {
  const briefToImages = () =>
    workflowOf(
      [
        node('brief', 'prompt', { text: 'a reading nook' }),
        node('writer', 'textModel', { instruction: 'ideas', output: 'list', maxItems: 4 }),
        node('gen', 'generate', { model }),
      ],
      [edge('brief', 'text', 'writer', 'prompt'), edge('writer', 'items', 'gen', 'prompt')],
    );
  const table = {
    writer: call(0.01),
    'gen[1]': call(0.5),
    'gen[2]': call(0.5),
    'gen[3]': call(0.5),
    'gen[4]': call(0.5),
  };

  it('not known: plans once what the file fixes, once with the answer at its maximum ("up to")', async () => {
    const { plan, planned } = plannerOf(table);
    const estimate = await planExpandedRun(briefToImages(), options(), plan);
    expect(planned.map((one) => one.ids)).toEqual([
      ['brief', 'writer'],
      ['brief', 'writer', 'gen[1]', 'gen[2]', 'gen[3]', 'gen[4]'],
    ]);
    expect(estimate).toMatchObject({ upTo: true, calls: 5, usd: 2.01, known: { calls: 1, usd: 0.01 } });
    expect(estimate.perNode.gen).toStrictEqual({ action: 'call', calls: 4, usd: 2 });
  });

  it('arrived: planned once, exactly, at the answer length', async () => {
    const { plan, planned } = plannerOf(table);
    const arrived = new Map([['writer', { items: ['a', 'b'] }]]);
    const estimate = await planExpandedRun(briefToImages(), options(), plan, arrived);
    expect(planned.map((one) => one.ids)).toEqual([['brief', 'writer', 'gen[1]', 'gen[2]']]);
    expect(estimate.upTo).toBeUndefined();
    expect(estimate.calls).toBe(3);
  });

  it('found in the cache while planning: planned again with it, exactly', async () => {
    const { plan, planned } = plannerOf(table, { writer: { items: ['a', 'b', 'c'] } });
    const estimate = await planExpandedRun(briefToImages(), options(), plan);
    expect(planned.map((one) => one.ids)).toEqual([
      ['brief', 'writer'],
      ['brief', 'writer', 'gen[1]', 'gen[2]', 'gen[3]'],
    ]);
    expect(estimate.upTo).toBeUndefined();
    expect(estimate.perNode.gen).toStrictEqual({ action: 'call', calls: 3, usd: 1.5 });
  });
});

describe('planExpandedRun: a bypassed mapped node', () => {
  it('is bypassed in total when every element is (planned by the real planner)', async () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['cat', 'dog'] }), node('gen', 'generate', { model }, { bypass: true })],
      [edge('l', 'items', 'gen', 'prompt')],
    );
    const estimate = await planRun(workflow, validateWorkflow(workflow, registry), options());
    expect(estimate.perNode['gen[2]']).toStrictEqual({ action: 'bypassed', calls: 0, usd: 0 });
    expect(estimate.perNode.gen).toStrictEqual({ action: 'bypassed', calls: 0, usd: 0 });
    expect(estimate.calls).toBe(0);
  });

  it('is computed when only some elements are bypassed and none calls', async () => {
    const bypassed: NodePlan = { action: 'bypassed', calls: 0, usd: 0 };
    expect(await genTotal(bypassed, free, bypassed)).toStrictEqual({ action: 'compute', calls: 0, usd: 0 });
  });
});
