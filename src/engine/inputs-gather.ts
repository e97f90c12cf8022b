import type { WorkflowGraph } from './graph';
import { elementOf } from './many/element-edge';
import { type AnyNodeDefinition, inputSpecsOf } from './node-definition';
import type { ImageValue, NodeOutputs, PortValue } from './values';

/** The node an arriving value came from: its id and, when it has one, its label. */
export interface InputSource {
  nodeId: string;
  label?: string;
  /** When the node is one element of a mapped node: its index from 1 (export's `{i}`). */
  element?: number;
  /** The text of the element's items (export's `{item}`). */
  item?: string;
}

/** One element of a many value when the edge names one; the whole value otherwise. */
function arriving(value: PortValue | undefined, element: number | undefined): PortValue | undefined {
  if (value === undefined || element === undefined || !Array.isArray(value)) return value;
  return value[element];
}

/**
 * The values arriving on a node's inputs. List inputs concatenate every edge in edge order
 * (an `image` adds one, an `image[]` adds all); whole-sequence inputs (`whole`) concatenate every
 * element of every edge; single inputs take their one edge (one element of a many value when the
 * expanded edge names it). Returns undefined for a port whose upstream has no value yet.
 */
export function gatherInputs(
  nodeId: string,
  definition: AnyNodeDefinition,
  graph: WorkflowGraph,
  outputsOf: (nodeId: string) => NodeOutputs | undefined,
  params?: unknown,
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
  for (const [portName, spec] of Object.entries(inputSpecsOf(definition, params))) {
    const edges = incoming?.get(portName) ?? [];
    if (edges.length === 0) continue;
    if (spec.type === 'image[]' || spec.whole) {
      const list: Array<ImageValue | string> = [];
      const from: string[] = [];
      for (const edge of edges) {
        const value = arriving(outputsOf(edge.source)?.[edge.sourcePort], elementOf(edge));
        if (value === undefined) complete = false;
        else if (Array.isArray(value)) {
          list.push(...value);
          for (let i = 0; i < value.length; i++) from.push(edge.source);
        } else if (typeof value !== 'string' || spec.type !== 'image[]') {
          list.push(value);
          from.push(edge.source);
        }
      }
      inputs[portName] = list as PortValue;
      sources[portName] = from;
    } else {
      const edge = edges[0];
      const value = edge ? arriving(outputsOf(edge.source)?.[edge.sourcePort], elementOf(edge)) : undefined;
      if (value === undefined) complete = false;
      inputs[portName] = value;
    }
  }
  return { inputs, complete, sources };
}
