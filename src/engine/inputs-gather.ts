import type { WorkflowGraph } from './graph';
import type { AnyNodeDefinition } from './node-definition';
import type { ImageValue, NodeOutputs, PortValue } from './values';

/** The node an arriving value came from: its id and, when it has one, its label. */
export interface InputSource {
  nodeId: string;
  label?: string;
}

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
): {
  inputs: Record<string, PortValue | undefined>;
  complete: boolean;
  /** For list inputs, the node each element came from (same order as the list). */
  sources: Record<string, string[]>;
} {
  const inputs: Record<string, PortValue | undefined> = {};
  const sources: Record<string, string[]> = {};
  let complete = true;
  const incoming = graph.incoming.get(nodeId);
  for (const [portName, spec] of Object.entries(definition.inputs)) {
    const edges = incoming?.get(portName) ?? [];
    if (edges.length === 0) continue;
    if (spec.type === 'image[]') {
      const list: ImageValue[] = [];
      const from: string[] = [];
      for (const edge of edges) {
        const value = outputsOf(edge.source)?.[edge.sourcePort];
        if (value === undefined) complete = false;
        else if (Array.isArray(value)) {
          list.push(...value);
          for (let i = 0; i < value.length; i++) from.push(edge.source);
        } else if (typeof value !== 'string') {
          list.push(value);
          from.push(edge.source);
        }
      }
      inputs[portName] = list;
      sources[portName] = from;
    } else {
      const edge = edges[0];
      const value = edge ? outputsOf(edge.source)?.[edge.sourcePort] : undefined;
      if (value === undefined) complete = false;
      inputs[portName] = value;
    }
  }
  return { inputs, complete, sources };
}
