import type { ImageProvider } from '../../engine/provider';
import type { Settings } from '../settings/settings-store';
import { browserHashBytes } from './browser-hash-bytes';

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
  if (settings.route === 'vertex') {
    // Browsers can only use Vertex AI's express mode: the SDK refuses project credentials there.
    return {
      ok: true,
      provider: module.createRouteProvider(
        {
          route: 'vertex',
          credential: 'express-key',
          apiKey: settings.vertexApiKey.trim(),
          location: 'global',
          baseUrl: settings.vertexBaseUrl.trim() || undefined,
        },
        browserHashBytes,
      ),
    };
  }
  if (settings.route === 'openrouter') {
    return {
      ok: true,
      provider: module.createRouteProvider(
        {
          route: 'openrouter',
          apiKey: settings.openrouterKey.trim(),
          baseUrl: settings.openrouterBaseUrl.trim() || undefined,
          appUrl: globalThis.location?.origin,
        },
        browserHashBytes,
      ),
    };
  }
  const baseUrl = settings.baseUrl.trim();
  return {
    ok: true,
    provider: inBrowserWords(
      module.createProvider('gemini', {
        apiKey: settings.apiKey.trim(),
        ...(baseUrl !== '' ? { baseUrl } : {}),
        hashBytes: browserHashBytes,
      }),
    ),
  };
}

/** The CLI's advice ("set GEMINI_API_KEY") means nothing in a browser: the key lives in Settings. */
const ENV_ADVICE = /\s*(?:,|or)?\s*set GEMINI_API_KEY/g;

export function browserMessage(message: string): string {
  return message.replace(ENV_ADVICE, '');
}

function inBrowserWords(provider: ImageProvider): ImageProvider {
  // The provider stays the prototype: every other member (id, future methods) is its own.
  const wrapped: ImageProvider = Object.create(provider);
  return Object.assign(wrapped, {
    generateImage: async (...args: Parameters<ImageProvider['generateImage']>) => {
      const outcome = await provider.generateImage(...args);
      if (outcome.ok) return outcome;
      return { ...outcome, error: { ...outcome.error, message: browserMessage(outcome.error.message) } };
    },
  });
}

/**
 * The provider id is part of every cache key; estimates need it without building a provider.
 * Every route shares "gemini": switching route never pays twice.
 */
export const providerIdFor = (settings: Settings): string =>
  settings.provider === 'preview' ? 'preview' : 'gemini';
