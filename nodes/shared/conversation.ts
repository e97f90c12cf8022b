import type { ImageCallResult } from '../../src/engine/provider';
import type { ConversationTurn, ImageValue } from '../../src/engine/values';

/** Each output image carries the conversation that produced it, so an Edit can continue it. */
export function imagesWithConversation(history: ConversationTurn[], call: ImageCallResult): ImageValue[] {
  const conversation = [...history, call.userTurn, call.modelTurn];
  return call.images.map((image) => ({ ...image, conversation }));
}
