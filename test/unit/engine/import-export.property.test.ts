import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { exportImageWithWorkflow, exportWorkflowJson } from '../../../src/engine/export';
import { extractWorkflowText } from '../../../src/engine/image/embedded-workflow';
import { importWorkflowBytes, importWorkflowText } from '../../../src/engine/import';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../../src/engine/workflow';
import { tinyPng } from '../../helpers/tiny-png';

const assets = new MemoryAssetStore();
const pngs = [1, 2, 3].map((seed) => assets.put(tinyPng(seed), 'image/png'));

const safeText = fc.string({ maxLength: 80, unit: 'grapheme' }).filter((s) => !/AIza/.test(s));
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
/** JSON values without the keys an import refuses on purpose (prototype pollution guards). */
const plainJson = fc
  .jsonValue({ maxDepth: 3 })
  .filter((value) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(value)));
const position = fc.record({
  x: fc.integer({ min: -5000, max: 5000 }),
  y: fc.double({ min: -5000, max: 5000, noNaN: true, noDefaultInfinity: true }),
});

const nodeBody = fc.oneof(
  fc.record({ type: fc.constant('prompt'), params: fc.record({ text: safeText }) }),
  fc.record({
    type: fc.constant('generate'),
    params: fc.record({
      model: fc.constantFrom('gemini-3.1-flash-image', 'gemini-3-pro-image'),
      variations: fc.integer({ min: 1, max: 8 }),
    }),
  }),
  fc.record({
    type: fc.constant('referenceSet'),
    params: fc.record({
      images: fc
        .subarray(pngs)
        .map((images) =>
          images.map((image, i) => ({ name: `ref-${i}.png`, mimeType: image.mimeType, hash: image.hash })),
        ),
    }),
  }),
  fc.record({
    type: fc.constant('someFutureNode'),
    params: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), plainJson),
  }),
);

const workflowArb: fc.Arbitrary<Workflow> = fc
  .record({
    name: safeText,
    ids: fc.uniqueArray(id, { minLength: 1, maxLength: 8 }),
    bodies: fc.array(nodeBody, { minLength: 8, maxLength: 8 }),
    positions: fc.array(position, { minLength: 8, maxLength: 8 }),
    labels: fc.array(fc.option(safeText, { nil: undefined }), { minLength: 8, maxLength: 8 }),
    edgePicks: fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(),
        fc.constantFrom('text', 'image', 'images'),
        fc.constantFrom('prompt', 'references', 'image'),
      ),
      { maxLength: 10 },
    ),
    description: fc.option(safeText, { nil: undefined }),
    extra: fc.option(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), plainJson), {
      nil: undefined,
    }),
  })
  .map(({ name, ids, bodies, positions, labels, edgePicks, description, extra }) => {
    const nodes: WorkflowNode[] = ids.map((nodeId, i) => {
      const body = bodies[i] as { type: string; params: Record<string, unknown> };
      const node: WorkflowNode = {
        id: nodeId,
        type: body.type,
        position: positions[i] as { x: number; y: number },
        params: body.params,
      };
      const label = labels[i];
      if (label !== undefined) node.label = label;
      return node;
    });
    const edges: WorkflowEdge[] = edgePicks.map(([a, b, sourcePort, targetPort]) => ({
      source: ids[a % ids.length] as string,
      sourcePort,
      target: ids[b % ids.length] as string,
      targetPort,
    }));
    const workflow: Workflow = { format: 'peel.workflow', version: 1, name, nodes, edges };
    if (description !== undefined) workflow.description = description;
    if (extra !== undefined) workflow.extra = extra;
    return workflow;
  });

const getImage = (hash: string) => assets.getSync(hash);

/** JSON drops -0 and undefined; compare what a file can hold. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('import and export (properties)', () => {
  it('import(export(w)) equals w, with and without embedded images', () => {
    fc.assert(
      fc.property(workflowArb, fc.boolean(), (workflow, embedImages) => {
        const text = exportWorkflowJson(workflow, { embedImages, getImage });
        const imported = importWorkflowText(text);
        if (!imported.ok) throw new Error(JSON.stringify(imported.error));
        expect(asJson(imported.value.workflow)).toEqual(asJson(workflow));
        // Exporting again is byte-identical (canonical).
        expect(
          exportWorkflowJson(imported.value.workflow, {
            embedImages,
            getImage: (h) => imported.value.assets.getSync(h) ?? getImage(h),
          }),
        ).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('the importer answers a workflow or a typed error for any input, never throws, never pollutes prototypes', () => {
    const valid = exportWorkflowJson({
      format: 'peel.workflow',
      version: 1,
      name: 'x',
      nodes: [{ id: 'a', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'hi' } }],
      edges: [],
    });
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .anything({ withObjectString: true, withNullPrototype: true })
        .map((value) => new TextEncoder().encode(safeStringify(value))),
      fc
        .tuple(fc.nat({ max: valid.length }), fc.string({ maxLength: 20 }))
        .map(([at, insert]) => new TextEncoder().encode(valid.slice(0, at) + insert + valid.slice(at))),
      fc
        .constantFrom(
          '{"__proto__":{"polluted":1}}',
          '{"format":"peel.workflow","version":1,"name":"x","nodes":[],"edges":[],"extra":{"constructor":{"prototype":{"polluted":1}}}}',
        )
        .map((t) => new TextEncoder().encode(t)),
    );
    fc.assert(
      fc.property(inputs, (bytes) => {
        const result = importWorkflowBytes(bytes);
        if (result.ok) expect(result.value.workflow.format).toBe('peel.workflow');
        else {
          expect(result.error.length).toBeGreaterThan(0);
          for (const error of result.error) {
            expect(typeof error.code).toBe('string');
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: 400 },
    );
  });

  it('the API key never appears in an exported file or image, whatever the workflow and settings', () => {
    const keyArb = fc.oneof(
      fc.stringMatching(/^AIza[0-9A-Za-z_-]{35}$/),
      fc
        .string({ minLength: 16, maxLength: 40 })
        .filter((s) => s.trim().length >= 16 && !/^[\s{}[\]",:0-9a-z.-]*$/.test(s)),
    );
    fc.assert(
      fc.property(workflowArb, keyArb, fc.boolean(), fc.nat(), (workflow, apiKey, embedImages, where) => {
        // The user pasted their key into a prompt, a label and the description by mistake.
        const leaky = structuredClone(workflow);
        const node = leaky.nodes[where % leaky.nodes.length] as WorkflowNode;
        node.label = `see ${apiKey}`;
        leaky.description = `key=${apiKey}`;
        const settings = { apiKey, embedImages, getImage, secrets: [apiKey] };
        const text = exportWorkflowJson(leaky, settings);
        expect(text).not.toContain(apiKey);
        const image = exportImageWithWorkflow(assets.getSync(pngs[0]?.hash ?? '') as never, leaky, settings);
        if (!image.ok) throw new Error(image.error.message);
        const embedded = extractWorkflowText(image.value);
        expect(embedded.ok && embedded.value).toBeTruthy();
        expect(embedded.ok ? embedded.value : '').not.toContain(apiKey);
        expect(Buffer.from(image.value).toString('latin1')).not.toContain(apiKey);
      }),
      { numRuns: 100 },
    );
  });
});

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}
