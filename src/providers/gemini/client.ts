/**
 * The one place that touches the SDK. It is imported lazily, so the browser downloads it only
 * when a model call is made. SDK retries stay off (no `retryOptions`): the engine owns the single
 * retry layer, and one `generate` here is exactly one HTTP request.
 */
import type { GenerateContentConfig, GoogleGenAI } from '@google/genai';
import { captureBody } from '../capture-body';
import type { GenerationFeatures } from './features';
import type { ImageConfig } from './request';
import type { OutgoingContent, WireResponse } from './wire';

export interface ClientOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  apiVersion: string;
}

export interface GenerateCall {
  model: string;
  contents: OutgoingContent[];
  responseModalities: string[];
  imageConfig?: ImageConfig | undefined;
  features?: GenerationFeatures | undefined;
  signal: AbortSignal;
}

export type GenerateFn = (call: GenerateCall) => Promise<WireResponse>;

export function createSdkGenerate(options: ClientOptions): GenerateFn {
  let client: Promise<GoogleGenAI> | undefined;
  const connect = (): Promise<GoogleGenAI> => {
    client ??= import('@google/genai').then(
      ({ GoogleGenAI }) =>
        new GoogleGenAI({
          // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot redirect calls.
          vertexai: false,
          apiKey: options.apiKey,
          apiVersion: options.apiVersion,
          ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
        }),
      (cause: unknown) => {
        client = undefined; // a failed chunk download may succeed next time
        throw cause;
      },
    );
    return client;
  };
  return sdkGenerate(connect);
}

/**
 * One `generateContent` request through a connected client, the same for the Gemini API and
 * Vertex AI mode: every request field (features included) and the finishMessage recovery.
 */
export function sdkGenerate(connect: () => Promise<GoogleGenAI>): GenerateFn {
  return async (call) => {
    const ai = await connect();
    call.signal.throwIfAborted();
    const raw = captureBody();
    const response = (await ai.models.generateContent({
      model: call.model,
      contents: call.contents,
      config: {
        // Wire strings (HARM_CATEGORY_*, MINIMAL, ...) are the SDK's enum values.
        ...(call.features as GenerateContentConfig | undefined),
        responseModalities: call.responseModalities,
        ...(call.imageConfig ? { imageConfig: call.imageConfig } : {}),
        abortSignal: call.signal,
        // One call, one request: a continuation token must not trigger hidden follow-up requests.
        automaticContinuation: false,
        httpOptions: { fetch: raw.fetch },
      },
    })) as WireResponse; // the SDK's response class carries the wire fields as plain properties
    return withFinishMessages(response, raw.body());
  };
}

/** The SDK (2.32) drops `candidates[].finishMessage`, Google's explanation of a block: put it back. */
function withFinishMessages(response: WireResponse, rawBody: string | undefined): WireResponse {
  const candidates = response.candidates ?? [];
  const needed = candidates.some((c) => c && !c.finishMessage && c.finishReason && c.finishReason !== 'STOP');
  if (!needed || rawBody === undefined) return response;
  let raw: WireResponse;
  try {
    raw = JSON.parse(rawBody) as WireResponse;
  } catch {
    return response;
  }
  return {
    ...response,
    candidates: candidates.map((candidate, index) => {
      const finishMessage = raw.candidates?.[index]?.finishMessage;
      return candidate && !candidate.finishMessage && finishMessage
        ? { ...candidate, finishMessage }
        : candidate;
    }),
  };
}
