/**
 * Every field of a conversation part that the model reads is in the conversation's hash (a
 * thought flag, a thought signature, on text and on image parts), and an absent field hashes like
 * its default, so a conversation read back from the cache or a file keys like the one in memory.
 */
import { describe, expect, it } from 'vitest';
import { imageValueOf } from '../../../src/engine/assets';
import { conversationHash } from '../../../src/engine/cache-key';
import type { ConversationPart, ConversationTurn } from '../../../src/engine/values';
import { tinyPng } from '../../helpers/tiny-png';

const picture = imageValueOf(tinyPng(7), 'image/png');

/** A fresh conversation whose model turn holds `part` (fresh arrays: no cached hash is reused). */
const around = (part: ConversationPart): ConversationTurn[] => [
  { role: 'user', parts: [{ kind: 'text', text: 'a red boat' }] },
  { role: 'model', parts: [part] },
];

describe('conversationHash over part fields', () => {
  it('a thought flag changes the hash, on a text part and on an image part', () => {
    expect(conversationHash(around({ kind: 'text', text: 'plan', thought: true }))).not.toBe(
      conversationHash(around({ kind: 'text', text: 'plan', thought: false })),
    );
    expect(conversationHash(around({ kind: 'image', image: picture, thought: true }))).not.toBe(
      conversationHash(around({ kind: 'image', image: picture, thought: false })),
    );
  });

  it('a missing thought flag hashes like false, on both kinds of part', () => {
    expect(conversationHash(around({ kind: 'text', text: 'plan' }))).toBe(
      conversationHash(around({ kind: 'text', text: 'plan', thought: false })),
    );
    expect(conversationHash(around({ kind: 'image', image: picture }))).toBe(
      conversationHash(around({ kind: 'image', image: picture, thought: false })),
    );
  });

  it('a thought signature changes the hash, and a missing one hashes like an empty one', () => {
    expect(conversationHash(around({ kind: 'text', text: 'plan', thoughtSignature: 'sig-1' }))).not.toBe(
      conversationHash(around({ kind: 'text', text: 'plan', thoughtSignature: 'sig-2' })),
    );
    expect(conversationHash(around({ kind: 'text', text: 'plan', thoughtSignature: 'sig-1' }))).not.toBe(
      conversationHash(around({ kind: 'text', text: 'plan' })),
    );
    expect(conversationHash(around({ kind: 'text', text: 'plan' }))).toBe(
      conversationHash(around({ kind: 'text', text: 'plan', thoughtSignature: '' })),
    );
    expect(conversationHash(around({ kind: 'image', image: picture }))).toBe(
      conversationHash(around({ kind: 'image', image: picture, thoughtSignature: '' })),
    );
  });

  it('the same turns array asked twice gives the same hash', () => {
    const turns = around({ kind: 'text', text: 'plan' });
    expect(conversationHash(turns)).toBe(conversationHash(turns));
  });
});
