import { componentExposedInputs, withComponentInputValue } from './components/exposed';
import { err, ok, type PeelError, peelError, type Result } from './result';
import type { AssetRef, Workflow } from './workflow';

/** A value for an exposed input: text for a prompt, images for a reference set. */
export type InputValue = { kind: 'text'; text: string } | { kind: 'images'; images: AssetRef[] };

export interface ExposedInput {
  name: string;
  nodeId: string;
  nodeType: string;
  kind: 'text' | 'images';
  /** For a component node: the component input this name sets (`params.inputs[componentInput]`). */
  componentInput?: string;
  /** Takes exactly one image. */
  single?: boolean;
}

const INPUT_KIND_BY_TYPE: Record<string, 'text' | 'images'> = {
  prompt: 'text',
  referenceSet: 'images',
  imageInput: 'images',
};

/** Node types whose input is exactly one image (kept in `params.image`). */
const SINGLE_IMAGE_TYPES = new Set(['imageInput']);

export function exposedInputs(workflow: Workflow): ExposedInput[] {
  const inputs: ExposedInput[] = [];
  for (const node of workflow.nodes) {
    const kind = INPUT_KIND_BY_TYPE[node.type];
    if (node.exposeAs && kind)
      inputs.push({ name: node.exposeAs, nodeId: node.id, nodeType: node.type, kind });
    else if (node.exposeAs) inputs.push(...componentExposedInputs(workflow, node));
  }
  return inputs;
}

/** An input name the workflow does not expose, with the names it does. */
export function unknownInputError(name: string, available: readonly string[]): PeelError {
  const known =
    available.length > 0
      ? `this workflow exposes: ${available.join(', ')}`
      : 'this workflow exposes no inputs';
  return peelError('unknown_input', `no input named "${name}"; ${known}`);
}

/** A copy of the workflow with exposed inputs replaced; unknown names and wrong kinds are errors. */
export function applyInputs(
  workflow: Workflow,
  values: Record<string, InputValue>,
): Result<Workflow, PeelError[]> {
  const exposed = new Map(exposedInputs(workflow).map((input) => [input.name, input]));
  const errors: PeelError[] = [];
  for (const [name, value] of Object.entries(values)) {
    const input = exposed.get(name);
    if (!input) {
      errors.push(unknownInputError(name, [...exposed.keys()]));
    } else if (input.kind !== value.kind) {
      errors.push(
        peelError('invalid_input', `input "${name}" takes ${input.kind === 'text' ? 'text' : 'image files'}`),
      );
    } else if (
      value.kind === 'images' &&
      (SINGLE_IMAGE_TYPES.has(input.nodeType) || input.single === true) &&
      value.images.length !== 1
    ) {
      errors.push(peelError('invalid_input', `input "${name}" takes exactly one image`));
    }
  }
  if (errors.length > 0) return err(errors);
  const byNode = new Map(
    [...exposed.values()].filter((input) => !input.componentInput).map((input) => [input.nodeId, input.name]),
  );
  const componentInputs = [...exposed.values()].filter((input) => input.componentInput);
  return ok({
    ...workflow,
    nodes: workflow.nodes.map((node) => {
      if (componentInputs.some((input) => input.nodeId === node.id))
        return withComponentInputValue(node, componentInputs, values);
      const name = byNode.get(node.id);
      // Own properties only: a name like "toString" must never find Object.prototype's.
      const value = name !== undefined && Object.hasOwn(values, name) ? values[name] : undefined;
      if (!value) return node;
      const params =
        value.kind === 'text'
          ? { ...node.params, text: value.text }
          : SINGLE_IMAGE_TYPES.has(node.type)
            ? { ...node.params, image: value.images[0] }
            : { ...node.params, images: value.images };
      return { ...node, params };
    }),
  });
}
