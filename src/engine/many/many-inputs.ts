/**
 * Which inputs of each node receive a *many* value, from the file alone (no expansion, no answer):
 * a many output, or any output of a node that itself maps. Where two or more of a node's inputs
 * do, its `combine` param decides how they pair (cross or zip), so the editor offers the choice.
 */
import { buildGraph } from '../graph';
import { type AnyNodeDefinition, inputSpecsOf, type NodeRegistry } from '../node-definition';
import { parseDefined } from '../parse-params';
import type { Workflow, WorkflowNode } from '../workflow';

export function manyInputPorts(workflow: Workflow, registry: NodeRegistry): Map<string, string[]> {
  const graph = buildGraph(workflow);
  const nodesById = new Map(workflow.nodes.map((node) => [node.id, node]));
  const definitionOf = (node: WorkflowNode | undefined): AnyNodeDefinition | undefined =>
    node && Object.hasOwn(registry, node.type) ? registry[node.type] : undefined;
  const paramsOf = (node: WorkflowNode | undefined): unknown => {
    const parsed = parseDefined(definitionOf(node), node?.params);
    return parsed?.success ? parsed.data : undefined;
  };
  /** Nodes that run once per element. */
  const mapped = new Set<string>();
  const result = new Map<string, string[]>();
  for (const id of graph.order) {
    const node = nodesById.get(id);
    const definition = definitionOf(node);
    const params = paramsOf(node);
    const specs = definition ? inputSpecsOf(definition, params) : {};
    const ports: string[] = [];
    // Stryker disable next-line ArrayDeclaration: every node id of the order has an incoming entry (buildGraph), so the fallback is never read
    for (const [port, edges] of graph.incoming.get(id) ?? []) {
      // A whole input (Pick, Collect, Export) takes the sequence at once: nothing to pair.
      if (specs[port]?.whole) continue;
      const many = edges.some((edge) => {
        if (mapped.has(edge.source)) return true;
        const source = nodesById.get(edge.source);
        const sourceParams = paramsOf(source);
        if (sourceParams === undefined) return false;
        return definitionOf(source)?.manyOutputs?.(sourceParams)[edge.sourcePort] !== undefined;
      });
      if (many) ports.push(port);
    }
    if (ports.length > 0) {
      mapped.add(id);
      result.set(id, ports);
    }
  }
  return result;
}
