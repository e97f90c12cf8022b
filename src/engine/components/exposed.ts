import type { ExposedInput, InputValue } from '../inputs';
import type { Workflow, WorkflowNode } from '../workflow';
import { componentById } from './ports';
import { componentIdOf, instanceInputValues } from './types';

/**
 * A component node with `exposeAs: "scene"` exposes each of its unconnected inputs as
 * `scene-<input>` (the run form, `--input` and batch columns), setting `params.inputs`.
 */
export function componentExposedInputs(workflow: Workflow, node: WorkflowNode): ExposedInput[] {
  const def = componentById(workflow.components, componentIdOf(node));
  if (!def || !node.exposeAs) return [];
  const connected = new Set(
    workflow.edges.filter((edge) => edge.target === node.id).map((edge) => edge.targetPort),
  );
  return def.inputs
    .filter((input) => !connected.has(input.name))
    .map((input) => ({
      name: `${node.exposeAs}-${input.name}`,
      nodeId: node.id,
      nodeType: node.type,
      kind: input.type === 'text' ? ('text' as const) : ('images' as const),
      componentInput: input.name,
      ...(input.type === 'image' ? { single: true } : {}),
    }));
}

/** The node with the values given for its exposed component inputs written into `params.inputs`. */
export function withComponentInputValue(
  node: WorkflowNode,
  exposed: readonly ExposedInput[],
  values: Record<string, InputValue>,
): WorkflowNode {
  const inputs: Record<string, unknown> = { ...instanceInputValues(node) };
  let changed = false;
  for (const input of exposed) {
    if (input.nodeId !== node.id || !input.componentInput || !Object.hasOwn(values, input.name)) continue;
    const value = values[input.name] as InputValue;
    // Model settings and a Pick's index are a node's own, never a component input.
    if (value.kind === 'settings' || value.kind === 'index') continue;
    inputs[input.componentInput] =
      value.kind === 'text' ? value.text : input.single ? value.images[0] : value.images;
    changed = true;
  }
  return changed ? { ...node, params: { ...node.params, inputs } } : node;
}

/** "sceneMaker › gen" for the flat id `sceneMaker/gen`, from the expansion's origins. */
export function displayNodeId(
  flatId: string,
  origins: ReadonlyMap<string, { display: string }> | undefined,
): string {
  return origins?.get(flatId)?.display ?? flatId;
}
