/**
 * The OpenRouter route: plain `fetch` to chat completions. No SDK: the request is one POST with
 * a JSON body, and the image fields (`modalities`, `image_config`, `message.images`) are
 * OpenRouter extensions the `openai` package does not type, so it would add weight and casts
 * and nothing else. Exactly one HTTP request per call; the engine owns retries.
 * The provider id is "gemini" (see ImageProvider.id): the route is not part of the cache key.
 */
import type { HashBytes } from '../../engine/hash-bytes';
import type { ImageProvider, ProviderError } from '../../engine/provider';
import { err } from '../../engine/result';
import type { ConversationTurn } from '../../engine/values';
import { guardedAttempt, withAttemptSignal } from '../attempt';
import { GEMINI_PROVIDER_ID } from '../gemini/provider';
import { OPENROUTER_APP_TITLE, OPENROUTER_DEFAULT_BASE_URL } from './constants';
import { fromOpenRouterError, retryAfterMs } from './errors';
import { buildChatRequest } from './request';
import { mapOpenRouterAnswer } from './response';

export { OPENROUTER_APP_TITLE, OPENROUTER_DEFAULT_BASE_URL };

export interface OpenRouterProviderOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  /** Sent as `HTTP-Referer` (app attribution): the editor's origin, or a URL for the CLI. */
  appUrl?: string | undefined;
  timeoutMs?: number | undefined;
  /** Hashes the images of each answer (the host's: node:crypto in the CLI, crypto.subtle in the browser). */
  hashBytes?: HashBytes | undefined;
  fetch?: typeof fetch;
}

/** Real keys are printable ASCII without spaces; anything else cannot travel in a header. */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

export function createOpenRouterProvider(options: OpenRouterProviderOptions): ImageProvider {
  const apiKey = options.apiKey.trim();
  const secrets = [...new Set([options.apiKey, apiKey])].filter((secret) => secret !== '');
  const endpoint = `${(options.baseUrl?.trim() || OPENROUTER_DEFAULT_BASE_URL).replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    id: GEMINI_PROVIDER_ID,
    route: 'openrouter',
    needsApiKey: true,
    generateImage: (request, { signal }) =>
      guardedAttempt('OpenRouter', secrets, async () => {
        if (apiKey === '') {
          return err({
            code: 'api_key_missing',
            message:
              'no OpenRouter key: enter one or sign in with OpenRouter (Settings), or set OPENROUTER_API_KEY',
            retryable: false,
            stopsRun: true,
          });
        }
        if (!SENDABLE_KEY.test(apiKey)) {
          return err({
            code: 'api_key_rejected',
            message: 'OpenRouter key rejected: it contains spaces or characters a key never has',
            retryable: false,
            stopsRun: true,
          });
        }
        if (request.answer) {
          return err({
            code: 'invalid_request',
            message:
              'text models are not supported on the OpenRouter route in this version of Peel; run the Text model node on the Gemini API or Vertex AI route',
            retryable: false,
          });
        }
        const built = buildChatRequest(request);
        if (!built.ok) return built;
        if (signal.aborted) return err({ code: 'cancelled', message: 'cancelled' });
        const userTurn: ConversationTurn = {
          role: 'user',
          parts: [
            ...built.value.images.map((image) => ({
              kind: 'image' as const,
              image: { bytes: image.bytes, mimeType: image.mimeType, hash: image.hash },
            })),
            ...(request.prompt === '' ? [] : [{ kind: 'text' as const, text: request.prompt }]),
          ],
        };
        return withAttemptSignal(signal, options.timeoutMs, async (abort) => {
          const failure = (error: ProviderError) => err(error);
          let response: Response;
          let text: string;
          try {
            response = await doFetch(endpoint, {
              method: 'POST',
              headers: {
                Authorization: `Bearer ${apiKey}`,
                'Content-Type': 'application/json',
                ...(options.appUrl ? { 'HTTP-Referer': options.appUrl } : {}),
                'X-Title': OPENROUTER_APP_TITLE,
                'X-OpenRouter-Title': OPENROUTER_APP_TITLE,
              },
              body: JSON.stringify(built.value.body),
              signal: abort.signal,
            });
            text = await response.text();
          } catch (thrown) {
            if (abort.aborted()) return failure({ code: 'cancelled', message: 'cancelled' });
            if (abort.timedOut() && options.timeoutMs !== undefined) {
              return failure({
                code: 'timeout',
                message: `OpenRouter did not answer within ${Math.round(options.timeoutMs / 1000)} s`,
                retryable: true,
              });
            }
            return failure({
              code: 'network',
              message: `the connection to OpenRouter failed (${describe(thrown)})`,
              retryable: true,
            });
          }
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            if (!response.ok)
              return failure(
                fromOpenRouterError(response.status, { message: text.slice(0, 300) }, request.model),
              );
            return failure({
              code: 'network',
              message: 'OpenRouter sent an answer that was cut short or is not JSON',
              retryable: true,
            });
          }
          if (!response.ok) {
            const error =
              typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
            return failure(
              fromOpenRouterError(
                response.status,
                error ?? {},
                request.model,
                retryAfterMs(response.headers.get('retry-after')),
              ),
            );
          }
          return await mapOpenRouterAnswer(body, {
            model: request.model,
            userTurn,
            notice: built.value.notice,
            hashBytes: options.hashBytes,
          });
        });
      }),
  };
}

function describe(thrown: unknown): string {
  const parts: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    parts.push(`${current.name}: ${current.message}`);
    current = (current as Error & { cause?: unknown }).cause;
  }
  return parts.join(' <- ') || String(thrown);
}
