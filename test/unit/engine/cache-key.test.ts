/**
 * A cache key is the node's type, version, params, provider and the content of its inputs, and an
 * image's content includes the conversation that made it: an Edit continuing conversation A must
 * never be served the answer for conversation B, even when both images have the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { imageValueOf } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import { cacheKeyFor, conversationHash, valueIdentity } from '../../../src/engine/cache-key';
import { runWorkflow } from '../../../src/engine/executor';
import type { ConversationTurn, ImageValue } from '../../../src/engine/values';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { tinyPng } from '../../helpers/tiny-png';
import { edge, imageHashOf, node, workflowOf } from '../../helpers/workflows';

const picture = imageValueOf(tinyPng(7), 'image/png');
const other = imageValueOf(tinyPng(8), 'image/png');

const conversation = (prompt: string, signature = 'sig-1', image = picture): ConversationTurn[] => [
  { role: 'user', parts: [{ kind: 'text', text: prompt }] },
  { role: 'model', parts: [{ kind: 'image', image, thoughtSignature: signature }] },
];

const withConversation = (turns: ConversationTurn[]): ImageValue => ({ ...picture, conversation: turns });

const editKey = (image: ImageValue, params: Record<string, unknown> = { instruction: 'make it night' }) =>
  cacheKeyFor({ type: 'edit', version: 1, params, inputs: { image }, provider: 'scripted' });

describe('cacheKeyFor', () => {
  it('two images with the same bytes but different conversations have different keys', () => {
    const a = withConversation(conversation('a red boat'));
    const b = withConversation(conversation('a blue car'));
    expect(a.hash).toBe(b.hash);
    expect(editKey(a)).not.toBe(editKey(b));
    // ...and an image without any conversation is a third input.
    expect(editKey(picture)).not.toBe(editKey(a));
  });

  it('the same conversation in fresh objects gives the same key (content, not identity)', () => {
    expect(editKey(withConversation(conversation('a red boat')))).toBe(
      editKey(withConversation(structuredClone(conversation('a red boat')))),
    );
  });

  it('every part of a turn counts: role, text, thought flag, signature, image', () => {
    const base = conversationHash(conversation('a red boat'));
    const variants: ConversationTurn[][] = [
      conversation('a red boat', 'sig-2'),
      conversation('a red boat', 'sig-1', other),
      conversation('a red boat!'),
      conversation('a red boat').map((turn) => ({ ...turn, role: turn.role === 'user' ? 'model' : 'user' })),
      [
        { role: 'user', parts: [{ kind: 'text', text: 'a red boat', thought: true }] },
        ...conversation('x').slice(1),
      ],
      [
        { role: 'user', parts: [{ kind: 'text', text: 'a red boat', thoughtSignature: 's' }] },
        ...conversation('x').slice(1),
      ],
      [...conversation('a red boat'), { role: 'user', parts: [{ kind: 'text', text: 'again' }] }],
      conversation('a red boat').map((turn) => ({
        ...turn,
        parts: turn.parts.map((part) => ({ ...part, thought: true })),
      })),
    ];
    const hashes = variants.map(conversationHash);
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('lists and single images: identity follows content and order', () => {
    const a = withConversation(conversation('a red boat'));
    expect(valueIdentity(undefined)).toBeNull();
    expect(valueIdentity([picture, other])).toEqual([picture.hash, other.hash]);
    expect(valueIdentity([other, picture])).not.toEqual(valueIdentity([picture, other]));
    expect(valueIdentity(a)).toBe(`${picture.hash}+c${conversationHash(a.conversation ?? [])}`);
    expect(valueIdentity('a cat')).not.toBe(valueIdentity('a dog'));
  });
});

describe('an Edit continuing a conversation', () => {
  /** prompt -> generate -> edit (continuing); the scripted model draws the same picture for every scene. */
  const sceneWorkflow = (scene: string) =>
    workflowOf(
      [
        node('p', 'prompt', { text: scene }),
        node('g', 'generate', { model: 'gemini-3.1-flash-image' }),
        node('e', 'edit', { model: 'gemini-3.1-flash-image', instruction: 'make it night' }),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'e', 'image')],
    );
  const sameScenePicture = (request: { prompt: string }) =>
    request.prompt.startsWith('scene') ? 7 : undefined;

  it('is not served the answer for another conversation whose image has the same bytes', async () => {
    const provider = scriptedProvider({ imageSeed: sameScenePicture });
    const cache = new MemoryCache();
    const runA = await runWorkflow(sceneWorkflow('scene A: a red boat'), {
      registry: nodeRegistry,
      provider,
      cache,
    });
    const runB = await runWorkflow(sceneWorkflow('scene B: a blue car'), {
      registry: nodeRegistry,
      provider,
      cache,
    });
    expect(runA.status).toBe('ok');
    expect(runB.status).toBe('ok');
    // Both generates drew the same bytes; only their conversations differ.
    expect(imageHashOf(runB, 'g')).toBe(imageHashOf(runA, 'g'));
    // Run B paid for its own edit: four calls, the second edit continuing conversation B.
    expect(provider.requests.map((request) => request.prompt)).toEqual([
      'scene A: a red boat',
      'make it night',
      'scene B: a blue car',
      'make it night',
    ]);
    expect(runB.nodes.get('e')?.status).toBe('ran');
    expect(runB.totals).toMatchObject({ calls: 2, cachedNodes: 0 });
    const historyText = (index: number) => JSON.stringify(provider.requests[index]?.history);
    expect(historyText(1)).toContain('scene A');
    expect(historyText(3)).toContain('scene B');
    expect(historyText(3)).not.toContain('scene A');
    expect(imageHashOf(runB, 'e')).not.toBe(imageHashOf(runA, 'e'));

    // Each conversation's edit is then cached under its own key.
    const againA = await runWorkflow(sceneWorkflow('scene A: a red boat'), {
      registry: nodeRegistry,
      provider,
      cache,
    });
    expect(provider.requests).toHaveLength(4);
    expect(againA.totals).toMatchObject({ calls: 0, cachedNodes: 2 });
    expect(imageHashOf(againA, 'e')).toBe(imageHashOf(runA, 'e'));
  });

  it('two branches in one run with equal bytes and different conversations make two edit calls', async () => {
    const provider = scriptedProvider({ imageSeed: sameScenePicture });
    const both = workflowOf(
      [
        node('pa', 'prompt', { text: 'scene A: a red boat' }),
        node('ga', 'generate', {}),
        node('ea', 'edit', { instruction: 'make it night' }),
        node('pb', 'prompt', { text: 'scene B: a blue car' }),
        node('gb', 'generate', {}),
        node('eb', 'edit', { instruction: 'make it night' }),
      ],
      [
        edge('pa', 'text', 'ga', 'prompt'),
        edge('ga', 'image', 'ea', 'image'),
        edge('pb', 'text', 'gb', 'prompt'),
        edge('gb', 'image', 'eb', 'image'),
      ],
    );
    const result = await runWorkflow(both, { registry: nodeRegistry, provider, cache: new MemoryCache() });
    expect(result.status).toBe('ok');
    expect(imageHashOf(result, 'ga')).toBe(imageHashOf(result, 'gb'));
    const edits = provider.requests.filter((request) => request.prompt === 'make it night');
    expect(edits).toHaveLength(2);
    const scenes = edits.map((request) => (JSON.stringify(request.history).includes('scene A') ? 'A' : 'B'));
    expect(scenes.sort()).toEqual(['A', 'B']);
    expect(result.nodes.get('ea')?.cacheKey).not.toBe(result.nodes.get('eb')?.cacheKey);
  });
});
