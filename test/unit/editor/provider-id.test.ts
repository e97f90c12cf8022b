import { describe, expect, it } from 'vitest';
import { providerFor, providerIdFor } from '../../../src/editor/run/provider-factory';
import { type Settings, useSettingsStore } from '../../../src/editor/settings/settings-store';

/**
 * Estimates take the provider id from the settings alone (diagnostics.ts, reroll-estimate.ts): it
 * is part of every cache key, so it must be the id of the provider a run would build.
 */
describe('the provider id estimates use', () => {
  const cases: [string, Partial<Settings>][] = [
    ['Gemini API', { provider: 'gemini', route: 'gemini', apiKey: 'k' }],
    ['Vertex AI', { provider: 'gemini', route: 'vertex', vertexApiKey: 'k' }],
    ['OpenRouter', { provider: 'gemini', route: 'openrouter', openrouterKey: 'k' }],
    ['preview', { provider: 'preview' }],
  ];
  it.each(cases)('is the id of the provider a run builds: %s', async (_, overrides) => {
    const settings = { ...useSettingsStore.getState(), ...overrides } as Settings;
    const built = await providerFor(settings);
    if (!built.ok) throw new Error(built.message);
    expect(providerIdFor(settings)).toBe(built.provider.id);
  });

  it('is the same on every route (switching route never pays twice) and differs for preview', () => {
    const base = useSettingsStore.getState();
    const ids = cases.map(([, overrides]) => providerIdFor({ ...base, ...overrides } as Settings));
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
  });
});
