/**
 * Generate → Edit → Edit through the real engine: each Edit replays the conversation so far,
 * thought parts and thought signatures untouched, as Gemini 3 requires.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/engine/image/base64';
import { isImageValue } from '../../src/engine/values';
import { requestHash, thoughtSignature } from '../fake-gemini/responses';
import { type FakeGemini, geminiFor, generateEditEdit, run, startFakeGemini } from './provider-fixtures';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

interface SentPart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  thought?: boolean;
  thoughtSignature?: string;
}
type SentContent = { role: string; parts: SentPart[] };

it.each(['gemini-3-pro-image', 'gemini-3.1-flash-image'])(
  '%s: the third request holds the earlier turns with the exact signatures',
  async (model) => {
    const { result } = await run(generateEditEdit(model), geminiFor(fake));
    expect(result.status).toBe('ok');
    const requests = fake.generateRequests();
    expect(requests).toHaveLength(3);
    const contents = requests.map((request) => (request.body as { contents: SentContent[] }).contents);
    // What the server signed each answer with, computed independently of the provider.
    const signatureOf = (index: number) => thoughtSignature(requestHash(model, requests[index]?.body));

    const third = contents[2] ?? [];
    expect(third.map((turn) => turn.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    expect(third[0]).toEqual({ role: 'user', parts: [{ text: 'a small wooden sailboat on a calm lake' }] });
    expect(third[2]).toEqual({ role: 'user', parts: [{ text: 'make the sail bright red' }] });
    expect(third[4]).toEqual({ role: 'user', parts: [{ text: 'add a lighthouse on the far shore' }] });
    for (const [turnIndex, answerIndex] of [
      [1, 0],
      [3, 1],
    ] as const) {
      const modelTurn = third[turnIndex];
      const signed = modelTurn?.parts.filter((part) => part.thoughtSignature !== undefined) ?? [];
      expect(signed).toHaveLength(1);
      expect(signed[0]?.thoughtSignature).toBe(signatureOf(answerIndex));
      expect(signed[0]?.inlineData?.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    // The second request already replayed the first exchange exactly as the third does.
    expect(contents[1]).toEqual(third.slice(0, 3));

    if (model.startsWith('gemini-3')) {
      // Thinking models answer with a thought draft first; it is replayed, flag included.
      expect(third[1]?.parts.map((part) => part.thought ?? false)).toEqual([true, false, false]);
    }

    // The edited image carries the whole conversation, and its bytes are what the model turn sent.
    const finalImage = result.nodes.get('e2')?.outputs?.image;
    if (!isImageValue(finalImage)) throw new Error('no final image');
    expect(finalImage.conversation?.map((turn) => turn.role)).toEqual([
      'user',
      'model',
      'user',
      'model',
      'user',
      'model',
    ]);
    const editedOnce = result.nodes.get('e1')?.outputs?.image;
    if (!isImageValue(editedOnce)) throw new Error('no first edit');
    const replayedImage = third[3]?.parts.find((part) => part.inlineData && !part.thought);
    expect(replayedImage?.inlineData?.data).toBe(bytesToBase64(editedOnce.bytes));
  },
);
