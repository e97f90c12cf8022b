import { describe, expect, it } from 'vitest';
import { selectableModels } from '../../../src/engine/models';
import {
  geminiIdForRouteModel,
  isRouteId,
  routeAcceptsImageConfig,
  routeKeepsConversation,
  routeModelId,
} from '../../../src/engine/route-models';

describe('route model ids', () => {
  it('gemini and vertex use the Gemini id unchanged', () => {
    const models = selectableModels();
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      expect(routeModelId('gemini', model.id)).toBe(model.id);
      expect(routeModelId('vertex', model.id)).toBe(model.id);
    }
  });

  it('openrouter maps to google/<id> and back, and never invents an id', () => {
    expect(routeModelId('openrouter', 'gemini-3.1-flash-image-preview')).toBe(
      'google/gemini-3.1-flash-image-preview',
    );
    expect(routeModelId('openrouter', 'gemini-2.5-flash-image')).toBe('google/gemini-2.5-flash-image');
    expect(routeModelId('openrouter', 'gemini-3.1-flash-lite-image')).toBeUndefined();
    expect(geminiIdForRouteModel('openrouter', 'google/gemini-3-pro-image-preview')).toBe(
      'gemini-3-pro-image-preview',
    );
  });

  it('openrouter forwards 1K/2K/4K but not 512; other routes forward every size', () => {
    expect(routeAcceptsImageConfig('openrouter', 'gemini-3.1-flash-image', 'imageSize', '2K')).toBe(true);
    expect(routeAcceptsImageConfig('openrouter', 'gemini-3.1-flash-image', 'imageSize', '512')).toBe(false);
    expect(routeAcceptsImageConfig('vertex', 'gemini-3.1-flash-image', 'imageSize', '512')).toBe(true);
    expect(routeAcceptsImageConfig('openrouter', 'gemini-3.1-flash-image', 'aspectRatio', '21:9')).toBe(true);
    // The catalog says which fields each route takes per model: Flash-Lite Image has no size.
    expect(routeAcceptsImageConfig('gemini', 'gemini-3.1-flash-lite-image', 'imageSize', '1K')).toBe(false);
  });

  it('only openrouter drops the conversation', () => {
    expect([
      routeKeepsConversation('gemini'),
      routeKeepsConversation('vertex'),
      routeKeepsConversation('openrouter'),
    ]).toEqual([true, true, false]);
  });

  it('a model the catalog lacks keeps its id on gemini and vertex, has none on openrouter', () => {
    expect(routeModelId('gemini', 'gemini-9-unknown-image')).toBe('gemini-9-unknown-image');
    expect(routeModelId('vertex', 'gemini-9-unknown-image')).toBe('gemini-9-unknown-image');
    expect(routeModelId('openrouter', 'gemini-9-unknown-image')).toBeUndefined();
  });

  it('maps back only openrouter ids: other routes already name the Gemini id', () => {
    expect(geminiIdForRouteModel('vertex', 'google/gemini-3-pro-image-preview')).toBe(
      'google/gemini-3-pro-image-preview',
    );
    expect(geminiIdForRouteModel('gemini', 'gemini-9-unknown-image')).toBe('gemini-9-unknown-image');
    expect(geminiIdForRouteModel('openrouter', 'google/gemini-9-unknown-image')).toBeUndefined();
  });

  it('openrouter forwards exactly the sizes 1K, 2K and 4K, and no size at all', () => {
    const accepts = (value?: string) =>
      routeAcceptsImageConfig('openrouter', 'gemini-3.1-flash-image', 'imageSize', value);
    expect([undefined, '1K', '2K', '4K', '512', '', '8K'].map(accepts)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('for a model the catalog lacks, only the route decides', () => {
    expect(routeAcceptsImageConfig('gemini', 'gemini-9-unknown-image', 'imageSize', '512')).toBe(true);
    expect(routeAcceptsImageConfig('openrouter', 'gemini-9-unknown-image', 'imageSize', '512')).toBe(false);
    expect(routeAcceptsImageConfig('openrouter', 'gemini-9-unknown-image', 'aspectRatio', '1:1')).toBe(true);
  });
});

describe('isRouteId', () => {
  it('is true for the three routes and false for anything else', () => {
    expect(['gemini', 'vertex', 'openrouter'].map(isRouteId)).toEqual([true, true, true]);
    expect(['', 'Gemini', 'openai', 'string'].map(isRouteId)).toEqual([false, false, false, false]);
    expect([undefined, null, 1, ['gemini']].map(isRouteId)).toEqual([false, false, false, false]);
  });
});
