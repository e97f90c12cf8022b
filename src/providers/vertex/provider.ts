/**
 * The Vertex AI route: the same request building and answer mapping as the Gemini API (both
 * speak GenerateContent with thought signatures), through the SDK in Vertex mode. Exactly one
 * attempt per call; the engine owns retries. The provider id is "gemini": see ImageProvider.id.
 */
import type { HashBytes } from '../../engine/hash-bytes';
import type { ImageProvider } from '../../engine/provider';
import { err } from '../../engine/result';
import { guardedAttempt, withAttemptSignal } from '../attempt';
import { GEMINI_PROVIDER_ID } from '../gemini/provider';
import { buildGeminiRequest } from '../gemini/request';
import { mapGeminiResponse } from '../gemini/response';
import { createVertexGenerate, VERTEX_API_VERSION, type VertexClientOptions } from './client';
import { type VertexCredentialKind, vertexErrorFromThrown } from './errors';

export interface VertexProviderOptions extends VertexClientOptions {
  credential: VertexCredentialKind;
  /** Secret values to scrub from every message (the express key, the access token). */
  secrets?: readonly string[];
  timeoutMs?: number | undefined;
  /** Hashes the images of each answer (the host's: node:crypto in the CLI, crypto.subtle in the browser). */
  hashBytes?: HashBytes | undefined;
}

export function createVertexProvider(options: VertexProviderOptions): ImageProvider {
  const generate = createVertexGenerate(options);
  const secrets = [...new Set(options.secrets ?? [])].filter((secret) => secret !== '');
  const location = options.credential === 'express-key' ? undefined : options.location;
  const project = options.credential === 'express-key' ? undefined : options.project;
  return {
    id: GEMINI_PROVIDER_ID,
    route: 'vertex',
    needsApiKey: true,
    generateImage: (request, { signal }) =>
      guardedAttempt('Vertex AI', secrets, async () => {
        const missing = missingCredential(options);
        if (missing) return err(missing);
        const built = buildGeminiRequest(request);
        if (!built.ok) return built;
        if (signal.aborted) return err({ code: 'cancelled', message: 'cancelled' });
        return withAttemptSignal(signal, options.timeoutMs, async (abort) => {
          try {
            const response = await generate({
              model: request.model,
              contents: built.value.contents,
              responseModalities: built.value.responseModalities,
              imageConfig: built.value.imageConfig,
              // The model features (grounding, thinking, system instruction, safety, and a text
              // model's structured output) reach Vertex as they reach the Gemini API.
              features: built.value.features,
              signal: abort.signal,
            });
            return await mapGeminiResponse(response, {
              model: request.model,
              userTurn: built.value.userTurn,
              hashBytes: options.hashBytes,
              textAnswer: request.answer !== undefined,
            });
          } catch (thrown) {
            return err(
              vertexErrorFromThrown(thrown, {
                model: request.model,
                apiVersion: VERTEX_API_VERSION,
                aborted: abort.aborted(),
                ...(abort.timedOut() && options.timeoutMs !== undefined
                  ? { timedOutAfterMs: options.timeoutMs }
                  : {}),
                credential: options.credential,
                project,
                location,
              }),
            );
          }
        });
      }),
  };
}

function missingCredential(options: VertexProviderOptions) {
  if (options.credential === 'express-key' && !options.apiKey?.trim()) {
    return {
      code: 'api_key_missing' as const,
      message: 'no Vertex AI key: enter an express-mode key (Settings) or set VERTEX_API_KEY',
      retryable: false,
      stopsRun: true,
    };
  }
  if (options.credential !== 'express-key' && !options.project?.trim()) {
    return {
      code: 'api_key_missing' as const,
      message:
        'no Google Cloud project for Vertex AI: set GOOGLE_CLOUD_PROJECT (or use VERTEX_API_KEY for express mode)',
      retryable: false,
      stopsRun: true,
    };
  }
  return undefined;
}
