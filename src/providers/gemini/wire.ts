/**
 * The parts of Gemini's GenerateContentResponse that Peel reads, typed loosely on purpose: the
 * real API omits fields freely and relays have been seen sending `null` for them, so every field
 * is optional and nullable. The SDK's response object is read through these types.
 */
import type { WireGroundingMetadata } from './grounding';

export interface WirePart {
  text?: string | null;
  thought?: boolean | null;
  thoughtSignature?: string | null;
  inlineData?: { mimeType?: string | null; data?: string | null } | null;
}

export interface WireContent {
  role?: string | null;
  parts?: WirePart[] | null;
}

export interface WireCandidate {
  content?: WireContent | null;
  finishReason?: string | null;
  finishMessage?: string | null;
  groundingMetadata?: WireGroundingMetadata | null;
}

export interface WireModalityCount {
  modality?: string | null;
  tokenCount?: number | null;
}

export interface WireUsage {
  promptTokenCount?: number | null;
  candidatesTokenCount?: number | null;
  thoughtsTokenCount?: number | null;
  totalTokenCount?: number | null;
  candidatesTokensDetails?: WireModalityCount[] | null;
}

export interface WireResponse {
  candidates?: WireCandidate[] | null;
  promptFeedback?: { blockReason?: string | null; blockReasonMessage?: string | null } | null;
  usageMetadata?: WireUsage | null;
  modelVersion?: string | null;
  responseId?: string | null;
}

/** What the provider sends: the same shapes the SDK's `Content` and `Part` describe. */
export interface OutgoingPart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  thought?: boolean;
  thoughtSignature?: string;
}

export interface OutgoingContent {
  role: 'user' | 'model';
  parts: OutgoingPart[];
}
