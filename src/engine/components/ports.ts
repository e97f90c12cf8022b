import type { NodeRegistry } from '../node-definition';
import type { PortType } from '../ports';
import type { Workflow, WorkflowNode } from '../workflow';
import { type ComponentDefinition, componentIdOf, isComponentNode } from './types';

export interface NodePorts {
  inputs: Record<string, { type: PortType; optional: boolean }>;
  outputs: Record<string, { type: PortType }>;
}

export function componentById(
  components: readonly ComponentDefinition[] | undefined,
  id: string | undefined,
): ComponentDefinition | undefined {
  // Stryker disable next-line ConditionalExpression: every component has an id, so none would match an undefined one
  if (id === undefined) return undefined;
  return components?.find((component) => component.id === id);
}

/** A node's ports: its definition's, or for a component instance its component's inputs and outputs. */
export function portsOf(
  node: WorkflowNode,
  workflow: Pick<Workflow, 'components'>,
  registry: NodeRegistry,
): NodePorts | undefined {
  if (isComponentNode(node)) {
    const def = componentById(workflow.components, componentIdOf(node));
    if (!def) return undefined;
    return {
      inputs: Object.fromEntries(
        def.inputs.map((input) => [input.name, { type: input.type, optional: input.optional === true }]),
      ),
      outputs: Object.fromEntries(def.outputs.map((output) => [output.name, { type: output.type }])),
    };
  }
  const definition = Object.hasOwn(registry, node.type) ? registry[node.type] : undefined;
  if (!definition) return undefined;
  return {
    inputs: Object.fromEntries(
      Object.entries(definition.inputs).map(([name, spec]) => [
        name,
        { type: spec.type, optional: spec.optional === true },
      ]),
    ),
    outputs: Object.fromEntries(
      Object.entries(definition.outputs).map(([name, spec]) => [name, { type: spec.type }]),
    ),
  };
}
