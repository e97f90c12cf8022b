import type { WorkflowGraph } from './graph';
import type { AnyNodeDefinition } from './node-definition';
import type { ImageValue, NodeOutputs, PortValue } from './values';

/**
 * The values arriving on a node's inputs. List inputs concatenate every edge in edge order
 * (an `image` adds one, an `image[]` adds all); single inputs take their one edge.
 * Returns undefined for a port whose upstream has no value yet.
 */
export function gatherInputs(
  nodeId: string,
  definition: AnyNodeDefinition,
  graph: WorkflowGraph,
  outputsOf: (nodeId: string) => NodeOutputs | undefined,
): { inputs: Record<string, PortValue | undefined>; complete: boolean } {
  const inputs: Record<string, PortValue | undefined> = {};
  let complete = true;
  const incoming = graph.incoming.get(nodeId);
  for (const [portName, spec] of Object.entries(definition.inputs)) {
    const edges = incoming?.get(portName) ?? [];
    if (edges.length === 0) continue;
    if (spec.type === 'image[]') {
      const list: ImageValue[] = [];
      for (const edge of edges) {
        const value = outputsOf(edge.source)?.[edge.sourcePort];
        if (value === undefined) complete = false;
        else if (Array.isArray(value)) list.push(...value);
        else if (typeof value !== 'string') list.push(value);
      }
      inputs[portName] = list;
    } else {
      const edge = edges[0];
      const value = edge ? outputsOf(edge.source)?.[edge.sourcePort] : undefined;
      if (value === undefined) complete = false;
      inputs[portName] = value;
    }
  }
  return { inputs, complete };
}
