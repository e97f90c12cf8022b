import { err, ok, type PeelError, peelError, type Result } from '../result';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../workflow';
import { freeId } from './ids';
import { componentById } from './ports';
import { COMPONENT_INPUT_SOURCE, componentIdOf, instanceInputValues, isComponentNode } from './types';

export interface Ungrouped {
  workflow: Workflow;
  /** Ids of the nodes that replaced the instance (inner nodes and value nodes of unconnected inputs). */
  nodeIds: string[];
}

/**
 * Puts a component instance's inner nodes back in its place (pure): inner ids are kept where
 * free, positions are placed around the instance, edges into inputs and out of outputs are wired
 * straight to the inner nodes. Unconnected inputs become a prompt (text) or reference set (images)
 * holding their value. Edge order is kept, so nothing already run runs again.
 */
export function ungroupComponent(workflow: Workflow, instanceId: string): Result<Ungrouped, PeelError> {
  const instance = workflow.nodes.find((node) => node.id === instanceId);
  if (!instance || !isComponentNode(instance))
    return err(peelError('unknown_node', `"${instanceId}" is not a component node`));
  const componentId = componentIdOf(instance);
  // The same words validation uses for such an instance (components/expand.ts).
  if (componentId === undefined)
    return err(peelError('invalid_params', 'a component node names its component (params.component)'));
  const def = componentById(workflow.components, componentId);
  if (!def) return err(peelError('invalid_params', `no component "${componentId}" in this workflow`));

  const taken = new Set(workflow.nodes.filter((node) => node.id !== instanceId).map((node) => node.id));
  const newId = new Map<string, string>();
  for (const inner of def.nodes) {
    const id = freeId(inner.id, taken);
    taken.add(id);
    newId.set(inner.id, id);
  }
  const minX = Math.min(...def.nodes.map((node) => node.position.x));
  const minY = Math.min(...def.nodes.map((node) => node.position.y));
  const placed: WorkflowNode[] = def.nodes.map((inner) => ({
    ...structuredClone(inner),
    id: newId.get(inner.id) as string,
    position: {
      x: instance.position.x + inner.position.x - (Number.isFinite(minX) ? minX : 0),
      y: instance.position.y + inner.position.y - (Number.isFinite(minY) ? minY : 0),
    },
  }));

  // What feeds each input: the outer edges into it, else a node holding its value.
  const feeds = new Map<string, { source: string; sourcePort: string }[]>();
  const valueNodes: WorkflowNode[] = [];
  const values = instanceInputValues(instance);
  def.inputs.forEach((input, index) => {
    const incoming = workflow.edges.filter(
      (edge) => edge.target === instanceId && edge.targetPort === input.name,
    );
    if (incoming.length > 0) {
      feeds.set(
        input.name,
        incoming.map((edge) => ({ source: edge.source, sourcePort: edge.sourcePort })),
      );
      return;
    }
    const value = Object.hasOwn(values, input.name) ? values[input.name] : input.default;
    if (value === undefined || value === null) return;
    const id = freeId(`${instanceId}-${input.name}`, taken);
    taken.add(id);
    const position = { x: instance.position.x - 320, y: instance.position.y + index * 160 };
    if (input.type === 'text') {
      valueNodes.push({ id, type: 'prompt', position, params: { text: value } });
      feeds.set(input.name, [{ source: id, sourcePort: 'text' }]);
    } else {
      valueNodes.push({
        id,
        type: 'referenceSet',
        position,
        params: { images: Array.isArray(value) ? value : [value] },
      });
      feeds.set(input.name, [{ source: id, sourcePort: input.type === 'image' ? 'image' : 'images' }]);
    }
  });

  const innerEdges: WorkflowEdge[] = def.edges.flatMap((edge) => {
    const target = newId.get(edge.target) as string;
    if (edge.source === COMPONENT_INPUT_SOURCE)
      return (feeds.get(edge.sourcePort) ?? []).map((feed) => ({
        ...feed,
        target,
        targetPort: edge.targetPort,
      }));
    return [{ ...edge, source: newId.get(edge.source) as string, target }];
  });
  const outerEdges: WorkflowEdge[] = workflow.edges.flatMap((edge) => {
    if (edge.target === instanceId) return [];
    if (edge.source !== instanceId) return [edge];
    const output = def.outputs.find((candidate) => candidate.name === edge.sourcePort);
    if (!output) return [];
    return [{ ...edge, source: newId.get(output.from.node) as string, sourcePort: output.from.port }];
  });
  const index = workflow.nodes.indexOf(instance);
  const nodes = [...workflow.nodes];
  nodes.splice(index, 1, ...valueNodes, ...placed);
  return ok({
    workflow: { ...workflow, nodes, edges: [...outerEdges, ...innerEdges] },
    nodeIds: [...valueNodes, ...placed].map((node) => node.id),
  });
}
