/**
 * arrivingCountProblems: how many values can arrive on a whole input (a Pick's `items`), by the
 * kind of source, summed over edges, and what the file cannot tell (left out, never guessed).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pickNode } from '../../../../nodes/pick/definition';
import { nodeRegistry } from '../../../../nodes/registry';
import { arrivingCountProblems } from '../../../../src/engine/many/arriving-counts';
import type { ElementEdge } from '../../../../src/engine/many/element-edge';
import { defineNode, type NodeRegistry } from '../../../../src/engine/node-definition';
import { port } from '../../../../src/engine/ports';
import { ok, peelError } from '../../../../src/engine/result';
import type { Workflow } from '../../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../../helpers/workflows';

/** A Pick-like check on a node that also has a single-valued input (so it can map). */
const checkerNode = defineNode<{ index: number }>({
  type: 'checker',
  version: 1,
  title: 'Checker',
  description: 'test node: a whole input checked like a Pick, and a single input that maps',
  callsModel: false,
  inputs: { items: port('any', { whole: true }), x: port('text', { optional: true }) },
  outputs: { out: port('text') },
  params: z.strictObject({ index: z.number().int().min(1).default(1) }),
  checkArriving: (params, arriving) => pickNode.checkArriving?.(params, arriving) ?? [],
  run: async () => ok({ outputs: { out: '' } }),
});

/** Says what it was given: the counts per whole input, as one error's message. */
const arrivingNode = defineNode<Record<string, never>>({
  type: 'arriving',
  version: 1,
  title: 'Arriving',
  description: 'test node: reports the counts it is given',
  callsModel: false,
  inputs: checkerNode.inputs,
  outputs: checkerNode.outputs,
  params: z.strictObject({}),
  checkArriving: (_params, arriving) => [peelError('invalid_params', JSON.stringify(arriving))],
  run: async () => ok({ outputs: { out: '' } }),
});

const registry: NodeRegistry = { ...nodeRegistry, checker: checkerNode, arriving: arrivingNode };

const hash = (seed: number) => seed.toString(16).padStart(64, '0');
const images = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `p${i + 1}.png`, mimeType: 'image/png', hash: hash(i + 1) }));
const writer = (id: string, maxItems: number) =>
  node(id, 'textModel', { instruction: 'ideas', output: 'list', maxItems });

/** Problems as plain data: node id -> [message, nodeId of the error]. */
function problemsOf(workflow: Workflow): Record<string, Array<[string, string | undefined]>> {
  const found = arrivingCountProblems(workflow, registry);
  return Object.fromEntries(
    [...found].map(([id, errors]) => [id, errors.map((error) => [error.message, error.nodeId])]),
  );
}

const past = (index: number, most: string, last: number) =>
  `index ${index} is past the end: ${most} can arrive; choose 1 to ${last}`;

describe('arrivingCountProblems: what each source brings to a whole input', () => {
  it('counts a text, an image, a list, a model answer, a reference set; an "any" output is not counted', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('img', 'imageInput', {}),
        node('l', 'list', { items: ['a', 'b', 'c'] }),
        writer('w', 4),
        node('refs', 'referenceSet', { images: images(3) }),
        node('fromText', 'pick', { index: 2 }),
        node('fromImage', 'pick', { index: 2 }),
        node('fromList', 'pick', { index: 4 }),
        node('fromAnswer', 'pick', { index: 5 }),
        node('fromSet', 'pick', { index: 4 }),
        node('fromPick', 'pick', { index: 5 }),
        node('fine', 'pick', { index: 3 }),
      ],
      [
        edge('p', 'text', 'fromText', 'items'),
        edge('img', 'image', 'fromImage', 'items'),
        edge('l', 'items', 'fromList', 'items'),
        edge('w', 'items', 'fromAnswer', 'items'),
        edge('refs', 'images', 'fromSet', 'items'),
        edge('fromList', 'item', 'fromPick', 'items'),
        edge('l', 'items', 'fine', 'items'),
      ],
    );
    expect(problemsOf(workflow)).toEqual({
      fromText: [[past(2, '1 item', 1), 'fromText']],
      fromImage: [[past(2, '1 item', 1), 'fromImage']],
      fromList: [[past(4, '3 items', 3), 'fromList']],
      fromAnswer: [[past(5, 'at most 4 items', 4), 'fromAnswer']],
      fromSet: [[past(4, '3 items', 3), 'fromSet']],
    });
  });

  it('sums the edges of one input; one answer-made count makes the sum "at most"', () => {
    const workflow = workflowOf(
      [
        node('a', 'list', { items: ['1', '2'] }),
        node('b', 'list', { items: ['1', '2', '3'] }),
        writer('w', 2),
        node('exact', 'pick', { index: 6 }),
        node('atMost', 'pick', { index: 6 }),
      ],
      [
        edge('a', 'items', 'exact', 'items'),
        edge('b', 'items', 'exact', 'items'),
        edge('b', 'items', 'atMost', 'items'),
        edge('w', 'items', 'atMost', 'items'),
      ],
    );
    expect(problemsOf(workflow)).toEqual({
      exact: [[past(6, '5 items', 5), 'exact']],
      atMost: [[past(6, 'at most 5 items', 5), 'atMost']],
    });
  });

  it('reports nothing (an empty map) when every index is within what can arrive', () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['a', 'b'] }), node('pick', 'pick', { index: 2 })],
      [edge('l', 'items', 'pick', 'items')],
    );
    const found = arrivingCountProblems(workflow, registry);
    expect(found.size).toBe(0);
  });

  it('counts an edge that names one element (an expanded graph) as one value', () => {
    const one: ElementEdge = { ...edge('refs', 'images', 'pick', 'items'), element: 0 };
    const workflow = workflowOf(
      [node('refs', 'referenceSet', { images: images(3) }), node('pick', 'pick', { index: 2 })],
      [one],
    );
    expect(problemsOf(workflow)).toEqual({ pick: [[past(2, '1 item', 1), 'pick']] });
  });
});

