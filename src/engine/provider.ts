import type { Usage } from './cost';
import type { GroundingInfo } from './grounding';
import type { PeelError, Result } from './result';
import type { RouteId } from './route-models';
import type { ConversationTurn, ImageValue } from './values';

export type { GroundingInfo, GroundingSource } from './grounding';

/** One model call, as the engine asks for it. Providers turn it into a wire request. */
export interface ImageRequest {
  model: string;
  prompt: string;
  references: ImageValue[];
  aspectRatio?: string | undefined;
  imageSize?: string | undefined;
  /** Earlier turns to continue, replayed untouched (thought signatures included). */
  history?: ConversationTurn[] | undefined;
  /** Optional model features; a provider sends only those the catalog says the model offers. */
  options?: ModelCallOptions | undefined;
  /**
   * A text model's answer instead of an image: plain text, or a list of texts asked for by
   * structured output (`responseMimeType: "application/json"` with an array `responseSchema`),
   * never by splitting free text. The result's `text` then holds the answer (the JSON array for a
   * list) and `images` is empty.
   */
  answer?: TextAnswer | undefined;
}

export type TextAnswer = { kind: 'text' } | { kind: 'list'; maxItems: number };

/** Model features beyond the prompt, named for what they ask (the wire names live in providers). */
export interface ModelCallOptions {
  googleSearch?: { imageSearch: boolean };
  thinkingLevel?: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  includeThoughts?: boolean;
  temperature?: number;
  topP?: number;
  seed?: number;
  systemInstruction?: string;
  safetyThreshold?: string;
  /** Ask for the image only (responseModalities ['IMAGE']). */
  imageOnly?: boolean;
}

export interface ImageCallResult {
  images: ImageValue[];
  text: string;
  usage: Usage;
  costUsd: number | null;
  /** The user turn sent and the model turn received, for continuing the conversation. */
  userTurn: ConversationTurn;
  modelTurn: ConversationTurn;
  modelVersion?: string;
  responseId?: string;
  grounding?: GroundingInfo;
  /** Interim thought images (asked for with includeThoughts): shown, never exported as outputs. */
  thoughtImages?: ImageValue[];
  /** Something the user should know about how the call was made (e.g. a conversation not kept). */
  notice?: string;
}

export interface ProviderError extends PeelError {
  /** Worth another attempt (429 per minute, 5xx, resets, timeouts). */
  retryable?: boolean;
  /** Server-requested minimum wait (RetryInfo.retryDelay). */
  retryAfterMs?: number;
  /** The whole run must stop (daily quota, rejected key). */
  stopsRun?: boolean;
  /** What a failed answer still billed (blocked answers usually bill nothing). */
  usage?: Usage;
  costUsd?: number | null;
}

export interface CallOptions {
  signal: AbortSignal;
}

export interface ImageProvider {
  /**
   * Part of every cache key, so outputs of different providers never mix. Every access route to
   * Google's models (Gemini API, Vertex AI, OpenRouter) shares the id "gemini": the same model on
   * the same inputs is the same output, so switching route never pays twice.
   */
  readonly id: string;
  /** How calls reach the model (gemini, vertex, openrouter); absent for the preview provider. */
  readonly route?: RouteId;
  readonly needsApiKey: boolean;
  /** Costs nothing (the preview provider): estimates are $0 whatever the model table says. */
  readonly free?: boolean;
  generateImage(request: ImageRequest, options: CallOptions): Promise<Result<ImageCallResult, ProviderError>>;
}
