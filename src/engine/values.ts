import type { GroundingInfo } from './grounding';

/** In-engine image: bytes plus a content address computed once. */
export interface ImageValue {
  bytes: Uint8Array;
  mimeType: string;
  /** sha256 hex of `bytes`. */
  hash: string;
  /** The conversation that produced this image, so an Edit downstream can continue it. */
  conversation?: ConversationTurn[];
}

export type ConversationPart =
  | { kind: 'text'; text: string; thought?: boolean; thoughtSignature?: string }
  | { kind: 'image'; image: ImageValue; thought?: boolean; thoughtSignature?: string };

export interface ConversationTurn {
  role: 'user' | 'model';
  parts: ConversationPart[];
  /** A model turn's search grounding (sources, suggestions): shown with the answer, never replayed. */
  grounding?: GroundingInfo;
}

export type PortValue = string | ImageValue | ImageValue[];

export type NodeOutputs = Record<string, PortValue>;

export function isImageValue(value: unknown): value is ImageValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return record.bytes instanceof Uint8Array && typeof record.hash === 'string';
}
