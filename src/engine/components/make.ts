import type { NodeRegistry } from '../node-definition';
import type { PortType } from '../ports';
import { err, ok, type PeelError, peelError, type Result } from '../result';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../workflow';
import { freeId, freePortName, idFromName } from './ids';
import { portsOf } from './ports';
import {
  COMPONENT_INPUT_SOURCE,
  COMPONENT_NODE_TYPE,
  type ComponentDefinition,
  type ComponentInput,
  type ComponentOutput,
} from './types';

export interface MakeComponentOptions {
  name: string;
  registry: NodeRegistry;
  description?: string;
  /** New names for inputs and outputs, by the name they would get (after the ports). */
  rename?: { inputs?: Record<string, string>; outputs?: Record<string, string> };
}

export interface MadeComponent {
  workflow: Workflow;
  component: ComponentDefinition;
  instanceId: string;
}

/**
 * Makes a component of the selected nodes (pure). Edges crossing the selection become the
 * component's typed inputs (one per outside source) and outputs (one per inside source), named
 * after the ports; the selection is replaced by one instance wired the same way. Edge order is
 * kept, so list inputs receive their images in the same order and cache keys do not change.
 */
export function makeComponent(
  workflow: Workflow,
  selectedIds: readonly string[],
  options: MakeComponentOptions,
): Result<MadeComponent, PeelError> {
  const selected = new Set(selectedIds);
  const byId = new Map(workflow.nodes.map((node) => [node.id, node]));
  const missing = selectedIds.filter((id) => !byId.has(id));
  if (missing.length > 0)
    return err(
      peelError('unknown_node', `no node ${missing.map((id) => `"${id}"`).join(', ')} in this workflow`),
    );
  if (selected.size === 0)
    return err(peelError('invalid_params', 'select at least one node to make a component'));
  const name = options.name.trim();
  if (name === '') return err(peelError('invalid_params', 'a component needs a name'));

  const components = workflow.components ?? [];
  const componentId = freeId(idFromName(name), new Set(components.map((component) => component.id)));
  const instanceId = freeId(
    componentId,
    new Set(workflow.nodes.filter((node) => !selected.has(node.id)).map((node) => node.id)),
  );
  const innerNodes = workflow.nodes.filter((node) => selected.has(node.id));
  const portType = (
    node: WorkflowNode | undefined,
    port: string,
    side: 'inputs' | 'outputs',
  ): { type: PortType; optional?: boolean } | undefined =>
    node ? portsOf(node, workflow, options.registry)?.[side][port] : undefined;

  const inputs: ComponentInput[] = [];
  const outputs: ComponentOutput[] = [];
  const inputBySource = new Map<string, ComponentInput>();
  const outputBySource = new Map<string, ComponentOutput>();
  const innerEdges: WorkflowEdge[] = [];
  const outerEdges: WorkflowEdge[] = [];
  const renameIn = options.rename?.inputs ?? {};
  const renameOut = options.rename?.outputs ?? {};
  const takenIn = new Set<string>();
  const takenOut = new Set<string>();

  for (const edge of workflow.edges) {
    const sourceInside = selected.has(edge.source);
    const targetInside = selected.has(edge.target);
    if (sourceInside && targetInside) innerEdges.push(edge);
    else if (!sourceInside && targetInside) {
      const key = `${edge.source}\u0000${edge.sourcePort}`;
      let input = inputBySource.get(key);
      if (!input) {
        const base = edge.targetPort;
        const wanted = Object.hasOwn(renameIn, base) ? (renameIn[base] as string) : base;
        const inputName = freePortName(wanted, takenIn);
        takenIn.add(inputName);
        const fromType = portType(byId.get(edge.source), edge.sourcePort, 'outputs')?.type;
        const toType = portType(byId.get(edge.target), edge.targetPort, 'inputs')?.type;
        input = { name: inputName, type: fromType ?? toType ?? ('image' as PortType) };
        inputBySource.set(key, input);
        inputs.push(input);
        outerEdges.push({
          source: edge.source,
          sourcePort: edge.sourcePort,
          target: instanceId,
          targetPort: inputName,
        });
      }
      innerEdges.push({ ...edge, source: COMPONENT_INPUT_SOURCE, sourcePort: input.name });
    } else if (sourceInside && !targetInside) {
      const key = `${edge.source}\u0000${edge.sourcePort}`;
      let output = outputBySource.get(key);
      if (!output) {
        const base = edge.sourcePort;
        const wanted = Object.hasOwn(renameOut, base) ? (renameOut[base] as string) : base;
        const outputName = freePortName(wanted, takenOut);
        takenOut.add(outputName);
        output = {
          name: outputName,
          type: portType(byId.get(edge.source), edge.sourcePort, 'outputs')?.type ?? 'image',
          from: { node: edge.source, port: edge.sourcePort },
        };
        outputBySource.set(key, output);
        outputs.push(output);
      }
      outerEdges.push({ ...edge, source: instanceId, sourcePort: output.name });
    } else outerEdges.push(edge);
  }
  // An input is optional when every port it feeds inside is.
  for (const input of inputs) {
    const fed = innerEdges.filter(
      (edge) => edge.source === COMPONENT_INPUT_SOURCE && edge.sourcePort === input.name,
    );
    if (fed.every((edge) => portType(byId.get(edge.target), edge.targetPort, 'inputs')?.optional === true))
      input.optional = true;
  }

  const component: ComponentDefinition = {
    id: componentId,
    name,
    ...(options.description ? { description: options.description } : {}),
    inputs,
    outputs,
    nodes: innerNodes.map((node) => structuredClone(node)),
    edges: innerEdges.map(({ id: _id, ...edge }) => edge),
  };
  const minX = Math.min(...innerNodes.map((node) => node.position.x));
  const minY = Math.min(...innerNodes.map((node) => node.position.y));
  const instance: WorkflowNode = {
    id: instanceId,
    type: COMPONENT_NODE_TYPE,
    position: { x: minX, y: minY },
    params: { component: componentId },
  };
  // The instance takes the place of the first selected node, so the file stays in reading order.
  // No node before the first selected one is selected, so its index is the same among those left.
  const firstIndex = workflow.nodes.findIndex((node) => selected.has(node.id));
  const nodes = workflow.nodes.filter((node) => !selected.has(node.id));
  nodes.splice(firstIndex, 0, instance);
  return ok({
    workflow: { ...workflow, components: [...components, component], nodes, edges: outerEdges },
    component,
    instanceId,
  });
}
