import type { ImageProvider } from '../../engine/provider';
import type { Settings } from '../settings/settings-store';

type ProvidersModule = typeof import('../../providers/index');

// Loaded on first use so the Gemini SDK stays out of the first-paint bundle.
let loaded: Promise<ProvidersModule> | undefined;
const providersModule = (): Promise<ProvidersModule> => {
  loaded ??= import('../../providers/index');
  return loaded;
};

export type ProviderResult = { ok: true; provider: ImageProvider } | { ok: false; message: string };

export async function providerFor(settings: Settings): Promise<ProviderResult> {
  let module: ProvidersModule;
  try {
    module = await providersModule();
  } catch (cause) {
    // A failed chunk load (offline after an update, say) is a message, not a silent failure.
    loaded = undefined;
    return {
      ok: false,
      message: `could not load the model provider (${cause instanceof Error ? cause.message : String(cause)}); reload the page`,
    };
  }
  if (settings.provider === 'preview') return { ok: true, provider: module.createProvider('preview') };
  const baseUrl = settings.baseUrl.trim();
  return {
    ok: true,
    provider: module.createProvider('gemini', {
      apiKey: settings.apiKey.trim(),
      ...(baseUrl !== '' ? { baseUrl } : {}),
    }),
  };
}

/** The provider id is part of every cache key; estimates need it without building a provider. */
export const providerIdFor = (settings: Settings): string =>
  settings.provider === 'preview' ? 'preview' : 'gemini';
