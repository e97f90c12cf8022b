import { COMPONENT_INPUT_SOURCE, componentIdOf, isComponentNode } from '../../engine/components/types';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../engine/workflow';
import { applyWorkflowTransform } from '../store/document-store';
import { view } from '../store/view-store';

const PORT_NAME = /^[A-Za-z0-9 _-]{1,64}$/;

/** Instances of the component and the edges at the renamed port, in one graph (workflow or a component). */
function renameInGraph(
  nodes: WorkflowNode[],
  edges: WorkflowEdge[],
  componentId: string,
  side: 'input' | 'output',
  from: string,
  to: string,
): { nodes: WorkflowNode[]; edges: WorkflowEdge[] } {
  const instances = new Set(
    nodes
      .filter((node) => isComponentNode(node) && componentIdOf(node) === componentId)
      .map((node) => node.id),
  );
  if (instances.size === 0) return { nodes, edges };
  const nextEdges = edges.map((edge) => {
    if (side === 'input' && instances.has(edge.target) && edge.targetPort === from)
      return { ...edge, targetPort: to };
    if (side === 'output' && instances.has(edge.source) && edge.sourcePort === from)
      return { ...edge, sourcePort: to };
    return edge;
  });
  const nextNodes =
    side === 'input'
      ? nodes.map((node) => {
          const values = node.params.inputs as Record<string, unknown> | undefined;
          if (!instances.has(node.id) || !values || typeof values !== 'object' || !(from in values))
            return node;
          const { [from]: value, ...rest } = values;
          return { ...node, params: { ...node.params, inputs: { ...rest, [to]: value } } };
        })
      : nodes;
  return { nodes: nextNodes, edges: nextEdges };
}

/**
 * Renames a component's input or output: the definition, the inner edges reading the input, and
 * every instance's edges and typed values, in one undo step. False (with a message) when refused.
 */
export function renamePort(componentId: string, side: 'input' | 'output', from: string, to: string): boolean {
  if (!PORT_NAME.test(to)) {
    view.toast('A port name is 1–64 letters, digits, spaces, _ or -');
    return false;
  }
  return applyWorkflowTransform(`Rename ${side}`, (doc): Workflow | undefined => {
    const component = doc.components?.find((candidate) => candidate.id === componentId);
    if (!component) return undefined;
    const ports = side === 'input' ? component.inputs : component.outputs;
    if (!ports.some((port) => port.name === from)) return undefined;
    if (ports.some((port) => port.name === to)) {
      view.toast(`This component already has an ${side} named "${to}"`);
      return undefined;
    }
    const components = (doc.components ?? []).map((candidate) => {
      let next = candidate;
      if (candidate.id === componentId) {
        next =
          side === 'input'
            ? {
                ...candidate,
                inputs: candidate.inputs.map((port) => (port.name === from ? { ...port, name: to } : port)),
                edges: candidate.edges.map((edge) =>
                  edge.source === COMPONENT_INPUT_SOURCE && edge.sourcePort === from
                    ? { ...edge, sourcePort: to }
                    : edge,
                ),
              }
            : {
                ...candidate,
                outputs: candidate.outputs.map((port) => (port.name === from ? { ...port, name: to } : port)),
              };
      }
      const inner = renameInGraph(next.nodes, next.edges, componentId, side, from, to);
      return { ...next, nodes: inner.nodes, edges: inner.edges };
    });
    const outer = renameInGraph(doc.nodes, doc.edges, componentId, side, from, to);
    return { ...doc, nodes: outer.nodes, edges: outer.edges, components };
  });
}
