import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands, useDocumentStore } from '../../../src/editor/store/document-store';
import { deepFreeze, isDeepFrozen } from '../../../src/engine/deep-frozen';
import { parseParams } from '../../../src/engine/parse-params';
import { edge, node, workflowOf } from '../../helpers/workflows';

describe('deepFreeze', () => {
  it('freezes every object and array inside, and returns the same value', () => {
    const value = { a: { b: [1, { c: 'x' }] }, d: null, e: 'text' };
    expect(deepFreeze(value)).toBe(value);
    expect(isDeepFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(() => {
      (value.a.b as unknown[]).push(2);
    }).toThrow(TypeError);
  });

  it('leaves byte arrays alone (they cannot be frozen) and stops at frozen objects, as immer does', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const inner = { open: { x: 1 } };
    const closed = Object.freeze(inner);
    const value = { bytes, closed };
    deepFreeze(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(bytes)).toBe(false);
    bytes[0] = 9;
    expect(bytes[0]).toBe(9);
    expect(Object.isFrozen(inner.open)).toBe(false);
  });

  it('passes primitives through', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze('a')).toBe('a');
  });
});

describe('loading a workflow into the editor', () => {
  it('freezes the document all the way down, so params are parsed once per object', () => {
    const doc = workflowOf(
      [node('p', 'prompt', { text: 'a cat', extra: { nested: [1, 2] } }), node('g', 'generate', {})],
      [edge('p', 'text', 'g', 'prompt')],
    );
    commands.loadWorkflow(doc);
    const loaded = useDocumentStore.getState().doc;
    expect(isDeepFrozen(loaded)).toBe(true);
    const params = loaded.nodes[0]?.params;
    const schema = z.object({ text: z.string() }).passthrough();
    expect(parseParams(schema, params)).toBe(parseParams(schema, params));
  });
});
