/**
 * OpenRouter's error statuses (openrouter.ai/docs/api/reference/errors-and-debugging, read
 * 2026-12-02): body `{ error: { code, message, metadata? } }`; 400 bad request, 401 invalid
 * credentials, 402 out of credits, 403 input flagged by moderation (metadata.reasons,
 * flagged_input), 408 timeout, 429 rate limited, 502 model down or invalid answer, 503 no
 * provider meets the routing requirements. The same body can arrive inside an HTTP 200.
 */
import type { ProviderError } from '../../engine/provider';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function fromOpenRouterError(
  httpStatus: number,
  error: unknown,
  model: string,
  retryAfterMs?: number,
): ProviderError {
  const record = isRecord(error) ? error : {};
  const code = typeof record.code === 'number' ? record.code : httpStatus;
  const said =
    typeof record.message === 'string' && record.message.trim() ? record.message.trim() : `HTTP ${code}`;
  const metadata = isRecord(record.metadata) ? record.metadata : {};
  switch (code) {
    case 401:
      return {
        code: 'api_key_rejected',
        message: `OpenRouter rejected the key (${said}): check OPENROUTER_API_KEY, or sign in with OpenRouter again (Settings)`,
        retryable: false,
        stopsRun: true,
      };
    case 402:
      return {
        code: 'credits_exhausted',
        message: `OpenRouter: out of credits (${said}). Add credits at openrouter.ai/settings/credits or raise the key's limit; no more calls are possible until then.`,
        retryable: false,
        stopsRun: true,
      };
    case 403: {
      const reasons = Array.isArray(metadata.reasons)
        ? metadata.reasons.filter((r) => typeof r === 'string')
        : [];
      return {
        code: 'safety_blocked',
        message: `Blocked by OpenRouter's moderation${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}: the input was flagged (${said}); rephrase the prompt`,
        retryable: false,
      };
    }
    case 404:
      return {
        code: 'model_not_found',
        message: `OpenRouter does not know the model for "${model}" (${said}); pick another model or route`,
        retryable: false,
      };
    case 408:
      return { code: 'timeout', message: `OpenRouter timed out (${said})`, retryable: true };
    case 413:
      return {
        code: 'image_too_large',
        message: `OpenRouter refused the request as too large (${said}); use fewer or smaller images`,
        retryable: false,
      };
    case 429:
      return {
        code: 'rate_limited',
        message: `rate limit reached on OpenRouter for ${model} (${said})`,
        retryable: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    case 502:
      return {
        code: 'unavailable',
        message: `OpenRouter: the model is down or answered badly (502: ${said})`,
        retryable: true,
      };
    case 503:
      return {
        code: 'unavailable',
        message: `OpenRouter: no provider is available for this model right now (503: ${said})`,
        retryable: true,
      };
  }
  if (code >= 500)
    return { code: 'unavailable', message: `OpenRouter failed (${code}: ${said})`, retryable: true };
  return {
    code: 'invalid_request',
    message: `OpenRouter rejected the request (${code}: ${said})`,
    retryable: false,
  };
}

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
