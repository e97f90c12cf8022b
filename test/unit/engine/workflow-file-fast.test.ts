import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editorBenchWorkflow } from '../../../bench/browser-workflows';
import { exportWorkflowJson } from '../../../src/engine/export';
import { migrateToCurrent } from '../../../src/engine/migrations';
import { workflowSchemas } from '../../../src/engine/schema';

const { WorkflowFileSchema } = workflowSchemas();

import { parseCommonWorkflowFile } from '../../../src/engine/workflow-file-fast';

/**
 * The fast path stands in for `WorkflowFileSchema` on common files. Its two promises, checked
 * against the schema itself: what it accepts, zod accepts and returns the same (keys in the same
 * order, so an export writes the same bytes); and the files people open (the shipped templates,
 * the benchmark's 500 nodes, generated valid files) take it, so it is not dead code.
 */

const validId = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);

/** Strictly valid files: distinct ids, edges between them, optional keys in range. */
const validFile = fc
  .uniqueArray(validId, { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      ids: fc.constant(ids),
      types: fc.array(fc.constantFrom('prompt', 'generate', 'edit', 'export'), {
        minLength: ids.length,
        maxLength: ids.length,
      }),
      params: fc.array(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })), {
        minLength: ids.length,
        maxLength: ids.length,
      }),
      sizes: fc.array(
        fc.option(
          fc.record({ width: fc.integer({ min: 40, max: 900 }), height: fc.integer({ min: 24, max: 900 }) }),
          { nil: undefined },
        ),
        {
          minLength: ids.length,
          maxLength: ids.length,
        },
      ),
      edges: fc.array(fc.record({ source: fc.constantFrom(...ids), target: fc.constantFrom(...ids) }), {
        maxLength: 10,
      }),
    }),
  )
  .map(({ ids, types, params, sizes, edges }) => ({
    format: 'peel.workflow',
    version: 2,
    name: 'valid',
    components: [],
    nodes: ids.map((id, i) => ({
      id,
      type: types[i],
      position: { x: i * 10.5, y: -i },
      params: params[i],
      ...(i % 2 === 0 ? { label: `node ${i}` } : {}),
      ...(sizes[i] ? { size: sizes[i] } : {}),
      ...(i === 1 ? { bypass: true, collapsed: false } : {}),
    })),
    edges: edges.map((edge, i) => ({
      ...(i % 3 === 0 ? { id: `e${i}` } : {}),
      ...edge,
      sourcePort: 'image',
      targetPort: 'images',
    })),
  }));

/** One of `values`, each as likely as the others (fast-check's constantFrom favours the first). */
const anyOf = <T>(values: readonly T[]): fc.Arbitrary<T> =>
  fc.noBias(fc.nat(values.length - 1)).map((index) => values[index] as T);

const flag = [true, false, 'yes', null, undefined];
/** For each field: edge cases on both sides of every limit, wrong types, and `undefined`. */
const valuesFor = {
  node: {
    id: ['', 'has space', 'x'.repeat(64), 'x'.repeat(65), 'é', 7, undefined],
    type: ['component', '9lives', 'a.b-c_d', 'T'.repeat(64), 'T'.repeat(65), '', undefined],
    position: [
      { x: 1 },
      { x: 1, y: 2, z: 3 },
      { x: Number.POSITIVE_INFINITY, y: 0 },
      { x: Number.NaN, y: 0 },
      { x: '3', y: 0 },
      { x: -0, y: 1e300 },
      [1, 2],
      null,
      undefined,
    ],
    params: [
      [],
      'text',
      null,
      Object.create(null) as object,
      { a: undefined },
      JSON.parse('{"__proto__":{"polluted":true}}'),
      { [Symbol('s')]: 1 },
      {},
      undefined,
    ],
    label: ['', 'x'.repeat(200), 'x'.repeat(201), 5, undefined],
    exposeAs: ['subject', '_b', 'scene-2', '2bad', 'a'.repeat(64), 'a'.repeat(65), '', undefined],
    bypass: flag,
    collapsed: flag,
    size: [
      { width: 40, height: 24 },
      { width: 39.9, height: 24 },
      { width: 40, height: 23.9 },
      { width: 20_000, height: 20_000 },
      { width: 20_000.1, height: 30 },
      { width: 50, height: 20_000.1 },
      { width: 40 },
      { width: 40, height: 24, depth: 1 },
      { width: Number.NaN, height: 30 },
      undefined,
    ],
    other: [1, undefined],
  },
  edge: {
    id: ['', 'e', 'e'.repeat(128), 'e'.repeat(129), 5, undefined],
    source: ['nowhere', '', 5, undefined],
    target: ['nowhere', '', 5, undefined],
    sourcePort: ['text', '2x', 'a-b', 'a'.repeat(64), 'a'.repeat(65), '', undefined],
    targetPort: ['text', '2x', 'a_b', 'a'.repeat(64), 'a'.repeat(65), '', undefined],
    other: [1, undefined],
  },
  file: {
    format: ['other', undefined],
    version: [1, 3, '2', undefined],
    name: ['', 'n'.repeat(200), 'n'.repeat(201), 5, undefined],
    description: ['', 'd', 'd'.repeat(20_000), 'd'.repeat(20_001), 5, undefined],
    components: [[], [{ id: 'c' }], {}, undefined],
    nodes: [[], {}, undefined],
    edges: [[], {}, undefined],
    extra: [{}, { a: 1, b: [2] }, [], null, Object.create(null) as object, undefined],
    other: [1, undefined],
  },
} as const;

