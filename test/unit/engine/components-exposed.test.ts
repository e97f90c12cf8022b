import { describe, expect, it } from 'vitest';
import {
  componentExposedInputs,
  displayNodeId,
  withComponentInputValue,
} from '../../../src/engine/components/exposed';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import type { ExposedInput, InputValue } from '../../../src/engine/inputs';
import type { Workflow, WorkflowNode } from '../../../src/engine/workflow';
import { MODEL, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const image = (name: string) => ({ name, mimeType: 'image/png' as const, hash: name.charAt(0).repeat(64) });

/** One input of each type, plus `style` (text), which the workflow below connects. */
function kit(): ComponentDefinition {
  return {
    id: 'kit',
    name: 'Kit',
    inputs: [
      { name: 'prompt', type: 'text' },
      { name: 'face', type: 'image' },
      { name: 'extras', type: 'image[]' },
      { name: 'style', type: 'text' },
    ],
    outputs: [{ name: 'image', type: 'image', from: { node: 'gen', port: 'image' } }],
    nodes: [node('gen', 'generate', { model: MODEL })],
    edges: [edge('$in', 'prompt', 'gen', 'prompt')],
  };
}

/** Instance `k` (exposed as "scene") with `style` connected; a Generate `gen` whose `prompt` is connected too. */
function kitWorkflow(params: Record<string, unknown> = {}): Workflow {
  return withComponents(
    workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('k', 'component', { component: 'kit', ...params }, { exposeAs: 'scene' }),
        node('gen', 'generate', { model: MODEL }),
      ],
      [edge('p', 'text', 'k', 'style'), edge('p', 'text', 'gen', 'prompt')],
    ),
    [kit()],
  );
}

const instanceOf = (workflow: Workflow): WorkflowNode => workflow.nodes[1] as WorkflowNode;

describe('componentExposedInputs', () => {
  it('exposes each input not connected to this instance, by kind, an image input as a single image', () => {
    const workflow = kitWorkflow();
    expect(componentExposedInputs(workflow, instanceOf(workflow))).toEqual([
      { name: 'scene-prompt', nodeId: 'k', nodeType: 'component', kind: 'text', componentInput: 'prompt' },
      {
        name: 'scene-face',
        nodeId: 'k',
        nodeType: 'component',
        kind: 'images',
        componentInput: 'face',
        single: true,
      },
      { name: 'scene-extras', nodeId: 'k', nodeType: 'component', kind: 'images', componentInput: 'extras' },
    ]);
  });

  it('exposes nothing without exposeAs or for an unknown component', () => {
    const workflow = kitWorkflow();
    const { exposeAs: _exposeAs, ...unexposed } = instanceOf(workflow);
    expect(componentExposedInputs(workflow, unexposed)).toEqual([]);
    const ghost = { ...instanceOf(workflow), params: { component: 'ghost' } };
    expect(componentExposedInputs(workflow, ghost)).toEqual([]);
  });
});

describe('withComponentInputValue', () => {
  /** The instance's exposed inputs, another instance's input and a plain prompt's. */
  function exposedOf(workflow: Workflow): ExposedInput[] {
    const [prompt, ...rest] = componentExposedInputs(workflow, instanceOf(workflow));
    return [
      prompt as ExposedInput,
      {
        name: 'other-prompt',
        nodeId: 'other',
        nodeType: 'component',
        kind: 'text',
        componentInput: 'prompt',
      },
      { name: 'topic', nodeId: 'p', nodeType: 'prompt', kind: 'text' },
      ...rest,
    ];
  }

  it('writes the values given for its inputs into params.inputs, keeping other entries', () => {
    const workflow = kitWorkflow({ inputs: { keep: 'kept', prompt: 'old' } });
    const instance = instanceOf(workflow);
    const values: Record<string, InputValue> = {
      'scene-prompt': { kind: 'text', text: 'a fox' },
      'other-prompt': { kind: 'text', text: 'not mine' },
      topic: { kind: 'text', text: 'not mine either' },
      'scene-face': { kind: 'images', images: [image('face.png'), image('ignored.png')] },
      'scene-extras': { kind: 'images', images: [image('x.png')] },
    };
    const next = withComponentInputValue(instance, exposedOf(workflow), values);
    expect(next.params).toEqual({
      component: 'kit',
      inputs: { keep: 'kept', prompt: 'a fox', face: image('face.png'), extras: [image('x.png')] },
    });
    expect(instance.params.inputs).toEqual({ keep: 'kept', prompt: 'old' });
  });

  it('starts from no values when params.inputs is not a plain object', () => {
    const values: Record<string, InputValue> = { 'scene-prompt': { kind: 'text', text: 'a fox' } };
    for (const inputs of [['stray'], 'stray', null, undefined]) {
      const workflow = kitWorkflow({ inputs });
      const next = withComponentInputValue(instanceOf(workflow), exposedOf(workflow), values);
      expect(next.params.inputs).toEqual({ prompt: 'a fox' });
    }
  });

  it('returns the node itself when no value is given for its inputs', () => {
    const workflow = kitWorkflow();
    const instance = instanceOf(workflow);
    const othersOnly: Record<string, InputValue> = { 'other-prompt': { kind: 'text', text: 'x' } };
    expect(withComponentInputValue(instance, exposedOf(workflow), othersOnly)).toBe(instance);
    expect(withComponentInputValue(instance, exposedOf(workflow), {})).toBe(instance);
  });

  it('ignores model settings and element indexes given under an input name', () => {
    const workflow = kitWorkflow();
    const instance = instanceOf(workflow);
    const values: Record<string, InputValue> = {
      'scene-prompt': { kind: 'settings', settings: { temperature: 1 } },
      'scene-face': { kind: 'index', index: 2 },
    };
    expect(withComponentInputValue(instance, exposedOf(workflow), values)).toBe(instance);
  });
});

describe('displayNodeId', () => {
  it("is the origin's display name, else the flat id", () => {
    const origins = new Map([['a/gen', { display: 'Scenes › gen' }]]);
    expect(displayNodeId('a/gen', origins)).toBe('Scenes › gen');
    expect(displayNodeId('b/gen', origins)).toBe('b/gen');
    expect(displayNodeId('b/gen', undefined)).toBe('b/gen');
  });
});
