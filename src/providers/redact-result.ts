import type { ImageCallResult } from '../engine/provider';
import type { ConversationPart, ConversationTurn } from '../engine/values';
import { redactSecrets } from './redact';

const redactPart = (part: ConversationPart, secrets: readonly string[]): ConversationPart =>
  part.kind === 'text' ? { ...part, text: redactSecrets(part.text, secrets) } : part;

const redactTurn = (turn: ConversationTurn, secrets: readonly string[]): ConversationTurn => ({
  ...turn,
  parts: turn.parts.map((part) => redactPart(part, secrets)),
});

/**
 * A successful answer with every text it carries redacted: a model (or a proxy in between) can
 * echo the key back, and whatever a provider returns goes on to the cache, events, run records,
 * history and the page. Image bytes are left alone: they cannot hold typed text.
 */
export function redactCallResult(result: ImageCallResult, secrets: readonly string[]): ImageCallResult {
  if (secrets.length === 0) return result;
  return {
    ...result,
    text: redactSecrets(result.text, secrets),
    userTurn: redactTurn(result.userTurn, secrets),
    modelTurn: redactTurn(result.modelTurn, secrets),
    images: result.images.map((image) =>
      image.conversation
        ? { ...image, conversation: image.conversation.map((turn) => redactTurn(turn, secrets)) }
        : image,
    ),
  };
}
