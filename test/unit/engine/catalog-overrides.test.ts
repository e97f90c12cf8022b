/**
 * The overrides file: parse errors word for word, and the exact model entries applyOverrides builds
 * (toStrictEqual, so a key set to undefined differs from a key left out, as the estimates see it).
 */
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  BUILT_IN_MODELS,
  type CatalogModel,
  type ModelOverridesFile,
  parseModelOverrides,
} from '../../../src/engine/catalog';

const builtIn = (id: string): CatalogModel => {
  const model = BUILT_IN_MODELS.find((entry) => entry.id === id);
  if (!model) throw new Error(`no built-in model ${id}`);
  return model;
};

const applied = (overrides: ModelOverridesFile, id: string): CatalogModel | undefined =>
  applyOverrides(BUILT_IN_MODELS, overrides).find((model) => model.id === id);

const NO_CAPABILITIES = {
  thinkingLevels: [],
  thoughts: false,
  searchGrounding: false,
  imageSearch: false,
  systemInstruction: false,
  sampling: false,
  safetySettings: false,
  imageOnlyOutput: false,
};

describe('parseModelOverrides', () => {
  it('text that is not JSON is one invalid_input error naming the file and the parser message', () => {
    let parserMessage = '';
    try {
      JSON.parse('{');
    } catch (cause) {
      parserMessage = (cause as Error).message;
    }
    expect(parserMessage).not.toBe('');
    expect(parseModelOverrides('{', 'x.json')).toEqual({
      ok: false,
      error: [{ code: 'invalid_input', message: `x.json is not valid JSON (${parserMessage})` }],
    });
  });

  it('a problem with the whole file is reported at "(top level)", each problem with its path', () => {
    expect(parseModelOverrides('42', 'o.json')).toEqual({
      ok: false,
      error: [
        {
          code: 'invalid_input',
          message: 'o.json: (top level): Invalid input: expected object, received number',
        },
      ],
    });
    expect(parseModelOverrides(JSON.stringify({ models: { Bad: {} }, x: 1 }), 'o.json')).toEqual({
      ok: false,
      error: [
        { code: 'invalid_input', message: 'o.json: models.Bad: Invalid key in record' },
        { code: 'invalid_input', message: 'o.json: (top level): Unrecognized key: "x"' },
      ],
    });
  });

  it('a valid file is returned as parsed', () => {
    const file = { read: '2026-12-01', models: { 'gemini-4-image': { kind: 'image', displayName: 'Four' } } };
    expect(parseModelOverrides(JSON.stringify(file), 'o.json')).toEqual({ ok: true, value: file });
  });
});

describe('applyOverrides: a model the catalog lacks', () => {
  it('an image model gets empty limits, no capabilities, a GA lifecycle and a Gemini route with both imageConfig fields', () => {
    const source = { read: '2026-12-01', url: 'your model overrides file' };
    expect(applied({ read: '2026-12-01', models: { 'gemini-4-image': {} } }, 'gemini-4-image')).toStrictEqual(
      {
        id: 'gemini-4-image',
        displayName: 'gemini-4-image',
        kind: 'image',
        lifecycle: { status: 'ga', source },
        limits: { aspectRatios: [], imageSizes: [], source },
        capabilities: { ...NO_CAPABILITIES, source },
        routes: { gemini: { id: 'gemini-4-image', imageConfig: ['aspectRatio', 'imageSize'], source } },
        origin: 'override',
      },
    );
  });

  it('a text model gets no imageConfig fields; its name, limits and capabilities come from the override', () => {
    const source = { read: 'unknown date', url: 'your model overrides file' };
    const model = applied(
      {
        models: {
          'gemini-9-flash': {
            kind: 'text',
            displayName: 'Gemini 9 Flash',
            limits: { inputTokenLimit: 2000 },
            capabilities: { systemInstruction: true, thinkingLevels: ['LOW'] },
          },
        },
      },
      'gemini-9-flash',
    );
    expect(model).toStrictEqual({
      id: 'gemini-9-flash',
      displayName: 'Gemini 9 Flash',
      kind: 'text',
      lifecycle: { status: 'ga', source },
      limits: { aspectRatios: [], imageSizes: [], source, inputTokenLimit: 2000 },
      capabilities: { ...NO_CAPABILITIES, source, systemInstruction: true, thinkingLevels: ['LOW'] },
      routes: { gemini: { id: 'gemini-9-flash', imageConfig: [], source } },
      origin: 'override',
    });
  });

  it('is priced only when it has both input and text-output rates', () => {
    const models = { 'gemini-4-image': { prices: { textOutputPerMillion: 4 } } };
    expect(applied({ models }, 'gemini-4-image')).not.toHaveProperty('prices');
    const inputOnly = { 'gemini-4-image': { prices: { inputPerMillion: 1 } } };
    expect(applied({ models: inputOnly }, 'gemini-4-image')).not.toHaveProperty('prices');
  });

  it('with both rates, gets exactly the fields given, a 0.5 batch discount by default, and the override as source', () => {
    const model = applied(
      {
        read: '2026-12-01',
        models: {
          'gemini-9-flash': { kind: 'text', prices: { inputPerMillion: 1, textOutputPerMillion: 4 } },
        },
      },
      'gemini-9-flash',
    );
    expect(model?.prices).toStrictEqual({
      inputPerMillion: 1,
      textOutputPerMillion: 4,
      imageTokensBySize: {},
      batchDiscount: 0.5,
      typicalThoughtTokens: {},
      source: { read: '2026-12-01', url: 'your model overrides file', note: 'price from your override' },
    });
  });

  it('keeps every optional price it is given', () => {
    const prices = {
      inputPerMillion: 1,
      textOutputPerMillion: 4,
      imageOutputPerMillion: 50,
      imageTokensBySize: { '1K': 1000 },
      batchDiscount: 0.25,
      groundedRequestUsd: 0.02,
      typicalThoughtTokens: { default: 300 },
    };
    expect(applied({ models: { 'gemini-4-image': { prices } } }, 'gemini-4-image')?.prices).toStrictEqual({
      ...prices,
      source: { read: 'unknown date', url: 'your model overrides file', note: 'price from your override' },
    });
  });
});

