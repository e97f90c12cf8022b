import { stableStringify } from './canonical';
import { sha256HexOfString } from './image/hash';
import type { ConversationTurn, ImageValue, PortValue } from './values';

const conversationHashes = new WeakMap<ConversationTurn[], string>();

export function conversationHash(turns: ConversationTurn[]): string {
  const known = conversationHashes.get(turns);
  // Stryker disable next-line ConditionalExpression: the memo only saves time; hashing again gives the same hash
  if (known) return known;
  const shape = turns.map((turn) => ({
    role: turn.role,
    parts: turn.parts.map((part) =>
      part.kind === 'text'
        ? { t: part.text, th: part.thought ?? false, s: part.thoughtSignature ?? '' }
        : { i: part.image.hash, th: part.thought ?? false, s: part.thoughtSignature ?? '' },
    ),
  }));
  const hash = sha256HexOfString(stableStringify(shape));
  conversationHashes.set(turns, hash);
  return hash;
}

function imageIdentity(image: ImageValue): string {
  return image.conversation ? `${image.hash}+c${conversationHash(image.conversation)}` : image.hash;
}

/** Content identity of a port value: text by hash, images by content hash (and their conversation). */
export function valueIdentity(value: PortValue | undefined): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') return `t:${sha256HexOfString(value)}`;
  if (Array.isArray(value))
    return (value as Array<string | ImageValue>).map((item) =>
      typeof item === 'string' ? `t:${sha256HexOfString(item)}` : imageIdentity(item),
    );
  return imageIdentity(value);
}

export interface CacheKeyInput {
  type: string;
  version: number;
  params: unknown;
  inputs: Record<string, PortValue | undefined>;
  provider: string;
}

/**
 * `combine` (cross or zip) decides which calls a mapped node makes, never what one call is: the
 * expansion strips it from each element, and it is left out here too, so setting it on a node that
 * does not map (or no longer maps) never makes a new call.
 */
function callParams(params: unknown): unknown {
  if (params === null || typeof params !== 'object' || !Object.hasOwn(params, 'combine')) return params;
  const { combine: _choice, ...rest } = params as Record<string, unknown>;
  return rest;
}

/** Hash of node type, definition version, canonical params, input content hashes and provider. */
export function cacheKeyFor(input: CacheKeyInput): string {
  const inputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input.inputs)) inputs[name] = valueIdentity(value);
  return sha256HexOfString(
    stableStringify({
      t: input.type,
      v: input.version,
      p: callParams(input.params),
      i: inputs,
      pr: input.provider,
    }),
  );
}
