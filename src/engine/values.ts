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

/**
 * A port's value. `string[]` is a *many* of text (a List's items, a text model's list); a *many*
 * of images travels as `ImageValue[]` like an `image[]` (the port says which it is).
 */
export type PortValue = string | ImageValue | ImageValue[] | string[];

export type NodeOutputs = Record<string, PortValue>;

export function isImageValue(value: unknown): value is ImageValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return record.bytes instanceof Uint8Array && typeof record.hash === 'string';
}

/** The images of a port value (one image, a list, or a many of images); text holds none. */
export function imagesOf(value: PortValue | undefined): ImageValue[] {
  if (value === undefined || typeof value === 'string') return [];
  if (Array.isArray(value)) return (value as Array<string | ImageValue>).filter(isImageValue);
  return [value];
}

/** The texts of a *many* of text (a List's items); a single text is a sequence of one. */
export function textsOf(value: PortValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return (value as Array<string | ImageValue>).filter((item): item is string => typeof item === 'string');
}
