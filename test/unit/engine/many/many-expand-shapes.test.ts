/**
 * expandWorkflow's output in detail: the concrete edges, instance infos (index from 1, item
 * labels), pairing by a shared axis, zip lengths, and a graph with nothing to map left as it is.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry as registry } from '../../../../nodes/registry';
import { combineOf, expandWorkflow } from '../../../../src/engine/many/expand';
import type { ImageValue } from '../../../../src/engine/values';
import { edge, node, workflowOf } from '../../../helpers/workflows';

const model = 'gemini-3.1-flash-image';
const photo = { name: 'p.png', mimeType: 'image/png', hash: 'a'.repeat(64) };
const image = (seed: number): ImageValue => ({
  bytes: new Uint8Array([seed]),
  mimeType: 'image/png',
  hash: String(seed),
});

describe('combineOf', () => {
  it('is the param when it is cross or zip, else cross', () => {
    expect(combineOf({ combine: 'zip' })).toBe('zip');
    expect(combineOf({ combine: 'cross' })).toBe('cross');
    expect(combineOf({})).toBe('cross');
    expect(combineOf(undefined)).toBe('cross');
    expect(combineOf({ combine: 'spiral' })).toBe('cross');
  });
});

describe('expandWorkflow: nothing to map', () => {
  it('keeps the file graph as it is (node order, params with combine) and makes one instance per node', () => {
    const workflow = workflowOf(
      [
        node('ed', 'edit', { model, continueConversation: false, combine: 'zip' }),
        node('refs', 'referenceSet', { images: [photo], each: false }),
        node('p', 'prompt', { text: 'warmer' }),
      ],
      [edge('refs', 'image', 'ed', 'image'), edge('p', 'text', 'ed', 'instruction')],
    );
    const expansion = expandWorkflow(workflow, { registry });
    expect(expansion.workflow.nodes.map((one) => one.id)).toEqual(['ed', 'refs', 'p']);
    expect(expansion.workflow.nodes[0]?.params).toEqual({
      model,
      continueConversation: false,
      combine: 'zip',
    });
    expect(expansion.workflow.edges).toEqual(workflow.edges);
    expect(expansion.instances.get('ed')).toStrictEqual({ of: 'ed', element: 1, count: 1, index: [] });
    expect(expansion.mapped).toBe(false);
    expect(expansion.waiting.size).toBe(0);
    expect(expansion.errors.size).toBe(0);
  });
});

describe('expandWorkflow: cross', () => {
  it('makes one instance per pairing, first input outermost, with exact edges, index from 1 and item labels', () => {
    const workflow = workflowOf(
      [
        node('products', 'list', { items: ['mug', 'lamp'] }),
        node('scenes', 'list', { items: ['beach', 'desk'] }),
        node('style', 'prompt', { text: 'film' }),
        node('t', 'template', { text: '{product} on a {scene}, {style}', combine: 'cross' }),
      ],
      [
        edge('products', 'items', 't', 'product'),
        edge('scenes', 'items', 't', 'scene'),
        edge('style', 'text', 't', 'style'),
      ],
    );
    const expansion = expandWorkflow(workflow, { registry });
    expect(expansion.mapped).toBe(true);
    expect(expansion.workflow.nodes.map((one) => one.id)).toEqual([
      'products',
      'scenes',
      'style',
      't[1,1]',
      't[1,2]',
      't[2,1]',
      't[2,2]',
    ]);
    // The choice of pairing is the expansion's: instances carry the call's params only.
    expect(expansion.workflow.nodes.at(-1)?.params).toStrictEqual({
      text: '{product} on a {scene}, {style}',
    });
    expect(expansion.instances.get('t[2,1]')).toStrictEqual({
      of: 't',
      element: 3,
      count: 4,
      index: [2, 1],
      item: 'lamp beach',
    });
    expect(expansion.workflow.edges.filter((one) => one.target === 't[2,1]')).toStrictEqual([
      { source: 'products', sourcePort: 'items', target: 't[2,1]', targetPort: 'product', element: 1 },
      { source: 'scenes', sourcePort: 'items', target: 't[2,1]', targetPort: 'scene', element: 0 },
      { source: 'style', sourcePort: 'text', target: 't[2,1]', targetPort: 'style' },
    ]);
    expect(expansion.workflow.edges).toHaveLength(12);
  });

  it('pairs inputs that share an axis by it (a diamond from one list), not every pairing', () => {
    const workflow = workflowOf(
      [
        node('l', 'list', { items: ['a', 'b', 'c'] }),
        node('left', 'template', { text: 'left {x}' }),
        node('right', 'template', { text: 'right {x}' }),
        node('both', 'template', { text: '{l} | {r}' }),
      ],
      [
        edge('l', 'items', 'left', 'x'),
        edge('l', 'items', 'right', 'x'),
        edge('left', 'text', 'both', 'l'),
        edge('right', 'text', 'both', 'r'),
      ],
    );
    const expansion = expandWorkflow(workflow, { registry });
    const both = [...expansion.instances].filter(([, info]) => info.of === 'both');
    expect(both).toStrictEqual([
      ['both[1]', { of: 'both', element: 1, count: 3, index: [1], item: 'a' }],
      ['both[2]', { of: 'both', element: 2, count: 3, index: [2], item: 'b' }],
      ['both[3]', { of: 'both', element: 3, count: 3, index: [3], item: 'c' }],
    ]);
    expect(expansion.workflow.edges.filter((one) => one.target === 'both[2]')).toStrictEqual([
      { source: 'left[2]', sourcePort: 'text', target: 'both[2]', targetPort: 'l' },
      { source: 'right[2]', sourcePort: 'text', target: 'both[2]', targetPort: 'r' },
    ]);
  });

  it('an element without a label (a variation) adds no text to the item', () => {
    const workflow = workflowOf(
      [
        node('l', 'list', { items: ['cat'] }),
        node('p', 'prompt', { text: 'a dog' }),
        node('gen', 'generate', { model, variations: 2 }),
        node('solo', 'generate', { model, variations: 2 }),
        node('ed', 'edit', { model, instruction: 'sharper', continueConversation: false }),
        node('ed2', 'edit', { model, instruction: 'sharper', continueConversation: false }),
      ],
      [
        edge('l', 'items', 'gen', 'prompt'),
        edge('gen', 'variants', 'ed', 'image'),
        edge('p', 'text', 'solo', 'prompt'),
        edge('solo', 'variants', 'ed2', 'image'),
      ],
    );
    const expansion = expandWorkflow(workflow, { registry });
    expect(expansion.instances.get('ed[1,2]')).toStrictEqual({
      of: 'ed',
      element: 2,
      count: 2,
      index: [1, 2],
      item: 'cat',
    });
    expect(expansion.instances.get('ed2[2]')).toStrictEqual({ of: 'ed2', element: 2, count: 2, index: [2] });
  });

  it('an arrived answer that is not text gives no item label', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a dog' }),
        node('gen', 'generate', { model, variations: 2 }),
        node('ed', 'edit', { model, instruction: 'sharper', continueConversation: false }),
      ],
      [edge('p', 'text', 'gen', 'prompt'), edge('gen', 'variants', 'ed', 'image')],
    );
    const arrived = new Map([['gen', { variants: [image(1), image(2)] }]]);
    const expansion = expandWorkflow(workflow, { registry, arrived });
    expect(expansion.instances.get('ed[1]')).toStrictEqual({ of: 'ed', element: 1, count: 2, index: [1] });
  });

  it('expanding a concrete graph again changes nothing: element edges keep their element', () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['cat', 'dog'] }), node('t', 'template', { text: 'a {x}' })],
      [edge('l', 'items', 't', 'x')],
    );
    const once = expandWorkflow(workflow, { registry });
    const twice = expandWorkflow(once.workflow, { registry });
    expect(twice.workflow.edges).toStrictEqual(once.workflow.edges);
    expect(twice.workflow.edges.map((one) => [one.target, (one as { element?: number }).element])).toEqual([
      ['t[1]', 0],
      ['t[2]', 1],
    ]);
    expect([...twice.instances.keys()]).toEqual(['l', 't[1]', 't[2]']);
  });
});

describe('expandWorkflow: zip', () => {
  const zipped = (a: string[], b?: string[]) =>
    workflowOf(
      [
        node('a', 'list', { items: a }),
        b ? node('b', 'list', { items: b }) : node('b', 'prompt', { text: 'single' }),
        node('t', 'template', { text: '{x} {y}', combine: 'zip' }),
      ],
      [edge('a', 'items', 't', 'x'), edge('b', b ? 'items' : 'text', 't', 'y')],
    );

  it('pairs element by element; a single value goes to every pair', () => {
    const equal = expandWorkflow(zipped(['1', '2', '3'], ['x', 'y', 'z']), { registry });
    expect([...equal.instances.keys()].filter((id) => id.startsWith('t'))).toEqual([
      't[1,1]',
      't[2,2]',
      't[3,3]',
    ]);
    expect(equal.errors.size).toBe(0);
    const withSingle = expandWorkflow(zipped(['1', '2', '3']), { registry });
    expect(withSingle.errors.size).toBe(0);
    expect([...withSingle.instances.keys()].filter((id) => id.startsWith('t'))).toEqual([
      't[1]',
      't[2]',
      't[3]',
    ]);
    expect(withSingle.workflow.edges.filter((one) => one.target === 't[3]')).toStrictEqual([
      { source: 'a', sourcePort: 'items', target: 't[3]', targetPort: 'x', element: 2 },
      { source: 'b', sourcePort: 'text', target: 't[3]', targetPort: 'y' },
    ]);
  });

  it('an empty list zipped with a single value makes no instance and no error', () => {
    const expansion = expandWorkflow(zipped([]), { registry });
    expect(expansion.errors.size).toBe(0);
    expect([...expansion.instances.keys()]).toEqual(['a', 'b']);
    expect(expansion.workflow.nodes.map((one) => one.id)).toEqual(['a', 'b']);
  });

  it('a list of one item is not a single value: zipped with three it is a length mismatch, on one unmapped node', () => {
    const expansion = expandWorkflow(zipped(['1'], ['x', 'y', 'z']), { registry });
    expect(expansion.errors.get('t')).toStrictEqual([
      {
        code: 'length_mismatch',
        message:
          'combine is "zip" but the inputs hold 1 and 3 elements; give them the same length or use "cross"',
        nodeId: 't',
      },
    ]);
    expect(expansion.instances.get('t')).toStrictEqual({ of: 't', element: 1, count: 1, index: [] });
    // Its inputs stay wired, each to its first element (it never runs: the mismatch refuses it).
    expect(expansion.workflow.edges).toStrictEqual([
      { source: 'a', sourcePort: 'items', target: 't', targetPort: 'x', element: 0 },
      { source: 'b', sourcePort: 'items', target: 't', targetPort: 'y', element: 0 },
    ]);
  });
});
