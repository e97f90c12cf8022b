/**
 * Graph walks at the node limit: a cycle through every node and a chain as long as a file may be.
 * A recursive walk overflows the call stack long before 5,000 nodes; every walk must be iterative.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { rowDependentNodes } from '../../../src/engine/batch-estimate';
import { MemoryCache } from '../../../src/engine/cache';
import { runWorkflow } from '../../../src/engine/executor';
import { ancestorsOf, buildGraph, descendantsOf, wouldCreateCycle } from '../../../src/engine/graph';
import { planRun } from '../../../src/engine/plan';
import { FILE_LIMITS } from '../../../src/engine/schema';
import { allValidationErrors, validateWorkflow } from '../../../src/engine/validate';
import type { Workflow } from '../../../src/engine/workflow';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';

const LIMIT = FILE_LIMITS.maxNodes;

/** prompt -> generate -> edit -> edit -> ... : exactly `LIMIT` nodes in one line. */
function longChain(): Workflow {
  const nodes = [node('p', 'prompt', { text: 'x' }, { exposeAs: 'subject' }), node('g', 'generate', {})];
  const edges = [edge('p', 'text', 'g', 'prompt')];
  let previous = 'g';
  for (let i = 0; i < LIMIT - 2; i++) {
    nodes.push(node(`e${i}`, 'edit', { instruction: 'x' }));
    edges.push(edge(previous, 'image', `e${i}`, 'image'));
    previous = `e${i}`;
  }
  return workflowOf(nodes, edges);
}

/** edit e0 -> e1 -> ... -> e(LIMIT-1) -> e0: one cycle through every node of the file. */
function bigCycle(): Workflow {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < LIMIT; i++) {
    nodes.push(node(`e${i}`, 'edit', { instruction: 'x' }));
    edges.push(edge(`e${i}`, 'image', `e${(i + 1) % LIMIT}`, 'image'));
  }
  return workflowOf(nodes, edges);
}

describe('graph walks at the node limit', () => {
  it(`finds a cycle through all ${LIMIT.toLocaleString('en')} nodes, names it briefly, and runs nothing`, async () => {
    const workflow = bigCycle();
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.graph.cycles).toHaveLength(1);
    expect(report.graph.cycles[0]).toHaveLength(LIMIT);
    const errors = allValidationErrors(report);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/cycle through "e0" -> "e1" -> .* \(5,000 nodes\)/);
    // The message stays readable: it does not list 5,000 ids.
    expect(errors[0]?.message.length).toBeLessThan(400);
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider });
    expect(result.status).toBe('failed');
    expect(provider.requests).toHaveLength(0);
  });

  it('orders, plans and walks a chain as long as the node limit', async () => {
    const workflow = longChain();
    expect(workflow.nodes).toHaveLength(LIMIT);
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(allValidationErrors(report)).toEqual([]);
    expect(report.graph.order).toHaveLength(LIMIT);
    const last = `e${LIMIT - 3}`;
    expect(ancestorsOf([last], report.graph).size).toBe(LIMIT);
    expect(descendantsOf(['p'], report.graph).size).toBe(LIMIT);
    expect(rowDependentNodes(workflow, ['subject']).size).toBe(LIMIT);
    expect(wouldCreateCycle(workflow, last, 'g')).toBe(true);
    expect(wouldCreateCycle(workflow, 'g', last)).toBe(false);
    const plan = await planRun(workflow, report, {
      registry: nodeRegistry,
      providerId: 'scripted',
      cache: new MemoryCache(),
      assets: new MemoryAssetStore(),
    });
    expect(plan.calls).toBe(LIMIT - 1);
    expect(Object.keys(plan.perNode)).toHaveLength(LIMIT);
  });

  it('runs the scheduler over a chain at the limit (first model node fails, the rest are skipped)', async () => {
    const workflow = longChain();
    const provider = scriptedProvider({
      failWhenPromptIncludes: { x: { code: 'safety_blocked', message: 'refused', retryable: false } },
    });
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider });
    expect(result.status).toBe('failed');
    expect(result.nodes.size).toBe(LIMIT);
    expect(result.nodes.get(`e${LIMIT - 3}`)?.status).toBe('skipped');
    expect(provider.requests).toHaveLength(1);
  });

  it('buildGraph of a cycle plus a tail keeps the tail out of the cycle', () => {
    const workflow = bigCycle();
    workflow.nodes.push(node('tail', 'edit', { instruction: 'x' }));
    workflow.edges.push(edge('e0', 'image', 'tail', 'image'));
    const graph = buildGraph(workflow);
    expect(graph.cycles[0]).not.toContain('tail');
    expect(graph.order).toEqual([]);
  });
});