describe('applyOverrides: a model the catalog has', () => {
  it('merges a price into the catalog prices and keeps the rest of the entry', () => {
    const base = builtIn('gemini-3-pro-image');
    const basePrices = base.prices;
    if (!basePrices) throw new Error('gemini-3-pro-image has prices in the catalog');
    expect(basePrices.groundedRequestUsd).toBe(0.014);
    const model = applied(
      { read: '2026-12-01', models: { 'gemini-3-pro-image': { prices: { imageOutputPerMillion: 240 } } } },
      'gemini-3-pro-image',
    );
    expect(model).toStrictEqual({
      ...base,
      origin: 'override',
      prices: {
        inputPerMillion: basePrices.inputPerMillion,
        textOutputPerMillion: basePrices.textOutputPerMillion,
        imageOutputPerMillion: 240,
        imageTokensBySize: { ...basePrices.imageTokensBySize },
        batchDiscount: basePrices.batchDiscount,
        groundedRequestUsd: 0.014,
        typicalThoughtTokens: { ...basePrices.typicalThoughtTokens },
        source: { read: '2026-12-01', url: 'your model overrides file', note: 'price from your override' },
      },
    });
    // The catalog's own routes (Vertex, OpenRouter) stay; no default Gemini-only route replaces them.
    expect(model?.routes).toBe(base.routes);
    expect(model?.lifecycle).toBe(base.lifecycle);
  });

  it('an override without prices keeps the catalog prices; a half-priced override keeps them too', () => {
    const base = builtIn('gemini-3.5-flash');
    expect(
      applied({ models: { 'gemini-3.5-flash': { displayName: 'Flash' } } }, 'gemini-3.5-flash'),
    ).toMatchObject({
      displayName: 'Flash',
      kind: 'text',
      prices: base.prices,
    });
    // A retired model without catalog prices and an override without prices stays unpriced.
    expect(applied({ models: { 'gemini-2.5-pro': {} } }, 'gemini-2.5-pro')).not.toHaveProperty('prices');
  });

  it('a kind or name the override leaves out comes from the catalog', () => {
    const model = applied(
      { models: { 'gemini-3.5-flash': { limits: { inputTokenLimit: 5 } } } },
      'gemini-3.5-flash',
    );
    expect(model?.kind).toBe('text');
    expect(model?.displayName).toBe(builtIn('gemini-3.5-flash').displayName);
    expect(model?.limits.inputTokenLimit).toBe(5);
  });

  it('no overrides: a copy of the catalog', () => {
    const copy = applyOverrides(BUILT_IN_MODELS, undefined);
    expect(copy).toEqual(BUILT_IN_MODELS);
    expect(copy).not.toBe(BUILT_IN_MODELS);
  });
});
