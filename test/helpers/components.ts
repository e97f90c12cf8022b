import type { ComponentDefinition } from '../../src/engine/components/types';
import type { Workflow } from '../../src/engine/workflow';
import { edge, node } from './workflows';

export const MODEL = 'gemini-3.1-flash-image';

/** A component: its `subject` text input (default given) feeds one Generate; `image` is the output. */
export function sceneMaker(defaultSubject: string | null = 'a red sneaker'): ComponentDefinition {
  return {
    id: 'sceneMaker',
    name: 'Scene maker',
    inputs: [
      { name: 'subject', type: 'text', ...(defaultSubject === null ? {} : { default: defaultSubject }) },
    ],
    outputs: [{ name: 'image', type: 'image', from: { node: 'gen', port: 'image' } }],
    nodes: [node('gen', 'generate', { model: MODEL })],
    edges: [edge('$in', 'subject', 'gen', 'prompt')],
  };
}

export function withComponents(workflow: Workflow, components: ComponentDefinition[]): Workflow {
  return { ...workflow, version: 2, components };
}
