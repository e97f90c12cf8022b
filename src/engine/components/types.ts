import type { PortType } from '../ports';
import type { WorkflowEdge, WorkflowNode } from '../workflow';

/** The node type of a component instance; its `params.component` names the component. */
export const COMPONENT_NODE_TYPE = 'component';

/** The source of an edge inside a component that reads one of the component's inputs. */
export const COMPONENT_INPUT_SOURCE = '$in';

/** Separator of namespaced ids: `instance/inner`, nested `a/b/inner`. */
export const PATH_SEPARATOR = '/';

export interface ComponentInput {
  name: string;
  type: PortType;
  /** Text for a text input; an image (or list of images) asset for image inputs. */
  default?: unknown;
  /** An unconnected optional input with no value simply feeds nothing. */
  optional?: boolean;
}

export interface ComponentOutput {
  name: string;
  type: PortType;
  from: { node: string; port: string };
}

/** A pipeline reused as one node (format version 2, `components[]`). */
export interface ComponentDefinition {
  id: string;
  name: string;
  description?: string;
  inputs: ComponentInput[];
  outputs: ComponentOutput[];
  nodes: WorkflowNode[];
  /** Edges between inner nodes; an edge from an input has `source: "$in"`, `sourcePort: <input name>`. */
  edges: WorkflowEdge[];
}

/** The params of a component instance node. */
export interface ComponentInstanceParams {
  component: string;
  /** Values for unconnected inputs (override the input's `default`). */
  inputs?: Record<string, unknown>;
}

export function isComponentNode(node: Pick<WorkflowNode, 'type'>): boolean {
  return node.type === COMPONENT_NODE_TYPE;
}

/** The component id an instance names, or undefined when its params do not name one. */
export function componentIdOf(node: WorkflowNode): string | undefined {
  const id = node.params.component;
  return typeof id === 'string' ? id : undefined;
}

/** Values given on the instance for its inputs (own properties only). */
export function instanceInputValues(node: WorkflowNode): Record<string, unknown> {
  const values = node.params.inputs;
  return values !== null && typeof values === 'object' && !Array.isArray(values)
    ? (values as Record<string, unknown>)
    : {};
}
