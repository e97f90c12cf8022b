/** One entry point for hosts (editor, CLI): pick a provider by kind. */
import type { ImageProvider } from '../engine/provider';
import { createGeminiProvider, type GeminiProviderOptions } from './gemini';
import { createPreviewProvider } from './preview';

export type ProviderKind = 'gemini' | 'preview';

export function createProvider(kind: 'preview', options?: Record<string, never>): ImageProvider;
export function createProvider(kind: 'gemini', options: GeminiProviderOptions): ImageProvider;
export function createProvider(kind: ProviderKind, options?: GeminiProviderOptions): ImageProvider;
export function createProvider(kind: ProviderKind, options?: Partial<GeminiProviderOptions>): ImageProvider {
  if (kind === 'preview') return createPreviewProvider();
  // A missing key still gives a provider: its calls answer `api_key_missing`, which stops the run.
  return createGeminiProvider({ ...options, apiKey: options?.apiKey ?? '' });
}

export { type FittedReferences, fitReferencesForGemini, type ImageDownscaler } from './downscale';
export { createGeminiProvider, type GeminiProviderOptions } from './gemini';
export { createPreviewProvider } from './preview';
export { redactSecrets } from './redact';
export { createRouteProvider, describeRoute, type RouteSettings, routeSecrets } from './routes';
