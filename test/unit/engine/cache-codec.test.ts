/**
 * The cache's JSON form: images become references stored once per hash (conversations included,
 * at any depth), decoding brings every field back, a missing image makes the whole entry a miss,
 * and the hash list for reference counting names every image a record holds.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeCacheEntry,
  decodeOutputs,
  encodeCacheEntry,
  encodeOutputs,
  imageHashesOf,
} from '../../../src/engine/cache-codec';
import { ZERO_USAGE } from '../../../src/engine/cost';
import type { ConversationTurn, ImageValue } from '../../../src/engine/values';

const img = (hash: string, byte: number): ImageValue => ({
  bytes: new Uint8Array([byte]),
  mimeType: 'image/png',
  hash,
});

function sample() {
  const reference = img('ref', 1);
  const result = img('out', 2);
  const turns: ConversationTurn[] = [
    {
      role: 'user',
      parts: [
        { kind: 'text', text: 'make it night', thought: false },
        { kind: 'image', image: reference },
      ],
    },
    { role: 'model', parts: [{ kind: 'image', image: result, thoughtSignature: 'sig', thought: true }] },
  ];
  const withTurns: ImageValue = { ...result, conversation: turns };
  const other = img('other', 3);
  return {
    reference,
    result,
    other,
    withTurns,
    outputs: { text: 'hello', image: withTurns, images: [other, result] },
  };
}

const lookupOf = (images: ImageValue[]) => {
  const byHash = new Map(images.map((image) => [image.hash, image]));
  return async (hash: string) => byHash.get(hash);
};

describe('cache codec', () => {
  it('encodes images as references, each image once, conversations included', () => {
    const { outputs, reference, result, other } = sample();
    const encoded = encodeOutputs(outputs);
    expect(encoded.outputs).toEqual({
      text: 'hello',
      image: {
        $image: 'out',
        mimeType: 'image/png',
        conversation: [
          {
            role: 'user',
            parts: [
              { kind: 'text', text: 'make it night', thought: false },
              { kind: 'image', image: { $image: 'ref', mimeType: 'image/png' } },
            ],
          },
          {
            role: 'model',
            parts: [
              {
                kind: 'image',
                image: { $image: 'out', mimeType: 'image/png' },
                thoughtSignature: 'sig',
                thought: true,
              },
            ],
          },
        ],
      },
      images: [
        { $image: 'other', mimeType: 'image/png' },
        { $image: 'out', mimeType: 'image/png' },
      ],
    });
    expect(new Set(encoded.images.map((image) => image.hash))).toEqual(new Set(['out', 'ref', 'other']));
    expect(encoded.images).toHaveLength(3);
    expect(encoded.images).toEqual(expect.arrayContaining([expect.objectContaining(reference), other]));
    expect(encoded.images.find((image) => image.hash === 'out')?.bytes).toEqual(result.bytes);
  });

  it('decodes back to the same outputs; a missing image, even inside a conversation, is a miss', async () => {
    const { outputs, reference, result, other } = sample();
    const encoded = encodeOutputs(outputs);
    expect(await decodeOutputs(encoded.outputs, lookupOf([reference, result, other]))).toEqual(outputs);
    expect(await decodeOutputs(encoded.outputs, lookupOf([result, other]))).toBeUndefined();
    expect(await decodeOutputs(encoded.outputs, lookupOf([reference, result]))).toBeUndefined();
    expect(await decodeOutputs({ text: 'only text' }, lookupOf([]))).toEqual({ text: 'only text' });
  });

  it('a whole entry round-trips; absent usage, cost and provider stay absent, a null cost stays null', async () => {
    const { outputs, reference, result, other } = sample();
    const entry = {
      outputs,
      usage: { ...ZERO_USAGE, promptTokens: 3 },
      costUsd: 0.04,
      provider: 'gemini',
      createdAt: 7,
    };
    const { record, images } = encodeCacheEntry(entry);
    expect(record.usage).toEqual(entry.usage);
    expect(record.costUsd).toBe(0.04);
    expect(record.provider).toBe('gemini');
    expect(record.createdAt).toBe(7);
    expect(images).toHaveLength(3);
    expect(await decodeCacheEntry(record, lookupOf([reference, result, other]))).toEqual(entry);
    expect(await decodeCacheEntry(record, lookupOf([]))).toBeUndefined();

    const bare = encodeCacheEntry({ outputs: { text: 'x' }, createdAt: 1 }).record;
    expect(bare).toEqual({ outputs: { text: 'x' }, createdAt: 1 });
    expect(Object.keys(bare)).toEqual(['outputs', 'createdAt']);
    const unpriced = encodeCacheEntry({
      outputs: { text: 'x' },
      costUsd: null,
      provider: '',
      createdAt: 1,
    }).record;
    expect(unpriced).toEqual({ outputs: { text: 'x' }, costUsd: null, createdAt: 1 });
  });

  it('imageHashesOf names every image, in outputs, lists and conversations, once', () => {
    const { outputs } = sample();
    const { record } = encodeCacheEntry({ outputs, createdAt: 0 });
    expect(imageHashesOf(record).sort()).toEqual(['other', 'out', 'ref']);
    expect(imageHashesOf({ outputs: { text: 'x' }, createdAt: 0 })).toEqual([]);
  });

  it('a list of texts stays text, and holds no image hash', async () => {
    const image = img('pic', 4);
    const { outputs, images } = encodeOutputs({ captions: ['a', 'b'], pics: [image] });
    expect(outputs).toEqual({ captions: ['a', 'b'], pics: [{ $image: 'pic', mimeType: 'image/png' }] });
    expect(images).toEqual([image]);
    expect(imageHashesOf({ outputs, createdAt: 0 })).toEqual(['pic']);
    expect(await decodeOutputs(outputs, lookupOf(images))).toEqual({ captions: ['a', 'b'], pics: [image] });
  });

  it('a model turn keeps its search grounding through encoding and decoding', async () => {
    const grounding = {
      sources: [{ uri: 'https://example.org/a', title: 'A' }],
      webSearchQueries: ['night sky'],
    };
    const answer = img('answer', 5);
    const turns: ConversationTurn[] = [
      { role: 'user', parts: [{ kind: 'text', text: 'find it', thought: false }] },
      { role: 'model', parts: [{ kind: 'text', text: 'found', thought: false }], grounding },
    ];
    const { outputs, images } = encodeOutputs({ image: { ...answer, conversation: turns } });
    const encodedTurns = (outputs.image as { conversation?: unknown[] }).conversation;
    expect(encodedTurns?.[0]).not.toHaveProperty('grounding');
    expect(encodedTurns?.[1]).toHaveProperty('grounding', grounding);
    const decoded = await decodeOutputs(outputs, lookupOf(images));
    expect(decoded?.image).toEqual({ ...answer, conversation: turns });
    const decodedTurns = (decoded?.image as ImageValue | undefined)?.conversation;
    expect(decodedTurns?.[0]).not.toHaveProperty('grounding');
    expect(decodedTurns?.[1]?.grounding).toEqual(grounding);
  });
});
