/**
 * Exposed inputs: which nodes expose one (and of what kind), how values replace their params,
 * and the errors for an unknown name, a wrong kind and an image input given other than one image.
 */
import { describe, expect, it } from 'vitest';
import { applyInputs, exposedInputs, unknownInputError } from '../../../src/engine/inputs';
import { node, workflowOf } from '../../helpers/workflows';

const ref = (hash: string) => ({ name: `${hash}.png`, mimeType: 'image/png', hash });

const workflow = () =>
  workflowOf(
    [
      node('p', 'prompt', { text: 'old', keep: 1 }, { exposeAs: 'subject' }),
      node('r', 'referenceSet', { images: [ref('a')] }, { exposeAs: 'refs' }),
      node('i', 'imageInput', { image: ref('b') }, { exposeAs: 'photo' }),
      node('x', 'export', {}, { exposeAs: 'notAnInput' }),
      node('q', 'prompt', { text: 'fixed' }),
    ],
    [],
  );

describe('exposed inputs', () => {
  it('lists prompt, reference-set and image-input nodes that have a name, with their kind', () => {
    expect(exposedInputs(workflow())).toEqual([
      { name: 'subject', nodeId: 'p', nodeType: 'prompt', kind: 'text' },
      { name: 'refs', nodeId: 'r', nodeType: 'referenceSet', kind: 'images' },
      { name: 'photo', nodeId: 'i', nodeType: 'imageInput', kind: 'images' },
    ]);
  });

  it('replaces the params of the named nodes only, in a copy', () => {
    const original = workflow();
    const result = applyInputs(original, {
      subject: { kind: 'text', text: 'new' },
      refs: { kind: 'images', images: [ref('c'), ref('d')] },
      photo: { kind: 'images', images: [ref('e')] },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const params = Object.fromEntries(result.value.nodes.map((n) => [n.id, n.params]));
    expect(params).toEqual({
      p: { text: 'new', keep: 1 },
      r: { images: [ref('c'), ref('d')] },
      i: { image: ref('e') },
      x: {},
      q: { text: 'fixed' },
    });
    expect(original.nodes[0]?.params.text).toBe('old');
    // No values: the nodes are the same objects.
    const untouched = applyInputs(original, {});
    expect(untouched.ok && untouched.value.nodes[0]).toBe(original.nodes[0]);
  });

  it('collects every error: unknown names (listing the known ones), wrong kinds, not exactly one image', () => {
    const result = applyInputs(workflow(), {
      nope: { kind: 'text', text: 'x' },
      subject: { kind: 'images', images: [] },
      refs: { kind: 'text', text: 'x' },
      photo: { kind: 'images', images: [ref('x'), ref('y')] },
    });
    expect(result).toEqual({
      ok: false,
      error: [
        {
          code: 'unknown_input',
          message: 'no input named "nope"; this workflow exposes: subject, refs, photo',
        },
        { code: 'invalid_input', message: 'input "subject" takes text' },
        { code: 'invalid_input', message: 'input "refs" takes image files' },
        { code: 'invalid_input', message: 'input "photo" takes exactly one image' },
      ],
    });
    expect(applyInputs(workflow(), { photo: { kind: 'images', images: [] } }).ok).toBe(false);
    // A reference set takes any number of images, none included.
    expect(applyInputs(workflow(), { refs: { kind: 'images', images: [] } }).ok).toBe(true);
  });

  it('a workflow without inputs says so', () => {
    expect(unknownInputError('x', [])).toEqual({
      code: 'unknown_input',
      message: 'no input named "x"; this workflow exposes no inputs',
    });
  });
});
