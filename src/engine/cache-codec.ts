import type { CacheEntry } from './cache';
import type { Usage } from './cost';
import type { GroundingInfo } from './grounding';
import type { ConversationPart, ConversationTurn, ImageValue, NodeOutputs, PortValue } from './values';

/**
 * JSON-safe form of cached outputs: images become `{ $image: hash, mimeType }` and their bytes
 * are stored once per hash beside the record (files on disk, Blobs in IndexedDB).
 */
export interface StoredImageRef {
  $image: string;
  mimeType: string;
  conversation?: StoredTurn[];
}

export interface StoredTurn {
  role: 'user' | 'model';
  parts: Array<
    | { kind: 'text'; text: string; thought?: boolean; thoughtSignature?: string }
    | { kind: 'image'; image: StoredImageRef; thought?: boolean; thoughtSignature?: string }
  >;
  /** Plain JSON: the sources and suggestions of a grounded answer. */
  grounding?: GroundingInfo;
}

/** A list holds image refs, or texts (a *many* of text). */
export type StoredPortValue = string | StoredImageRef | Array<StoredImageRef | string>;

export interface StoredCacheRecord {
  outputs: Record<string, StoredPortValue>;
  usage?: Usage;
  costUsd?: number | null;
  provider?: string;
  createdAt: number;
}

export type ImageLookup = (hash: string) => Promise<ImageValue | undefined>;

export function encodeOutputs(outputs: NodeOutputs): {
  outputs: Record<string, StoredPortValue>;
  images: ImageValue[];
} {
  const images = new Map<string, ImageValue>();
  const encodeImage = (image: ImageValue): StoredImageRef => {
    images.set(image.hash, image);
    const ref: StoredImageRef = { $image: image.hash, mimeType: image.mimeType };
    if (image.conversation) ref.conversation = image.conversation.map(encodeTurn);
    return ref;
  };
  const encodeTurn = (turn: ConversationTurn): StoredTurn => ({
    role: turn.role,
    parts: turn.parts.map((part) =>
      part.kind === 'text' ? { ...part } : { ...part, image: encodeImage(part.image) },
    ),
    ...(turn.grounding ? { grounding: turn.grounding } : {}),
  });
  const encoded: Record<string, StoredPortValue> = {};
  for (const [name, value] of Object.entries(outputs)) {
    if (typeof value === 'string') encoded[name] = value;
    else if (Array.isArray(value))
      encoded[name] = (value as Array<string | ImageValue>).map((item) =>
        typeof item === 'string' ? item : encodeImage(item),
      );
    else encoded[name] = encodeImage(value);
  }
  return { outputs: encoded, images: [...images.values()] };
}

/** Undefined when an image's bytes are gone (evicted): the caller treats that as a cache miss. */
export async function decodeOutputs(
  stored: Record<string, StoredPortValue>,
  lookup: ImageLookup,
): Promise<NodeOutputs | undefined> {
  let missing = false;
  const decodeImage = async (ref: StoredImageRef): Promise<ImageValue> => {
    const found = await lookup(ref.$image);
    if (!found) missing = true;
    const image: ImageValue = found
      ? { bytes: found.bytes, mimeType: ref.mimeType, hash: ref.$image }
      : // Stryker disable next-line ObjectLiteral: a missing image makes the whole result undefined, so this stand-in is never returned
        { bytes: new Uint8Array(), mimeType: ref.mimeType, hash: ref.$image };
    if (ref.conversation) image.conversation = await Promise.all(ref.conversation.map(decodeTurn));
    return image;
  };
  const decodeTurn = async (turn: StoredTurn): Promise<ConversationTurn> => ({
    role: turn.role,
    parts: await Promise.all(
      turn.parts.map(
        async (part): Promise<ConversationPart> =>
          part.kind === 'text' ? { ...part } : { ...part, image: await decodeImage(part.image) },
      ),
    ),
    ...(turn.grounding ? { grounding: turn.grounding } : {}),
  });
  const outputs: NodeOutputs = {};
  for (const [name, value] of Object.entries(stored)) {
    let decoded: PortValue;
    if (typeof value === 'string') decoded = value;
    else if (Array.isArray(value))
      decoded = (await Promise.all(
        value.map((item) => (typeof item === 'string' ? item : decodeImage(item))),
      )) as PortValue;
    else decoded = await decodeImage(value);
    outputs[name] = decoded;
  }
  return missing ? undefined : outputs;
}

export function encodeCacheEntry(entry: CacheEntry): { record: StoredCacheRecord; images: ImageValue[] } {
  const { outputs, images } = encodeOutputs(entry.outputs);
  const record: StoredCacheRecord = { outputs, createdAt: entry.createdAt };
  if (entry.usage) record.usage = entry.usage;
  if (entry.costUsd !== undefined) record.costUsd = entry.costUsd;
  if (entry.provider) record.provider = entry.provider;
  return { record, images };
}

export async function decodeCacheEntry(
  record: StoredCacheRecord,
  lookup: ImageLookup,
): Promise<CacheEntry | undefined> {
  const outputs = await decodeOutputs(record.outputs, lookup);
  if (!outputs) return undefined;
  return {
    outputs,
    usage: record.usage,
    costUsd: record.costUsd,
    provider: record.provider,
    createdAt: record.createdAt,
  };
}

/** Every image hash a record refers to (outputs and conversations), for blob reference counting. */
export function imageHashesOf(record: StoredCacheRecord): string[] {
  const hashes = new Set<string>();
  const visitRef = (ref: StoredImageRef) => {
    hashes.add(ref.$image);
    for (const turn of ref.conversation ?? [])
      for (const part of turn.parts) if (part.kind === 'image') visitRef(part.image);
  };
  for (const value of Object.values(record.outputs)) {
    if (typeof value === 'string') continue;
    if (Array.isArray(value)) for (const item of value) typeof item === 'string' || visitRef(item);
    else visitRef(value);
  }
  return [...hashes];
}
