/**
 * How the validator names a cycle (issue #19, mutation testing): for the graph and for each member,
 * cut after twelve nodes, and a node wired to itself named by the ports of that connection.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { validateWorkflow } from '../../../src/engine/validate';
import { edge, node, workflowOf } from '../../helpers/workflows';

describe('validateWorkflow: cycles, word for word', () => {
  const edits = (count: number, loops: Array<[string, string]>) =>
    workflowOf(
      Array.from({ length: count }, (_, i) => node(`e${i + 1}`, 'edit', { instruction: 'x' })),
      loops.map(([from, to]) => edge(from, 'image', to, 'image')),
    );
  const ring = (count: number) =>
    edits(
      count,
      Array.from({ length: count }, (_, i) => [`e${i + 1}`, `e${((i + 1) % count) + 1}`]),
    );

  it('names the cycle for the graph and for each of its nodes', () => {
    const report = validateWorkflow(ring(2), nodeRegistry);
    expect(report.graphErrors).toEqual([
      { code: 'cycle', message: 'the graph has a cycle through "e1" -> "e2"; remove one of its connections' },
    ]);
    expect(report.nodeErrors.get('e1')).toEqual([
      { code: 'cycle', message: 'part of a cycle: "e1" -> "e2"', nodeId: 'e1' },
    ]);
    expect(report.nodeErrors.get('e2')).toEqual([
      { code: 'cycle', message: 'part of a cycle: "e1" -> "e2"', nodeId: 'e2' },
    ]);
  });

  it('lists up to twelve nodes of a cycle; a longer one is cut, with its length', () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `"e${i + 1}"`).join(' -> ');
    expect(validateWorkflow(ring(12), nodeRegistry).graphErrors.map((e) => e.message)).toEqual([
      `the graph has a cycle through ${names(12)}; remove one of its connections`,
    ]);
    expect(validateWorkflow(ring(13), nodeRegistry).graphErrors.map((e) => e.message)).toEqual([
      `the graph has a cycle through ${names(12)} -> ... (13 nodes); remove one of its connections`,
    ]);
  });

  it('a node wired to itself is named with the ports of that very connection', () => {
    const workflow = workflowOf(
      [node('e', 'edit', { instruction: 'x' }), node('x', 'export', { filename: 'a-{n}' })],
      [edge('e', 'image', 'x', 'images'), edge('e', 'image', 'e', 'references')],
    );
    expect(validateWorkflow(workflow, nodeRegistry).graphErrors.map((e) => e.message)).toEqual([
      '"e" is connected to itself (image -> references); remove that connection',
    ]);
  });

  it('a cycle through two nodes is named as such even when one of them is also wired to itself', () => {
    const workflow = edits(2, [
      ['e1', 'e2'],
      ['e2', 'e1'],
    ]);
    workflow.edges.push(edge('e1', 'image', 'e1', 'references'), edge('e2', 'image', 'e2', 'references'));
    expect(validateWorkflow(workflow, nodeRegistry).graphErrors.map((e) => e.message)).toEqual([
      'the graph has a cycle through "e1" -> "e2"; remove one of its connections',
    ]);
  });
});
