import type { ImageProvider } from '../engine/provider';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import { createGeminiProvider, createPreviewProvider } from '../providers/index';

export function providerFor(
  kind: 'gemini' | 'preview',
  env: Record<string, string | undefined>,
): Result<ImageProvider, PeelError> {
  if (kind === 'preview') return ok(createPreviewProvider());
  const apiKey = env.GEMINI_API_KEY?.trim();
  if (!apiKey) {
    return err(
      peelError(
        'api_key_missing',
        'GEMINI_API_KEY is not set: export GEMINI_API_KEY=... (or use --provider preview, or --dry-run)',
      ),
    );
  }
  const baseUrl = env.GEMINI_BASE_URL?.trim();
  return ok(createGeminiProvider({ apiKey, ...(baseUrl ? { baseUrl } : {}) }));
}
