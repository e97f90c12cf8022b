import { imageValueOf } from '../../src/engine/assets';
import { costFromUsage } from '../../src/engine/cost';
import type { ImageCallResult, ImageProvider, ImageRequest, ProviderError } from '../../src/engine/provider';
import type { Result } from '../../src/engine/result';
import { tinyPng } from './tiny-png';

export interface ScriptedProvider extends ImageProvider {
  requests: ImageRequest[];
  /** Most calls running at once, to check the concurrency limit. */
  maxConcurrent: number;
  /** Calls that returned after their signal aborted. */
  abortedCalls: number;
}

export interface ScriptOptions {
  delayMs?: number;
  /** Fail calls whose prompt includes a key of this map with the given error (per attempt). */
  failWhenPromptIncludes?: Record<string, ProviderError>;
  id?: string;
  /** The tinyPng seed of the answer's image: equal seeds give equal bytes. Default: a new one per call. */
  imageSeed?: (request: ImageRequest) => number | undefined;
}

let seedCounter = 1;

/** An in-process provider for engine tests: deterministic, counts calls, honours the abort signal. */
export function scriptedProvider(options: ScriptOptions = {}): ScriptedProvider {
  let running = 0;
  const provider: ScriptedProvider = {
    id: options.id ?? 'scripted',
    needsApiKey: false,
    requests: [],
    maxConcurrent: 0,
    abortedCalls: 0,
    async generateImage(request, { signal }): Promise<Result<ImageCallResult, ProviderError>> {
      provider.requests.push(request);
      running++;
      provider.maxConcurrent = Math.max(provider.maxConcurrent, running);
      try {
        if (options.delayMs) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.delayMs);
            signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        if (signal.aborted) {
          provider.abortedCalls++;
          return { ok: false, error: { code: 'cancelled', message: 'cancelled' } };
        }
        for (const [needle, error] of Object.entries(options.failWhenPromptIncludes ?? {})) {
          if (request.prompt.includes(needle)) return { ok: false, error };
        }
        if (request.answer) return { ok: true, value: textAnswerOf(request) };
        const image = imageValueOf(tinyPng(options.imageSeed?.(request) ?? seedCounter++), 'image/png');
        const usage = {
          promptTokens: 10,
          imageOutputTokens: 1290,
          textOutputTokens: 5,
          thoughtsTokens: 0,
          totalTokens: 1305,
        };
        return {
          ok: true,
          value: {
            images: [image],
            text: `made: ${request.prompt}`,
            usage,
            costUsd: costFromUsage(request.model, usage),
            userTurn: { role: 'user', parts: [{ kind: 'text', text: request.prompt }] },
            modelTurn: {
              role: 'model',
              parts: [{ kind: 'image', image, thoughtSignature: `sig-${image.hash.slice(0, 8)}` }],
            },
          },
        };
      } finally {
        running--;
      }
    },
  };
  return provider;
}

/** A text model's answer: one line, or a JSON array as long as the list asked for. */
function textAnswerOf(request: ImageRequest): ImageCallResult {
  const text =
    request.answer?.kind === 'list'
      ? JSON.stringify(
          Array.from({ length: request.answer.maxItems }, (_, i) => `idea ${i + 1} for ${request.prompt}`),
        )
      : `answer to ${request.prompt}`;
  const usage = {
    promptTokens: 10,
    imageOutputTokens: 0,
    textOutputTokens: 100,
    thoughtsTokens: 0,
    totalTokens: 110,
  };
  return {
    images: [],
    text,
    usage,
    costUsd: costFromUsage(request.model, usage),
    userTurn: { role: 'user', parts: [{ kind: 'text', text: request.prompt }] },
    modelTurn: { role: 'model', parts: [{ kind: 'text', text }] },
  };
}
