import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { exportWorkflowJson } from '../../../src/engine/export';
import { exportImageWithWorkflow } from '../../../src/engine/export-image';
import { extractWorkflowText } from '../../../src/engine/image/embedded-workflow';
import { importWorkflowBytes, importWorkflowText } from '../../../src/engine/import';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../../src/engine/workflow';
import { base64HasKeyRun, jpegCarrying, pngCarrying } from '../../helpers/key-run-images';
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
    const workflow: Workflow = { format: 'peel.workflow', version: 2, name, components: [], nodes, edges };
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

describe('export keeps reference images intact (issue 11 item 1)', () => {
  /** A reference image: arbitrary bytes inside a valid PNG or JPEG, sometimes with a key-shaped base64 run. */
  const referenceArb = fc
    .record({
      format: fc.constantFrom('png', 'jpeg'),
      before: fc.uint8Array({ maxLength: 400 }),
      after: fc.uint8Array({ maxLength: 400 }),
      keyTail: fc.option(fc.stringMatching(/^[A-Za-z0-9]{36}$/), { nil: undefined }),
    })
    .map(({ format, ...carried }) => ({
      bytes: format === 'png' ? pngCarrying(carried) : jpegCarrying(carried),
      mimeType: format === 'png' ? 'image/png' : 'image/jpeg',
      planted: carried.keyTail !== undefined,
    }));
  const apiKeyArb = fc.stringMatching(/^[0-9A-Za-z_-]{35}$/).map((tail) => `AIza${tail}`);

  function referenceWorkflow(hash: string, mimeType: string): Workflow {
    return {
      format: 'peel.workflow',
      version: 1,
      name: 'refs',
      nodes: [
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a fox' } },
        {
          id: 'r',
          type: 'referenceSet',
          position: { x: 0, y: 200 },
          params: { images: [{ name: 'ref', mimeType, hash }] },
        },
        {
          id: 'g',
          type: 'generate',
          position: { x: 300, y: 0 },
          params: { model: 'gemini-2.5-flash-image' },
        },
      ],
      edges: [
        { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
        { source: 'r', sourcePort: 'images', target: 'g', targetPort: 'references' },
      ],
    };
  }

  /** The bytes of the one reference image an imported workflow carries. */
  function importedReference(result: ReturnType<typeof importWorkflowBytes>): Uint8Array | undefined {
    if (!result.ok) throw new Error(result.error.map((e) => `${e.path ?? ''} ${e.message}`).join('; '));
    const refs = result.value.workflow.nodes.find((node) => node.id === 'r');
    const hash = (refs?.params as { images?: { hash: string }[] } | undefined)?.images?.[0]?.hash ?? '';
    return result.value.assets.getSync(hash)?.bytes;
  }

  it('export then import round-trips any image bytes, in JSON and in the workflow embedded in PNG and JPEG', () => {
    const carriers = [tinyPng(7), jsonlessJpeg()];
    let plantedRuns = 0;
    fc.assert(
      fc.property(referenceArb, apiKeyArb, fc.boolean(), (reference, apiKey, carrierIsJpeg) => {
        const store = new MemoryAssetStore();
        const image = store.put(reference.bytes, reference.mimeType);
        if (reference.planted) {
          // The case the old whole-text redaction broke: the base64 holds a key-shaped run.
          expect(base64HasKeyRun(reference.bytes)).toBe(true);
          plantedRuns++;
        }
        const workflow = referenceWorkflow(image.hash, reference.mimeType);
        const options = { embedImages: true, getImage: (h: string) => store.getSync(h), secrets: [apiKey] };

        const text = exportWorkflowJson(workflow, options);
        expect(importedReference(importWorkflowBytes(new TextEncoder().encode(text)))).toEqual(
          reference.bytes,
        );

        const carrier = carriers[carrierIsJpeg ? 1 : 0] as Uint8Array;
        const exported = exportImageWithWorkflow(
          { bytes: carrier, mimeType: carrierIsJpeg ? 'image/jpeg' : 'image/png', hash: 'carrier' },
          workflow,
          options,
        );
        if (!exported.ok) throw new Error(exported.error.message);
        expect(importedReference(importWorkflowBytes(exported.value))).toEqual(reference.bytes);
      }),
      { numRuns: 120 },
    );
    expect(plantedRuns).toBeGreaterThan(0);
  });

  it('a key typed into a prompt is still removed while the key-shaped image data next to it is kept', () => {
    const tail = 'Zz09'.repeat(9);
    const reference = pngCarrying({ before: new Uint8Array([1, 2, 3]), keyTail: tail });
    const store = new MemoryAssetStore();
    const image = store.put(reference, 'image/png');
    const apiKey = `AIza${'k'.repeat(35)}`;
    const workflow = referenceWorkflow(image.hash, 'image/png');
    (workflow.nodes[0] as WorkflowNode).params = { text: `use ${apiKey} and AIza${tail.slice(0, 35)}` };
    const text = exportWorkflowJson(workflow, { getImage: (h) => store.getSync(h), secrets: [apiKey] });
    const prompt = (JSON.parse(text).nodes[0] as { params: { text: string } }).params.text;
    expect(prompt).toBe('use [removed API key] and [removed API key]');
    expect(text).toContain(`AIza${tail}`);
    expect(importedReference(importWorkflowText(text))).toEqual(reference);
  });
});

function jsonlessJpeg(): Uint8Array {
  return jpegCarrying({ before: new Uint8Array([9]) });
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}
