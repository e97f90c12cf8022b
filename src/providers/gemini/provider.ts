/**
 * The Gemini image provider: exactly one attempt per `generateImage` call (the engine owns
 * retries, queueing and the per-attempt timeout), every answer mapped to a Result, and every
 * message scrubbed of the API key at the single exit point.
 */
import type { HashBytes } from '../../engine/hash-bytes';
import type {
  CallOptions,
  ImageCallResult,
  ImageProvider,
  ImageRequest,
  ProviderError,
} from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import { redactSecrets } from '../redact';
import { redactCallResult } from '../redact-result';
import { createSdkGenerate, type GenerateFn } from './client';
import { keyRejected, providerErrorFromThrown } from './errors';
import { buildGeminiRequest } from './request';
import { mapGeminiResponse } from './response';

export interface GeminiProviderOptions {
  apiKey: string;
  /** Another endpoint (a fake server, a proxy); the SDK's default otherwise. */
  baseUrl?: string | undefined;
  apiVersion?: string | undefined;
  /** Provider-side timeout per call; the engine also bounds each attempt. */
  timeoutMs?: number | undefined;
  /** Hashes the images of each answer (the host's: node:crypto in the CLI, crypto.subtle in the browser). */
  hashBytes?: HashBytes | undefined;
}

export const GEMINI_PROVIDER_ID = 'gemini';

/** Real keys are letters, digits, '-' and '_'; anything outside printable ASCII cannot even be sent. */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

export function createGeminiProvider(options: GeminiProviderOptions): ImageProvider {
  const apiKey = options.apiKey.trim();
  const apiVersion = options.apiVersion ?? 'v1beta';
  const secrets = [...new Set([options.apiKey, apiKey])].filter((secret) => secret !== '');
  const generate = createSdkGenerate({ apiKey, baseUrl: options.baseUrl, apiVersion });
  const context = {
    apiKey,
    apiVersion,
    timeoutMs: options.timeoutMs,
    generate,
    hashBytes: options.hashBytes,
  };
  return {
    id: GEMINI_PROVIDER_ID,
    needsApiKey: true,
    async generateImage(request, callOptions) {
      let outcome: Result<ImageCallResult, ProviderError>;
      try {
        outcome = await attemptOnce(request, callOptions, context);
      } catch (cause) {
        // Only a bug gets here; it still leaves as a value, and through the redaction below.
        const message = cause instanceof Error ? cause.message : String(cause);
        outcome = err({ code: 'internal', message: `Gemini provider failed: ${message}`, retryable: false });
      }
      if (outcome.ok) return ok(redactCallResult(outcome.value, secrets));
      return err({ ...outcome.error, message: redactSecrets(outcome.error.message, secrets) });
    },
  };
}

interface AttemptContext {
  apiKey: string;
  apiVersion: string;
  timeoutMs: number | undefined;
  generate: GenerateFn;
  hashBytes: HashBytes | undefined;
}

async function attemptOnce(
  request: ImageRequest,
  { signal }: CallOptions,
  context: AttemptContext,
): Promise<Result<ImageCallResult, ProviderError>> {
  if (context.apiKey === '') {
    return err({
      code: 'api_key_missing',
      message: 'no Gemini API key: enter one (Settings) or set GEMINI_API_KEY',
      retryable: false,
      stopsRun: true,
    });
  }
  if (!SENDABLE_KEY.test(context.apiKey)) {
    return err(keyRejected('it contains spaces or characters an API key never has'));
  }
  const built = buildGeminiRequest(request);
  if (!built.ok) return built;
  if (signal.aborted) return err({ code: 'cancelled', message: 'cancelled' });

  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  let timedOut = false;
  const timer =
    context.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, context.timeoutMs);
  try {
    const response = await context.generate({
      model: request.model,
      contents: built.value.contents,
      responseModalities: built.value.responseModalities,
      imageConfig: built.value.imageConfig,
      features: built.value.features,
      signal: controller.signal,
    });
    return await mapGeminiResponse(response, {
      model: request.model,
      userTurn: built.value.userTurn,
      hashBytes: context.hashBytes,
      textAnswer: request.answer !== undefined,
    });
  } catch (thrown) {
    return err(
      providerErrorFromThrown(thrown, {
        model: request.model,
        apiVersion: context.apiVersion,
        aborted: signal.aborted,
        ...(timedOut && context.timeoutMs !== undefined ? { timedOutAfterMs: context.timeoutMs } : {}),
      }),
    );
  } finally {
    if (timer) clearTimeout(timer);
    signal.removeEventListener('abort', forwardAbort);
  }
}
