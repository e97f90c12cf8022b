/** manyInputPorts: which inputs receive a many value, with sources the file cannot vouch for. */
import { describe, expect, it } from 'vitest';
import { nodeRegistry as registry } from '../../../../nodes/registry';
import { manyInputPorts } from '../../../../src/engine/many/many-inputs';
import { edge, node, workflowOf } from '../../../helpers/workflows';

const model = 'gemini-3.1-flash-image';
const photo = (seed: number) => ({
  name: `p${seed}.png`,
  mimeType: 'image/png',
  hash: seed.toString(16).padStart(64, '0'),
});

describe('manyInputPorts: sources that bring no many value', () => {
  it('a prompt, a list with bad params, a node of unknown or prototype type, a port the node lacks: not many', () => {
    const workflow = workflowOf(
      [
        node('l', 'list', { items: ['cat', 'dog'] }),
        node('p', 'prompt', { text: 'warmer' }),
        node('broken', 'list', { items: 'not a list' }),
        node('proto', 'constructor', {}),
        node('odd', 'toString', {}),
        node('gen', 'generate', { model }),
        node('ed', 'edit', { model, continueConversation: false }),
        node('t', 'template', { text: '{a} and {b}' }),
      ],
      [
        edge('l', 'items', 'gen', 'prompt'),
        edge('p', 'text', 'gen', 'bogus'),
        edge('gen', 'image', 'ed', 'image'),
        edge('p', 'text', 'ed', 'instruction'),
        edge('broken', 'items', 't', 'a'),
        edge('proto', 'text', 't', 'b'),
        edge('odd', 'text', 't', 'b'),
      ],
    );
    const ports = manyInputPorts(workflow, registry);
    expect(Object.fromEntries(ports)).toEqual({ gen: ['prompt'], ed: ['image'] });
  });

  it('one many edge among several on an input makes the input many', () => {
    const workflow = workflowOf(
      [
        node('plain', 'referenceSet', { images: [photo(1)] }),
        node('each', 'referenceSet', { images: [photo(2), photo(3)], each: true }),
        node('p', 'prompt', { text: 'a shelf' }),
        node('gen', 'generate', { model }),
      ],
      [
        edge('p', 'text', 'gen', 'prompt'),
        edge('plain', 'images', 'gen', 'references'),
        edge('each', 'images', 'gen', 'references'),
      ],
    );
    expect(Object.fromEntries(manyInputPorts(workflow, registry))).toEqual({ gen: ['references'] });
  });
});
