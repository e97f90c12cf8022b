import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILT_IN_MODELS,
  catalogModel,
  compareWithList,
  currentModels,
  DEFAULT_MODEL,
  parseModelOverrides,
  retirementOf,
  setModelOverrides,
} from '../../../src/engine/catalog';
import { MODEL_TABLE_END, MODEL_TABLE_START, modelTableMarkdown } from '../../../src/engine/catalog/markdown';
import { estimateCallUsd } from '../../../src/engine/cost';
import { currentReplacement, upgradeRetiredModels } from '../../../src/engine/model-upgrade';
import { node, workflowOf } from '../../helpers/workflows';

afterEach(() => setModelOverrides(undefined));

describe('the catalog', () => {
  it('defaults to a current image model, and every retired model names a current replacement', () => {
    expect(DEFAULT_MODEL).toBe('gemini-3.1-flash-image');
    // Google deprecated it on 2026-10-06 with no shutdown date on its pages: still current, and
    // the catalog names its GA successor (read 2026-12-02).
    expect(catalogModel(DEFAULT_MODEL)).toMatchObject({
      kind: 'image',
      lifecycle: { status: 'deprecated', replacement: 'gemini-nano-banana-2.1' },
    });
    expect(catalogModel('gemini-nano-banana-2.1')).toMatchObject({
      kind: 'image',
      lifecycle: { status: 'ga' },
    });
    for (const model of BUILT_IN_MODELS.filter((entry) => entry.lifecycle.status === 'retired')) {
      const replacement = currentReplacement(model.id);
      expect(replacement, model.id).toBeDefined();
      expect(catalogModel(replacement ?? '')?.kind).toBe(model.kind);
    }
    expect(retirementOf('gemini-2.5-flash-image')).toEqual({
      model: 'gemini-2.5-flash-image',
      shutdown: '2026-10-02',
      replacement: 'gemini-3.1-flash-image',
    });
    expect(retirementOf('gemini-3.1-flash-image')).toBeUndefined();
  });

  it('records a date and a source for every figure, and a route id for every route', () => {
    for (const model of BUILT_IN_MODELS) {
      for (const source of [model.lifecycle.source, model.limits.source, model.capabilities.source]) {
        expect(source.read, model.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(source.url, model.id).toMatch(/^https:\/\//);
      }
      if (model.prices) expect(model.prices.source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(model.routes.gemini?.id).toBe(model.id);
      expect(model.routes.vertex?.id).toBe(model.id);
      // OpenRouter: google/<id>, except where no OpenRouter id was found (never guessed).
      if (model.id === 'gemini-3.1-flash-lite-image' || model.id === 'gemini-nano-banana-2.1')
        expect(model.routes.openrouter).toBeUndefined();
      else expect(model.routes.openrouter?.id).toBe(`google/${model.id}`);
    }
    // Only image models take imageConfig fields; a one-size model is never sent imageSize.
    expect(catalogModel('gemini-3.1-flash-lite-image')?.routes.gemini?.imageConfig).toEqual(['aspectRatio']);
    expect(catalogModel('gemini-3.5-flash')?.routes.gemini?.imageConfig).toEqual([]);
  });

  it('the README model table is the generated one (npm run docs:models)', () => {
    const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
    const block = readme.slice(
      readme.indexOf(MODEL_TABLE_START),
      readme.indexOf(MODEL_TABLE_END) + MODEL_TABLE_END.length,
    );
    expect(block).toBe(modelTableMarkdown(BUILT_IN_MODELS));
    expect(block).toContain('image prices read 2026-11-25');
  });
});

describe('upgrading retired models', () => {
  it('replaces only retired models and reports each change', () => {
    const workflow = workflowOf(
      [
        node('a', 'generate', { model: 'gemini-2.5-flash-image', aspectRatio: '1:1' }),
        node('b', 'edit', { model: 'gemini-3-pro-image-preview' }),
        node('c', 'generate', { model: 'gemini-3.1-flash-image' }),
        node('d', 'generate', { model: 'gemini-9-unknown-image' }),
      ],
      [],
    );
    const { workflow: upgraded, upgrades, stuck } = upgradeRetiredModels(workflow);
    expect(upgrades).toEqual([
      { nodeId: 'a', from: 'gemini-2.5-flash-image', to: 'gemini-3.1-flash-image' },
      { nodeId: 'b', from: 'gemini-3-pro-image-preview', to: 'gemini-3-pro-image' },
    ]);
    expect(stuck).toEqual([]);
    expect(upgraded.nodes.map((n) => n.params.model)).toEqual([
      'gemini-3.1-flash-image',
      'gemini-3-pro-image',
      'gemini-3.1-flash-image',
      'gemini-9-unknown-image',
    ]);
    expect(upgraded.nodes[0]?.params.aspectRatio).toBe('1:1');
    // The input is not changed in place.
    expect(workflow.nodes[0]?.params.model).toBe('gemini-2.5-flash-image');
  });
});

describe('overrides', () => {
  it('are validated strictly, every problem with its path', () => {
    const bad = parseModelOverrides(
      JSON.stringify({
        models: { 'gemini-3.1-flash-image': { prices: { inputPerMillion: -1 }, colour: 'red' } },
      }),
      'models.json',
    );
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.error.map((error) => error.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\.json: models\.gemini-3\.1-flash-image\.prices\.inputPerMillion: /),
        expect.stringMatching(/^models\.json: models\.gemini-3\.1-flash-image: Unrecognized key.*colour/),
      ]),
    );
    expect(parseModelOverrides('{', 'x.json').ok).toBe(false);
  });

  it('change a known price and add a model the catalog lacks', () => {
    const base = estimateCallUsd({ model: 'gemini-3-pro-image', promptChars: 40, inputImages: 0 }) ?? 0;
    expect(estimateCallUsd({ model: 'gemini-4-image', promptChars: 40, inputImages: 0 })).toBeNull();
    const parsed = parseModelOverrides(
      JSON.stringify({
        read: '2026-12-01',
        models: {
          'gemini-3-pro-image': { prices: { imageOutputPerMillion: 240 } },
          'gemini-4-image': {
            prices: {
              inputPerMillion: 1,
              textOutputPerMillion: 4,
              imageOutputPerMillion: 50,
              imageTokensBySize: { '1K': 1000 },
            },
            limits: { imageSizes: ['1K'] },
          },
        },
      }),
      'o.json',
    );
    if (!parsed.ok) throw new Error('override did not parse');
    setModelOverrides(parsed.value);
    // 1120 image tokens now at $240 instead of $120: $0.1344 more.
    expect(estimateCallUsd({ model: 'gemini-3-pro-image', promptChars: 40, inputImages: 0 })).toBeCloseTo(
      base + 0.1344,
      6,
    );
    // 10 prompt tokens × $1 + 1000 × $50 + 20 text × $4, per 1M.
    expect(estimateCallUsd({ model: 'gemini-4-image', promptChars: 40, inputImages: 0 })).toBeCloseTo(
      0.05009,
      6,
    );
    expect(catalogModel('gemini-4-image')).toMatchObject({ kind: 'image', origin: 'override' });
    expect(currentModels('image').map((model) => model.id)).toContain('gemini-4-image');
    setModelOverrides(undefined);
    expect(catalogModel('gemini-4-image')).toBeUndefined();
  });
});

describe('the live check', () => {
  it('marks usable and missing catalog models and finds image models the catalog lacks', () => {
    const live = compareWithList([
      { id: 'gemini-3.1-flash-image', methods: ['generateContent'] },
      { id: 'gemini-2.5-flash-image', methods: ['generateContent'] },
      { id: 'gemini-3.2-pro-image', methods: ['generateContent', 'countTokens'] },
      { id: 'text-embedding-005', methods: ['embedContent'] },
      { id: 'imagen-9-image', methods: ['predict'] },
    ]);
    expect(live.usable).toEqual(['gemini-3.1-flash-image']);
    expect(live.missing).toContain('gemini-3-pro-image');
    expect(live.missing).not.toContain('gemini-2.5-flash-image');
    expect(live.retiredButListed).toEqual(['gemini-2.5-flash-image']);
    expect(live.unknownImageModels.map((model) => model.id)).toEqual(['gemini-3.2-pro-image']);
  });
});
