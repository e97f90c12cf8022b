/**
 * The load-time JSON guard (prototype keys, sizes, depth, key-shaped text) and canonical JSON
 * (key order, dropped undefined, byte-stable output), each checked for exactly what it returns.
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeWorkflowFile, canonicalJson, stableStringify } from '../../../src/engine/canonical';
import { GUARD_LIMITS, guardParsedJson, REMOVED_KEY_TEXT } from '../../../src/engine/json-guard';

// Built from pieces so no key-shaped literal sits in the source.
const keyShaped = `AIza${'Q'.repeat(35)}`;

describe('guardParsedJson', () => {
  it('passes ordinary JSON through unchanged, with no errors or warnings', () => {
    const input = { a: [1, 'two', null, true, { b: 'c' }], d: { e: [] } };
    expect(guardParsedJson(input)).toEqual({ value: input, errors: [], warnings: [] });
    expect(guardParsedJson('text')).toEqual({ value: 'text', errors: [], warnings: [] });
    expect(guardParsedJson(null)).toEqual({ value: null, errors: [], warnings: [] });
  });

  it('refuses prototype keys wherever they sit, naming the path, and keeps the rest', () => {
    const input = JSON.parse('{"a":{"__proto__":{"x":1},"ok":1},"list":[{"constructor":2}],"prototype":3}');
    const outcome = guardParsedJson(input);
    expect(outcome.value).toEqual({ a: { ok: 1 }, list: [{}] });
    expect(outcome.errors).toEqual([
      { code: 'schema', message: 'the key "__proto__" is not allowed', path: 'a.__proto__' },
      { code: 'schema', message: 'the key "constructor" is not allowed', path: 'list[0].constructor' },
      { code: 'schema', message: 'the key "prototype" is not allowed', path: 'prototype' },
    ]);
  });

  it('text over the limit is an error; image data has its own, larger limit', () => {
    const long = 'x'.repeat(GUARD_LIMITS.maxStringLength + 1);
    expect(guardParsedJson({ nodes: [{ name: long }] }).errors).toEqual([
      { code: 'schema', message: 'text is 100,001 characters; the limit is 100,000', path: 'nodes[0].name' },
    ]);
    expect(guardParsedJson({ name: 'x'.repeat(GUARD_LIMITS.maxStringLength) }).errors).toEqual([]);
    expect(guardParsedJson({ data: long }).errors).toEqual([]);
    const tooMuchData = 'A'.repeat(GUARD_LIMITS.maxDataStringLength + 1);
    expect(guardParsedJson({ data: tooMuchData }).errors).toEqual([
      { code: 'schema', message: 'text is 10,485,761 characters; the limit is 10,485,760', path: 'data' },
    ]);
    expect(guardParsedJson([long]).errors[0]?.path).toBe('[0]');
  });

  it('nesting is refused at the depth limit, not before', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { k: nest(depth - 1) });
    expect(guardParsedJson(nest(GUARD_LIMITS.maxDepth)).errors).toEqual([]);
    const tooDeep = guardParsedJson(nest(GUARD_LIMITS.maxDepth + 1));
    expect(tooDeep.errors).toHaveLength(1);
    expect(tooDeep.errors[0]?.code).toBe('schema');
    expect(tooDeep.errors[0]?.message).toBe('nested deeper than 64 levels');
    expect(tooDeep.errors[0]?.path).toBe(Array(GUARD_LIMITS.maxDepth).fill('k').join('.'));
    const deepArrays = (depth: number): unknown => (depth === 0 ? 1 : [deepArrays(depth - 1)]);
    expect(guardParsedJson(deepArrays(GUARD_LIMITS.maxDepth + 1)).errors).toHaveLength(1);
  });

  it('stops collecting after 51 errors', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, 'x'.repeat(100_001)]));
    expect(guardParsedJson(many).errors).toHaveLength(51);
  });

  it('removes key-shaped text (with a warning per string) but never inside image data', () => {
    const outcome = guardParsedJson({
      a: `key ${keyShaped} and ${keyShaped}`,
      b: 'clean',
      c: [`${keyShaped}`],
      data: keyShaped,
    });
    expect(outcome.value).toEqual({
      a: `key ${REMOVED_KEY_TEXT} and ${REMOVED_KEY_TEXT}`,
      b: 'clean',
      c: [REMOVED_KEY_TEXT],
      data: keyShaped,
    });
    expect(outcome.warnings).toEqual([
      'a: an API key was found in the file and removed',
      'c[0]: an API key was found in the file and removed',
    ]);
    // The global pattern's position is reset: the same text is caught on every call.
    expect(guardParsedJson({ x: keyShaped }).warnings).toHaveLength(1);
    expect(guardParsedJson({ x: keyShaped }).warnings).toHaveLength(1);
    expect(guardParsedJson({ data: keyShaped, y: keyShaped }).warnings).toEqual([
      'y: an API key was found in the file and removed',
    ]);
  });
});

describe('canonical JSON', () => {
  it('orders the format’s keys, sorts the rest, sorts deep inside params, position and extra only', () => {
    const file = {
      zeta: 1,
      edges: [{ targetPort: 'p', target: 't', z: 1, sourcePort: 's', source: 'a', id: 'e1' }],
      extra: { b: { d: 1, c: 2 }, a: [{ y: 1, x: 2 }] },
      nodes: [
        {
          params: { b: 1, a: { d: 1, c: undefined, b: 2 } },
          exposeAs: 'in',
          position: { y: 2, x: 1 },
          label: 'L',
          type: 'prompt',
          id: 'n1',
          alpha: { z: 1, y: 2 },
        },
      ],
      description: undefined,
      name: 'W',
      version: 1,
      format: 'peel.workflow',
      alpha: { z: 1, a: 2 },
    };
    const canonical = canonicalizeWorkflowFile(file);
    expect(JSON.stringify(canonical)).toBe(
      JSON.stringify({
        format: 'peel.workflow',
        version: 1,
        name: 'W',
        nodes: [
          {
            id: 'n1',
            type: 'prompt',
            label: 'L',
            position: { x: 1, y: 2 },
            params: { a: { b: 2, d: 1 }, b: 1 },
            exposeAs: 'in',
            alpha: { z: 1, y: 2 },
          },
        ],
        edges: [{ id: 'e1', source: 'a', sourcePort: 's', target: 't', targetPort: 'p', z: 1 }],
        extra: { a: [{ x: 2, y: 1 }], b: { c: 2, d: 1 } },
        alpha: { z: 1, a: 2 },
        zeta: 1,
      }),
    );
    expect(canonicalJson(file)).toBe(`${JSON.stringify(canonical, null, 2)}\n`);
    // Nodes and edges that are not lists are left as they are (validation reports them).
    expect(canonicalizeWorkflowFile({ nodes: 'x', edges: 3 })).toEqual({ nodes: 'x', edges: 3 });
  });

  it('components: fixed key order for the component, its inputs, outputs, their sources and its graph', () => {
    const file = {
      nodes: [],
      components: [
        {
          edges: [{ targetPort: 'p', target: 't', sourcePort: 's', source: 'a', id: 'e1' }],
          nodes: [{ params: { b: 1, a: 2 }, type: 'prompt', id: 'n1' }],
          outputs: [
            { from: { port: 'image', node: 'n1' }, type: 'image', name: 'out' },
            { name: 'loose', from: 'n1' },
          ],
          inputs: [{ default: { b: 1, a: 2 }, optional: true, type: 'text', name: 'in', z: { d: 1, c: 2 } }],
          description: 'D',
          name: 'C',
          id: 'c1',
          alpha: 1,
        },
      ],
      version: 2,
    };
    expect(JSON.stringify(canonicalizeWorkflowFile(file))).toBe(
      JSON.stringify({
        version: 2,
        components: [
          {
            id: 'c1',
            name: 'C',
            description: 'D',
            inputs: [
              { name: 'in', type: 'text', optional: true, default: { a: 2, b: 1 }, z: { d: 1, c: 2 } },
            ],
            outputs: [
              { name: 'out', type: 'image', from: { node: 'n1', port: 'image' } },
              { name: 'loose', from: 'n1' },
            ],
            nodes: [{ id: 'n1', type: 'prompt', params: { a: 2, b: 1 } }],
            edges: [{ id: 'e1', source: 'a', sourcePort: 's', target: 't', targetPort: 'p' }],
            alpha: 1,
          },
        ],
        nodes: [],
      }),
    );
    // Inputs and outputs that are not lists are left as they are (validation reports them).
    expect(canonicalizeWorkflowFile({ components: [{ inputs: 'x', outputs: 3, id: 'c' }] })).toEqual({
      components: [{ id: 'c', inputs: 'x', outputs: 3 }],
    });
    // An output source that is null or not an object stays as it is.
    expect(
      canonicalizeWorkflowFile({
        components: [
          {
            outputs: [
              { from: null, name: 'a' },
              { from: 'n', name: 'b' },
            ],
          },
        ],
      }),
    ).toEqual({
      components: [
        {
          outputs: [
            { name: 'a', from: null },
            { name: 'b', from: 'n' },
          ],
        },
      ],
    });
  });

  it('stableStringify: sorted keys at every depth, no whitespace, undefined dropped, arrays kept in order', () => {
    expect(stableStringify({ b: [{ d: 1, c: undefined, a: null }, 2], a: 'x' })).toBe(
      '{"a":"x","b":[{"a":null,"d":1},2]}',
    );
    expect(stableStringify({ b: 1, a: 2 })).toBe(stableStringify({ a: 2, b: 1 }));
    expect(stableStringify('s')).toBe('"s"');
    expect(stableStringify(null)).toBe('null');
  });
});
