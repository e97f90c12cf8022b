import type { ImageProvider } from '../../engine/provider';
import type { Settings } from '../settings/settings-store';
import { createFallbackPreviewProvider } from './fallback-preview-provider';

/** The shape `src/providers/index.ts` exports (written by the provider engineer). */
interface ProvidersModule {
  createProvider(kind: 'gemini' | 'preview', options: { apiKey?: string; baseUrl?: string }): ImageProvider;
}

/*
 * Loaded lazily so the Gemini SDK stays out of the first bundle, and through a glob so the editor
 * builds before `src/providers/index.ts` exists (the glob is then empty).
 */
const modules = import.meta.glob<ProvidersModule>('../../providers/index.ts');

let loaded: Promise<ProvidersModule | undefined> | undefined;
function providersModule(): Promise<ProvidersModule | undefined> {
  if (!loaded) {
    const load = Object.values(modules)[0];
    loaded = load ? load() : Promise.resolve(undefined);
  }
  return loaded;
}

export type ProviderResult = { ok: true; provider: ImageProvider } | { ok: false; message: string };

export async function providerFor(settings: Settings): Promise<ProviderResult> {
  const module = await providersModule().catch(() => undefined);
  if (settings.provider === 'preview') {
    return {
      ok: true,
      provider: module ? module.createProvider('preview', {}) : createFallbackPreviewProvider(),
    };
  }
  if (!module) return { ok: false, message: 'the Gemini provider is not available in this build' };
  const options: { apiKey: string; baseUrl?: string } = { apiKey: settings.apiKey.trim() };
  if (settings.baseUrl.trim() !== '') options.baseUrl = settings.baseUrl.trim();
  return { ok: true, provider: module.createProvider('gemini', options) };
}

/** The provider id is part of every cache key; estimates need it without building a provider. */
export const providerIdFor = (settings: Settings): string =>
  settings.provider === 'preview' ? 'preview' : 'gemini';
