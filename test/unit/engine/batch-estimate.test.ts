import { describe, expect, it } from 'vitest';
import { BatchEstimateSum, batchEstimate, rowDependentNodes } from '../../../src/engine/batch-estimate';
import type { NodePlan, RunEstimate } from '../../../src/engine/events';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

/** A row's plan from its nodes' plans (the totals are the sum's business, not the plan's). */
const planOf = (perNode: Record<string, NodePlan>): RunEstimate => ({
  calls: 0,
  cachedNodes: 0,
  usd: 0,
  perNode,
});
const call = (calls: number, usd: number | null): NodePlan => ({ action: 'call', calls, usd });
const cached: NodePlan = { action: 'cached', calls: 0, usd: 0 };

describe('rowDependentNodes', () => {
  it('follows only the columns given, not every exposed input', () => {
    const workflow = workflowOf(
      [
        node('p1', 'prompt', { text: 'a' }, { exposeAs: 'subject' }),
        node('p2', 'prompt', { text: 'b' }, { exposeAs: 'style' }),
        node('g1', 'generate', { model: MODEL }),
        node('g2', 'generate', { model: MODEL }),
      ],
      [edge('p1', 'text', 'g1', 'prompt'), edge('p2', 'text', 'g2', 'prompt')],
    );
    expect([...rowDependentNodes(workflow, ['subject'])].sort()).toEqual(['g1', 'p1']);
    expect([...rowDependentNodes(workflow, ['style', 'subject'])].sort()).toEqual(['g1', 'g2', 'p1', 'p2']);
    expect(rowDependentNodes(workflow, []).size).toBe(0);
  });

  it("names a component input's value node `instance/@input`, as the flat graph does", () => {
    const workflow = withComponents(
      workflowOf(
        [node('k', 'component', { component: 'sceneMaker' }, { exposeAs: 'scene' }), node('x', 'export', {})],
        [edge('k', 'image', 'x', 'images')],
      ),
      [sceneMaker()],
    );
    expect([...rowDependentNodes(workflow, ['scene-subject'])].sort()).toEqual(['k/@subject', 'k/gen', 'x']);
  });
});

describe('batchEstimate', () => {
  it('counts every node of the first row and only row-dependent nodes of the later rows', () => {
    const row = () => planOf({ shared: call(2, 0.5), own: call(1, 0.25), kept: cached });
    const dependent = new Set(['own']);
    expect(batchEstimate([row()], dependent)).toEqual({ calls: 3, cachedNodes: 1, usd: 0.75 });
    expect(batchEstimate([row(), row(), row()], dependent)).toEqual({ calls: 5, cachedNodes: 1, usd: 1.25 });
  });

  it('counts a dependent cached node once per row', () => {
    const row = () => planOf({ kept: cached, own: call(1, 0.1) });
    expect(batchEstimate([row(), row()], new Set(['kept', 'own']))).toEqual({
      calls: 2,
      cachedNodes: 2,
      usd: 0.2,
    });
  });

  it('is zero for no rows', () => {
    expect(batchEstimate([], new Set())).toEqual({ calls: 0, cachedNodes: 0, usd: 0 });
  });

  it('has no price once any counted node has none, whichever row it is in', () => {
    const priced = () => planOf({ own: call(1, 0.1) });
    const unpriced = () => planOf({ own: call(1, null) });
    const dependent = new Set(['own']);
    expect(batchEstimate([unpriced(), priced()], dependent)).toEqual({ calls: 2, cachedNodes: 0, usd: null });
    expect(batchEstimate([priced(), unpriced()], dependent)).toEqual({ calls: 2, cachedNodes: 0, usd: null });
    // A row-independent unpriced node after the first row is not counted, so the price stands.
    const later = planOf({ own: call(1, 0.1), shared: call(1, null) });
    expect(batchEstimate([priced(), later], dependent)).toEqual({ calls: 2, cachedNodes: 0, usd: 0.2 });
  });

  it('rounds the sum to a millionth of a dollar', () => {
    const row = () => planOf({ own: call(1, 0.1) });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point.
    const sum = batchEstimate([row(), planOf({ own: call(1, 0.2) })], new Set(['own']));
    expect(sum.usd).toBe(0.3);
    expect(batchEstimate([planOf({ own: call(1, 0.0000014) })], new Set()).usd).toBe(0.000001);
  });
});

describe('BatchEstimateSum', () => {
  it('gives the same totals one row at a time, readable between rows', () => {
    const sum = new BatchEstimateSum(new Set(['own']));
    sum.add(planOf({ shared: call(3, 1), own: call(1, 0.5) }));
    expect(sum.value()).toEqual({ calls: 4, cachedNodes: 0, usd: 1.5 });
    sum.add(planOf({ shared: call(3, 1), own: call(1, 0.5) }));
    sum.add(planOf({ shared: call(3, 1), own: call(1, 0.5) }));
    expect(sum.value()).toEqual({ calls: 6, cachedNodes: 0, usd: 2.5 });
  });
});
