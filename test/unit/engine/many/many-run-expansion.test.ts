/**
 * RunExpansion (the concrete graph as answers arrive), elementRefOf (which element an instance
 * is, for events) and validateExpanded (validation plus the expansion's and components' problems).
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry as registry } from '../../../../nodes/registry';
import type { ComponentExpansion } from '../../../../src/engine/components/expand';
import { expandWorkflow } from '../../../../src/engine/many/expand';
import { elementRefOf } from '../../../../src/engine/many/instances';
import { RunExpansion, validateExpanded } from '../../../../src/engine/many/run-expansion';
import { peelError } from '../../../../src/engine/result';
import { edge, node, workflowOf } from '../../../helpers/workflows';

const model = 'gemini-3.1-flash-image';

/** prompt -> text model answering a list of up to 4 -> generate per item -> export. */
const briefToImages = () =>
  workflowOf(
    [
      node('brief', 'prompt', { text: 'a reading nook' }),
      node('writer', 'textModel', { instruction: 'ideas', output: 'list', maxItems: 4 }),
      node('gen', 'generate', { model }),
      node('out', 'export', { filename: '{item}-{i}' }),
    ],
    [
      edge('brief', 'text', 'writer', 'prompt'),
      edge('writer', 'items', 'gen', 'prompt'),
      edge('gen', 'image', 'out', 'images'),
    ],
  );

const idsOf = (ids: Iterable<string>) => [...ids].sort();

describe('RunExpansion', () => {
  it('counts an answer not yet arrived at its maximum (atMost), then at its real length once it arrives', () => {
    const expansion = new RunExpansion(briefToImages(), registry);
    expect(idsOf(expansion.current.instances.keys())).toEqual(['brief', 'writer']);
    expect([...expansion.current.waiting]).toEqual([
      ['gen', 'writer'],
      ['out', 'writer'],
    ]);
    const most = expansion.atMost();
    expect(most.waiting.size).toBe(0);
    expect(idsOf(most.instances.keys())).toEqual([
      'brief',
      'gen[1]',
      'gen[2]',
      'gen[3]',
      'gen[4]',
      'out',
      'writer',
    ]);
    expect(most.instances.get('gen[4]')).toEqual({ of: 'gen', element: 4, count: 4, index: [4] });

    const added = expansion.expandAfter('writer', { items: ['a fern', 'a lamp'] });
    expect(added).toEqual(['gen[1]', 'gen[2]', 'out']);
    expect(expansion.info('gen[2]')).toEqual({ of: 'gen', element: 2, count: 2, index: [2], item: 'a lamp' });
    // Once arrived, "at most" is the real count.
    expect(idsOf(expansion.atMost().instances.keys())).toEqual([
      'brief',
      'gen[1]',
      'gen[2]',
      'out',
      'writer',
    ]);
  });

  it('an answer nothing waits on adds no instance and leaves the expansion as it was', () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['cat', 'dog'] }), node('gen', 'generate', { model })],
      [edge('l', 'items', 'gen', 'prompt')],
    );
    const expansion = new RunExpansion(workflow, registry);
    const before = expansion.current;
    expect(expansion.expandAfter('gen[1]', { image: 'not looked at' })).toEqual([]);
    expect(expansion.current).toBe(before);
  });
});

describe('elementRefOf', () => {
  it('names the element of a mapped instance, and nothing for a node that does not map', () => {
    const expansion = expandWorkflow(
      workflowOf(
        [node('l', 'list', { items: ['cat', 'dog'] }), node('gen', 'generate', { model })],
        [edge('l', 'items', 'gen', 'prompt')],
      ),
      { registry },
    );
    expect(elementRefOf('gen[2]', expansion.instances.get('gen[2]'))).toEqual({
      of: 'gen',
      index: 2,
      count: 2,
      item: 'dog',
    });
    expect(elementRefOf('l', expansion.instances.get('l'))).toBeUndefined();
    expect(elementRefOf('gone', undefined)).toBeUndefined();
  });
});

describe('validateExpanded', () => {
  it("adds the expansion's own problems after the node's validation problems", () => {
    const workflow = workflowOf(
      [
        node('products', 'list', { items: ['mug', 'lamp', 'vase'] }),
        node('scenes', 'list', { items: ['beach', 'desk'] }),
        node('t', 'template', { text: '{product} on a {scene}', combine: 'zip' }),
      ],
      [edge('products', 'items', 't', 'product'), edge('scenes', 'items', 't', 'scene')],
    );
    const report = validateExpanded(expandWorkflow(workflow, { registry }), registry);
    // Only the mismatch: the refused node's inputs stay wired, so no "not connected" problem is added.
    expect(report.nodeErrors.get('t')?.map((error) => error.code)).toEqual(['length_mismatch']);
    expect(report.graphErrors).toEqual([]);
  });

  it('without components, or with components that met no problem, is the validation report', () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['a'] }), node('gen', 'generate', { model })],
      [edge('l', 'items', 'gen', 'prompt')],
    );
    const expansion = expandWorkflow(workflow, { registry });
    const plain = validateExpanded(expansion, registry);
    expect(plain.nodeErrors.size).toBe(0);
    const components: ComponentExpansion = { workflow, errors: [] };
    expect(validateExpanded(expansion, registry, components).nodeErrors.size).toBe(0);
  });

  it("adds the components' problems by node ('' when none is named), and a component cycle to the graph's", () => {
    const workflow = workflowOf([node('p', 'prompt', { text: 'x' })], []);
    const cycle = peelError('cycle', 'component "a" contains itself', { nodeId: 'a' });
    const unknown = peelError('unknown_node_type', 'no component "b"', { nodeId: 'a' });
    const loose = peelError('missing_input', 'a value is missing');
    const components: ComponentExpansion = { workflow, errors: [cycle, unknown, loose] };
    const report = validateExpanded(expandWorkflow(workflow, { registry }), registry, components);
    expect(report.nodeErrors.get('a')).toEqual([cycle, unknown]);
    expect(report.nodeErrors.get('')).toEqual([loose]);
    expect(report.graphErrors).toEqual([cycle]);
  });
});
