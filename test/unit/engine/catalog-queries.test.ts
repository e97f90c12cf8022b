/** The active catalog's queries: current models by kind, retirements, override prices, the live check. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILT_IN_MODELS,
  compareWithList,
  currentModels,
  describeRetirement,
  type ModelOverridesFile,
  modelOverrides,
  priceFromOverride,
  setModelOverrides,
} from '../../../src/engine/catalog';

afterEach(() => setModelOverrides(undefined));

const ids = (models: readonly { id: string }[]): string[] => models.map((model) => model.id);

describe('currentModels', () => {
  it('leaves out retired models', () => {
    const current = ids(currentModels());
    expect(current).toContain('gemini-3.1-flash-image');
    expect(current).toContain('gemini-3.5-flash');
    expect(current).not.toContain('gemini-2.5-flash-image');
    expect(current).not.toContain('gemini-2.5-pro');
    expect(current.length).toBeLessThan(BUILT_IN_MODELS.length);
  });

  it('of one kind: only that kind, and still no retired ones', () => {
    const image = currentModels('image');
    const text = currentModels('text');
    expect(image.length).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
    expect(image.every((model) => model.kind === 'image')).toBe(true);
    expect(text.every((model) => model.kind === 'text')).toBe(true);
    expect(ids(image)).toContain('gemini-3-pro-image');
    expect(ids(image)).not.toContain('gemini-3-pro-image-preview');
    expect(ids(text)).toContain('gemini-3.5-flash');
    expect(ids(text)).not.toContain('gemini-2.5-flash');
    // Together the two kinds are exactly the current models.
    expect([...ids(image), ...ids(text)].sort()).toEqual([...ids(currentModels())].sort());
  });
});

describe('modelOverrides', () => {
  it('returns the overrides last set, and undefined once cleared', () => {
    expect(modelOverrides()).toBeUndefined();
    const overrides: ModelOverridesFile = { models: { 'gemini-4-image': {} } };
    setModelOverrides(overrides);
    expect(modelOverrides()).toBe(overrides);
    setModelOverrides(undefined);
    expect(modelOverrides()).toBeUndefined();
  });
});

describe('describeRetirement', () => {
  it('names the shutdown date and the replacement when known', () => {
    expect(
      describeRetirement({
        model: 'gemini-2.5-flash-image',
        shutdown: '2026-10-02',
        replacement: 'gemini-3.1-flash-image',
      }),
    ).toBe(
      'model gemini-2.5-flash-image was shut down by Google on 2026-10-02; its replacement is gemini-3.1-flash-image (output and price differ)',
    );
  });

  it('without a date or replacement, says so plainly', () => {
    expect(describeRetirement({ model: 'gemini-x' })).toBe(
      'model gemini-x was shut down by Google; pick a current model',
    );
    expect(describeRetirement({ model: 'gemini-x', replacement: 'gemini-y' })).toBe(
      'model gemini-x was shut down by Google; its replacement is gemini-y (output and price differ)',
    );
  });
});

describe('priceFromOverride', () => {
  it('is true only for a price the overrides file set', () => {
    expect(priceFromOverride('gemini-3-pro-image')).toBe(false);
    // Unknown ids and catalog models without prices are not override prices (and do not throw).
    expect(priceFromOverride('gemini-9-unknown')).toBe(false);
    expect(priceFromOverride('gemini-2.0-flash-preview-image-generation')).toBe(false);
    setModelOverrides({
      models: {
        'gemini-3-pro-image': { prices: { imageOutputPerMillion: 240 } },
        'gemini-3.5-flash': { displayName: 'renamed, price untouched' },
      },
    });
    expect(priceFromOverride('gemini-3-pro-image')).toBe(true);
    expect(priceFromOverride('gemini-3.5-flash')).toBe(false);
  });
});

describe('compareWithList', () => {
  it('lists as missing exactly the current models the list lacks, never a retired one', () => {
    const current = ids(currentModels());
    const listed = current
      .filter((id) => id !== 'gemini-3-pro-image')
      .map((id) => ({ id, methods: ['generateContent'] }));
    expect(compareWithList(listed)).toEqual({
      usable: current.filter((id) => id !== 'gemini-3-pro-image'),
      missing: ['gemini-3-pro-image'],
      retiredButListed: [],
      unknownImageModels: [],
    });
  });
});