const change = (on: keyof typeof valuesFor) => {
  const fields = valuesFor[on] as Record<string, readonly unknown[]>;
  return anyOf(Object.keys(fields)).chain((key) =>
    fc.record({
      on: fc.constant(on),
      index: fc.nat(9),
      key: fc.constant(key),
      value: anyOf(fields[key] as readonly unknown[]),
      remove: fc.boolean(),
    }),
  );
};
const mutation = fc.oneof(
  change('node'),
  change('edge'),
  change('file'),
  fc.record({
    on: fc.constant('copy' as const),
    index: fc.nat(9),
    key: anyOf(['node', 'edge']),
    value: fc.constant(0),
    remove: fc.constant(false),
  }),
);

/** A valid file with one to three fields changed, removed or duplicated. */
const nearFile = fc
  .tuple(validFile, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([file, changes]) => {
    const out = structuredClone(file) as Record<string, unknown> & {
      nodes: Record<string, unknown>[];
      edges: Record<string, unknown>[];
    };
    for (const { on, index, key, value, remove } of changes) {
      if (on === 'copy') {
        const list = key === 'node' ? out.nodes : out.edges;
        if (!Array.isArray(list)) continue;
        const item = list[index % Math.max(1, list.length)];
        if (item) list.push({ ...item });
        continue;
      }
      const list = on === 'node' ? out.nodes : on === 'edge' ? out.edges : [out];
      if (!Array.isArray(list)) continue;
      const target = list[index % Math.max(1, list.length)];
      if (target === null || typeof target !== 'object') continue;
      if (remove) delete target[key];
      else target[key] = value;
    }
    return out;
  });

describe('parseCommonWorkflowFile', () => {
  it('accepts only what the schema accepts, and returns what the schema returns', () => {
    let taken = 0;
    let declined = 0;
    fc.assert(
      fc.property(nearFile, (value) => {
        const fast = parseCommonWorkflowFile(value);
        const schema = WorkflowFileSchema.safeParse(value);
        if (fast === undefined) {
          declined += 1;
          return;
        }
        taken += 1;
        expect(schema.success).toBe(true);
        expect(fast).toStrictEqual(schema.data);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
        for (const node of fast.nodes) expect(Object.getPrototypeOf(node.params)).toBe(Object.prototype);
      }),
      { numRuns: 3_000 },
    );
    // Both sides of the promise were exercised, not only the easy one.
    expect(taken).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(100);
  });

  it('takes every strictly valid file, with zod agreeing', () => {
    fc.assert(
      fc.property(validFile, (value) => {
        const fast = parseCommonWorkflowFile(value);
        const schema = WorkflowFileSchema.safeParse(value);
        expect(schema.success).toBe(true);
        expect(fast).toStrictEqual(schema.data);
      }),
      { numRuns: 500 },
    );
  });

  it('takes the shipped templates and the benchmark file', () => {
    const files = readdirSync('examples').filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const raw = JSON.parse(readFileSync(`examples/${name}`, 'utf8')) as Record<string, unknown>;
      const current = raw.version === 2 ? raw : migrateToCurrent(raw, raw.version as number);
      const fast = parseCommonWorkflowFile(current);
      expect(fast, name).toStrictEqual(WorkflowFileSchema.parse(current));
    }
    const bench = JSON.parse(exportWorkflowJson(editorBenchWorkflow()));
    expect(parseCommonWorkflowFile(bench)?.nodes).toHaveLength(500);
  });

  it('leaves files with components, duplicates and dangling edges to the schema', () => {
    const base = {
      format: 'peel.workflow',
      version: 2,
      name: 'n',
      components: [],
      nodes: [
        { id: 'a', type: 'prompt', position: { x: 0, y: 0 }, params: {} },
        { id: 'b', type: 'generate', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [{ source: 'a', sourcePort: 'text', target: 'b', targetPort: 'prompt' }],
    };
    expect(parseCommonWorkflowFile(base)).toBeDefined();
    const variants = [
      { ...base, nodes: [...base.nodes, base.nodes[0]] },
      { ...base, edges: [{ ...base.edges[0], target: 'nowhere' }] },
      { ...base, nodes: base.nodes.map((node) => ({ ...node, exposeAs: 'same' })) },
      { ...base, nodes: [{ ...base.nodes[0], type: 'component', params: { component: 'c' } }] },
      { ...base, components: [{ id: 'c', name: 'C', inputs: [], outputs: [], nodes: [], edges: [] }] },
      { ...base, nodes: [{ ...base.nodes[0], label: undefined }, base.nodes[1]] },
    ];
    for (const variant of variants) expect(parseCommonWorkflowFile(variant)).toBeUndefined();
  });
});
