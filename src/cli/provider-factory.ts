import type { ImageProvider } from '../engine/provider';
import { type PeelError, peelError } from '../engine/result';
import { createProvider } from '../providers/index';

export interface CliProvider {
  provider: ImageProvider;
  /** Set when a Gemini key is missing: an error only if the plan needs a call (a cached run needs none). */
  missingKey?: PeelError;
}

export function providerFor(
  kind: 'gemini' | 'preview',
  env: Record<string, string | undefined>,
): CliProvider {
  if (kind === 'preview') return { provider: createProvider('preview') };
  const apiKey = env.GEMINI_API_KEY?.trim() ?? '';
  const baseUrl = env.GEMINI_BASE_URL?.trim();
  // Without a key the provider still exists: its calls answer api_key_missing, which stops a run.
  const provider = createProvider('gemini', { apiKey, ...(baseUrl ? { baseUrl } : {}) });
  if (apiKey !== '') return { provider };
  return {
    provider,
    missingKey: peelError(
      'api_key_missing',
      'GEMINI_API_KEY is not set: export GEMINI_API_KEY=... (or use --provider preview, or --dry-run)',
    ),
  };
}
