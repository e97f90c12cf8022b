import { describe, expect, it } from 'vitest';
import { describeComponentDiff, diffComponent } from '../../../src/engine/components/library';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { MODEL, sceneMaker } from '../../helpers/components';
import { edge, node } from '../../helpers/workflows';

const OTHER_MODEL = 'gemini-2.5-flash-image';

describe('diffComponent and its words', () => {
  it('names every kind of change, params sorted, a type change as "type"', () => {
    const current: ComponentDefinition = {
      ...sceneMaker(),
      nodes: [
        node('a', 'generate', { model: MODEL, aspectRatio: '1:1' }),
        node('b', 'generate', { model: MODEL }),
        node('c', 'crop', { x: 0, y: 0, width: 1, height: 1 }),
        node('same', 'prompt', { text: 'kept' }),
      ],
    };
    const next: ComponentDefinition = {
      ...current,
      inputs: [...current.inputs, { name: 'style', type: 'text' }],
      outputs: [{ name: 'picture', type: 'image', from: { node: 'a', port: 'image' } }],
      nodes: [
        // model comes first in the params, but the list is sorted.
        node('a', 'generate', { model: OTHER_MODEL, aspectRatio: '16:9' }),
        // Same params, another type.
        node('b', 'edit', { model: MODEL }),
        node('same', 'prompt', { text: 'kept' }),
        node('d', 'prompt', { text: 'new' }),
      ],
    };
    const diff = diffComponent(current, next);
    expect(diff).toEqual({
      added: ['d'],
      removed: ['c'],
      paramsChanged: [
        { node: 'a', params: ['aspectRatio', 'model'] },
        { node: 'b', params: [] },
      ],
      inputsChanged: true,
      outputsChanged: true,
      edgesChanged: false,
    });
    expect(describeComponentDiff(diff)).toEqual([
      'nodes added: d',
      'nodes removed: c',
      'a: aspectRatio, model changed',
      'b: type changed',
      'inputs changed',
      'outputs changed',
    ]);
  });

  it('several nodes added or removed are listed in order, comma separated', () => {
    const current = sceneMaker();
    const next: ComponentDefinition = {
      ...current,
      nodes: [node('x', 'prompt', { text: '1' }), node('y', 'prompt', { text: '2' })],
      edges: [edge('x', 'text', 'y', 'text')],
    };
    expect(describeComponentDiff(diffComponent(current, next))).toEqual([
      'nodes added: x, y',
      'nodes removed: gen',
      'connections changed',
    ]);
    expect(describeComponentDiff(diffComponent(next, current))).toEqual([
      'nodes added: gen',
      'nodes removed: x, y',
      'connections changed',
    ]);
  });

  it('only the input default or only an output changed: that flag alone', () => {
    const current = sceneMaker('a red sneaker');
    expect(diffComponent(current, sceneMaker('a blue boot'))).toEqual({
      added: [],
      removed: [],
      paramsChanged: [],
      inputsChanged: true,
      outputsChanged: false,
      edgesChanged: false,
    });
    const otherOutput = {
      ...current,
      outputs: [{ name: 'image', type: 'image' as const, from: { node: 'gen', port: 'variants' } }],
    };
    const diff = diffComponent(current, otherOutput);
    expect(diff).toMatchObject({ inputsChanged: false, outputsChanged: true, edgesChanged: false });
    expect(describeComponentDiff(diff)).toEqual(['outputs changed']);
  });
});
