import type { AnyNodeDefinition } from './node-definition';
import type { PortType } from './ports';
import type { ImageValue, NodeOutputs, PortValue } from './values';

/**
 * A bypassed node (`bypass: true` in the file) makes no call and computes nothing: each output
 * passes through the value of the node's first input of the same type, in the order the
 * definition lists its inputs. Where no input has the same type:
 * - an `image` output takes the first image of the first `image[]` input;
 * - an `image[]` output takes the first `image` input as a one-image list.
 * An output with no such input stays empty (a node reading it is skipped like any missing input).
 */
export function bypassOutputs(
  definition: Pick<AnyNodeDefinition, 'inputs' | 'outputs'>,
  inputs: Record<string, PortValue | undefined>,
): NodeOutputs {
  const ofType = (type: PortType): PortValue | undefined => {
    for (const [name, spec] of Object.entries(definition.inputs)) {
      const value = inputs[name];
      if (spec.type === type && value !== undefined) return value;
    }
    return undefined;
  };
  const outputs: NodeOutputs = {};
  for (const [name, spec] of Object.entries(definition.outputs)) {
    let value = ofType(spec.type);
    if (value === undefined && spec.type === 'image') {
      const list = ofType('image[]');
      value = Array.isArray(list) ? list[0] : undefined;
    }
    if (value === undefined && spec.type === 'image[]') {
      const single = ofType('image');
      value = single !== undefined && typeof single !== 'string' ? [single as ImageValue] : undefined;
    }
    if (value !== undefined) outputs[name] = value;
  }
  return outputs;
}

/** Whether a node is bypassed: only `true` counts. */
export const isBypassed = (node: { bypass?: boolean }): boolean => node.bypass === true;
