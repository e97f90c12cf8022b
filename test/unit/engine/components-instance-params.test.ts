import { describe, expect, it } from 'vitest';
import { expandComponents } from '../../../src/engine/components/expand';
import { componentIdOf, instanceInputValues } from '../../../src/engine/components/types';
import { ungroupComponent } from '../../../src/engine/components/ungroup';
import { sceneMaker, withComponents } from '../../helpers/components';
import { node, workflowOf } from '../../helpers/workflows';

describe('instance params that are not what they should be', () => {
  it('a component name that is not text names no component', () => {
    expect(componentIdOf(node('a', 'component', { component: 42 }))).toBeUndefined();
    expect(componentIdOf(node('a', 'component', { component: 'sceneMaker' }))).toBe('sceneMaker');
    const workflow = withComponents(workflowOf([node('a', 'component', { component: 42 })], []), [
      { ...sceneMaker(), id: '42' },
    ]);
    expect(expandComponents(workflow).errors).toEqual([
      {
        code: 'invalid_params',
        message: 'a component node names its component (params.component)',
        nodeId: 'a',
        path: 'nodes[0].params.component',
      },
    ]);
  });

  it('inputs that are not a record of values count as none: the defaults apply', () => {
    for (const inputs of [null, ['on a beach'], 'on a beach', 7]) {
      expect(instanceInputValues(node('a', 'component', { component: 'sceneMaker', inputs }))).toEqual({});
      const workflow = withComponents(
        workflowOf([node('a', 'component', { component: 'sceneMaker', inputs })], []),
        [sceneMaker('a red sneaker')],
      );
      const ungrouped = ungroupComponent(workflow, 'a');
      if (!ungrouped.ok) throw new Error(ungrouped.error.message);
      expect(ungrouped.value.workflow.nodes[0]).toMatchObject({
        id: 'a-subject',
        type: 'prompt',
        params: { text: 'a red sneaker' },
      });
    }
    const given = { subject: 'on a beach' };
    expect(instanceInputValues(node('a', 'component', { component: 'sceneMaker', inputs: given }))).toBe(
      given,
    );
  });
});
