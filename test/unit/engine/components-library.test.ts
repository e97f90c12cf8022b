import { describe, expect, it } from 'vitest';
import {
  componentFileOf,
  describeComponentDiff,
  diffComponent,
  importComponents,
} from '../../../src/engine/components/library';
import { parseWorkflowText } from '../../../src/engine/load';
import { serializeWorkflow } from '../../../src/engine/save';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const pair = {
  id: 'pair',
  name: 'Pair',
  inputs: [],
  outputs: [],
  nodes: [node('one', 'component', { component: 'sceneMaker' })],
  edges: [],
};

describe('component files and library updates', () => {
  it('exports a component with the components it uses as a v2 file that loads and imports back', () => {
    const workflow = withComponents(workflowOf([], []), [sceneMaker(), pair]);
    const file = componentFileOf(workflow, 'pair');
    if (!file.ok) throw new Error(file.error.message);
    const text = serializeWorkflow(file.value);
    const loaded = parseWorkflowText(text);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    expect(loaded.value.workflow.components?.map((c) => c.id)).toEqual(['sceneMaker', 'pair']);
    expect(loaded.value.workflow.nodes).toEqual([]);

    // Into a workflow that has its own, different "sceneMaker": the imported one gets a free id.
    const other = withComponents(workflowOf([], []), [{ ...sceneMaker(), name: 'Another' }]);
    const { workflow: merged, ids } = importComponents(other, loaded.value.workflow);
    expect(ids.get('sceneMaker')).toBe('sceneMaker-2');
    expect(merged.components?.find((c) => c.id === 'pair')?.nodes[0]?.params.component).toBe('sceneMaker-2');
    // Importing the same file again adds nothing.
    const again = importComponents(merged, loaded.value.workflow);
    expect(again.workflow.components).toHaveLength(3);
    expect(again.ids.get('pair')).toBe('pair');
  });

  it('diffs a component against the library version: nodes added, removed, params changed', () => {
    const current = sceneMaker();
    const next = {
      ...current,
      nodes: [
        node('gen', 'generate', { model: MODEL, aspectRatio: '16:9' }),
        node('crop', 'crop', { x: 0, y: 0, width: 1, height: 1 }),
      ],
      edges: [...current.edges, edge('gen', 'image', 'crop', 'image')],
    };
    const diff = diffComponent(current, next);
    expect(diff).toMatchObject({
      added: ['crop'],
      removed: [],
      paramsChanged: [{ node: 'gen', params: ['aspectRatio'] }],
    });
    expect(describeComponentDiff(diff)).toEqual([
      'nodes added: crop',
      'gen: aspectRatio changed',
      'connections changed',
    ]);
    expect(describeComponentDiff(diffComponent(next, current))).toContain('nodes removed: crop');
    expect(describeComponentDiff(diffComponent(current, current))).toEqual([]);
  });
});