describe('arrivingCountProblems: what the file cannot tell', () => {
  it('leaves out an input fed by a node of unknown type, bad params, a missing node or a missing port', () => {
    const workflow = workflowOf(
      [
        node('l', 'list', { items: ['a', 'b', 'c'] }),
        node('mystery', 'no-such-node', {}),
        node('proto', 'constructor', {}),
        node('broken', 'list', { items: 'not a list' }),
        node('p', 'prompt', { text: 'x' }),
        node('withUnknown', 'pick', { index: 9 }),
        node('withProto', 'pick', { index: 9 }),
        node('withBroken', 'pick', { index: 9 }),
        node('withNoPort', 'pick', { index: 9 }),
        node('badIndex', 'pick', { index: 0 }),
      ],
      [
        edge('l', 'items', 'withUnknown', 'items'),
        edge('mystery', 'out', 'withUnknown', 'items'),
        edge('proto', 'out', 'withProto', 'items'),
        edge('broken', 'items', 'withBroken', 'items'),
        edge('p', 'nothing', 'withNoPort', 'items'),
        edge('l', 'items', 'badIndex', 'items'),
        // An edge into a port the Pick does not have is validation's to report, not a count.
        edge('l', 'items', 'withNoPort', 'elsewhere'),
      ],
    );
    expect(problemsOf(workflow)).toEqual({});
  });

  it('an edge from a node that is not in the file is left out (the graph is not mapped)', () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('pick', 'pick', { index: 2 })],
      [edge('p', 'text', 'pick', 'items'), edge('ghost', 'text', 'pick', 'items')],
    );
    expect(problemsOf(workflow)).toEqual({});
    // Without the missing node, the one text is counted.
    workflow.edges.pop();
    expect(problemsOf(workflow)).toEqual({ pick: [[past(2, '1 item', 1), 'pick']] });
  });
});

describe('arrivingCountProblems: a mapped node that checks its whole input', () => {
  it('reports under the node of the file, once per element, and never counts its single input', () => {
    const workflow = workflowOf(
      [
        node('three', 'list', { items: ['a', 'b', 'c'] }),
        node('two', 'list', { items: ['x', 'y'] }),
        node('c', 'checker', { index: 4 }),
      ],
      [edge('three', 'items', 'c', 'items'), edge('two', 'items', 'c', 'x')],
    );
    expect(problemsOf(workflow)).toEqual({
      c: [
        [past(4, '3 items', 3), 'c'],
        [past(4, '3 items', 3), 'c'],
      ],
    });
  });
});

describe('arrivingCountProblems: what a check is given', () => {
  it('counts per whole input only: a single input and a port the node lacks are not given', () => {
    const workflow = workflowOf(
      [
        node('l', 'list', { items: ['a', 'b', 'c'] }),
        node('p', 'prompt', { text: 'x' }),
        node('seen', 'arriving', {}),
      ],
      [
        edge('l', 'items', 'seen', 'items'),
        edge('p', 'text', 'seen', 'x'),
        edge('p', 'text', 'seen', 'elsewhere'),
      ],
    );
    expect(problemsOf(workflow)).toEqual({ seen: [['{"items":{"most":3,"exact":true}}', 'seen']] });
  });
});
