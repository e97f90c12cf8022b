/** The Gemini provider against the fake server: what is sent, and how every kind of answer maps. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/engine/image/base64';
import { sha256Hex } from '../../src/engine/image/hash';
import { sniffImage } from '../../src/engine/image/sniff';
import type { ImageRequest } from '../../src/engine/provider';
import {
  type FakeGemini,
  geminiFor,
  generateWorkflow,
  noSignal,
  referencePng,
  run,
  startFakeGemini,
} from './provider-fixtures';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const ask = (request: Partial<ImageRequest>) =>
  geminiFor(fake).generateImage(
    { model: 'gemini-3.1-flash-image', prompt: 'a red bicycle', references: [], ...request },
    { signal: noSignal() },
  );

interface SentPart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  thought?: boolean;
  thoughtSignature?: string;
}
interface SentBody {
  contents: { role: string; parts: SentPart[] }[];
  generationConfig: { responseModalities: string[]; imageConfig?: Record<string, string> };
}
const sentBody = (index = 0): SentBody => fake.generateRequests()[index]?.body as SentBody;

describe('a successful answer', () => {
  it('decodes the image, joins the text and bills 3.1 Flash-Lite Image at $30/1M image tokens', async () => {
    const result = await ask({ model: 'gemini-3.1-flash-lite-image', aspectRatio: '16:9' });
    if (!result.ok) throw new Error(result.error.message);
    const { images, text, usage, costUsd } = result.value;
    expect(images).toHaveLength(1);
    const image = images[0];
    if (!image) throw new Error('no image');
    const info = sniffImage(image.bytes);
    expect(info.ok && info.value).toMatchObject({ mimeType: 'image/png', width: 64, height: 36 });
    expect(image.mimeType).toBe('image/png');
    expect(image.hash).toBe(sha256Hex(image.bytes));
    expect(text).toBe('Here is the image you asked for: "a red bicycle".');
    expect(usage.imageOutputTokens).toBe(1120);
    expect(usage.textOutputTokens).toBe(Math.ceil(text.length / 4));
    expect(usage.thoughtsTokens).toBe(0);
    expect(usage.promptTokens).toBeGreaterThan(0);
    const expected = (usage.promptTokens * 0.25 + 1120 * 30 + usage.textOutputTokens * 1.5) / 1e6;
    // Recorded to the micro-dollar.
    expect(costUsd).toBeCloseTo(expected, 5);
    expect(costUsd).toBeGreaterThan(0.0336);
    expect(result.value.modelVersion).toBe('gemini-3.1-flash-lite-image');
    expect(result.value.responseId).toMatch(/\S+/);
  });

  it('skips thought images of Gemini 3, keeps them in the model turn, and bills thinking as text', async () => {
    const result = await ask({ model: 'gemini-3-pro-image', imageSize: '4K', aspectRatio: '1:1' });
    if (!result.ok) throw new Error(result.error.message);
    const { images, usage, costUsd, modelTurn } = result.value;
    expect(images).toHaveLength(1);
    const info = images[0] && sniffImage(images[0].bytes);
    // The final 4K stand-in is 256 px; the thought draft is another image of the same size.
    expect(info?.ok && info.value).toMatchObject({ mimeType: 'image/jpeg', width: 256, height: 256 });
    const kinds = modelTurn.parts.map((part) => `${part.kind}${part.thought ? ':thought' : ''}`);
    expect(kinds).toEqual(['image:thought', 'text', 'image']);
    const draft = modelTurn.parts[0];
    expect(draft?.kind === 'image' && draft.image.hash).not.toBe(images[0]?.hash);
    const final = modelTurn.parts[2];
    expect(final?.thoughtSignature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(usage.imageOutputTokens).toBe(2000);
    expect(usage.thoughtsTokens).toBeGreaterThanOrEqual(120);
    const expected =
      (usage.promptTokens * 2 + 2000 * 120 + (usage.textOutputTokens + usage.thoughtsTokens) * 12) / 1e6;
    expect(costUsd).toBeCloseTo(expected, 6);
  });

  it('bills 3.1 Flash Image at 512 px with 747 image tokens at $60/1M', async () => {
    const result = await ask({
      model: 'gemini-3.1-flash-image',
      imageSize: '512',
      aspectRatio: '8:1',
    });
    if (!result.ok) throw new Error(result.error.message);
    const { usage, costUsd } = result.value;
    expect(usage.imageOutputTokens).toBe(747);
    const expected =
      (usage.promptTokens * 0.5 + 747 * 60 + (usage.textOutputTokens + usage.thoughtsTokens) * 3) / 1e6;
    expect(costUsd).toBeCloseTo(expected, 6);
  });

  it('returns a null cost for a model missing from the catalog, but still the image', async () => {
    // A model Google lists that Peel's catalog does not know yet.
    await fetch(`${fake.url}/__fake/models`, {
      method: 'POST',
      body: JSON.stringify({ add: ['gemini-3.2-flash-image'] }),
    });
    const result = await ask({ model: 'gemini-3.2-flash-image' });
    expect(result.ok && result.value.costUsd).toBeNull();
    expect(result.ok && result.value.images).toHaveLength(1);
  });
});

describe('the request sent', () => {
  it('puts reference images as inlineData before the text, in order, asking for text and image', async () => {
    const first = referencePng([255, 0, 0, 255]);
    const second = referencePng([0, 0, 255, 255], 2, 5);
    const result = await ask({ references: [first, second], prompt: 'combine these' });
    expect(result.ok).toBe(true);
    const body = sentBody();
    expect(body.contents).toHaveLength(1);
    expect(body.contents[0]).toEqual({
      role: 'user',
      parts: [
        { inlineData: { mimeType: 'image/png', data: bytesToBase64(first.bytes) } },
        { inlineData: { mimeType: 'image/png', data: bytesToBase64(second.bytes) } },
        { text: 'combine these' },
      ],
    });
    expect(body.generationConfig.responseModalities).toEqual(['TEXT', 'IMAGE']);
    expect(fake.generateRequests()[0]?.path).toBe('/v1beta/models/gemini-3.1-flash-image:generateContent');
    // The user turn handed back for continuing holds the references without their own conversations.
    expect(result.ok && result.value.userTurn.parts.map((part) => part.kind)).toEqual([
      'image',
      'image',
      'text',
    ]);
  });

  it('sends imageSize only where the model offers a choice, and the aspect ratio when allowed', async () => {
    await ask({ model: 'gemini-3-pro-image', aspectRatio: '3:2', imageSize: '2K' });
    await ask({ model: 'gemini-3.1-flash-lite-image', aspectRatio: '9:16', imageSize: '1K' });
    await ask({ model: 'gemini-3.1-flash-image' });
    await ask({ model: 'gemini-9-unknown-image', aspectRatio: '4:3', imageSize: '2K' });
    expect(sentBody(0).generationConfig.imageConfig).toEqual({ aspectRatio: '3:2', imageSize: '2K' });
    expect(sentBody(1).generationConfig.imageConfig).toEqual({ aspectRatio: '9:16' });
    expect(sentBody(2).generationConfig.imageConfig).toBeUndefined();
    expect(sentBody(3).generationConfig.imageConfig).toEqual({ aspectRatio: '4:3' });
  });

  it('refuses a value the model does not offer without calling Gemini', async () => {
    const ratio = await ask({ model: 'gemini-3-pro-image', aspectRatio: '1:8' });
    const size = await ask({ model: 'gemini-3-pro-image', imageSize: '512' });
    expect(!ratio.ok && ratio.error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(!ratio.ok && ratio.error.message).toContain('aspect ratio 1:8');
    expect(!size.ok && size.error.message).toContain('image size 512; choose one of 1K, 2K, 4K');
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('refuses an inline image over 7 MB, and a request over 20 MB, before sending anything', async () => {
    const big = { ...referencePng([1, 2, 3, 255]), bytes: new Uint8Array(7.5 * 1024 * 1024) };
    const six = { ...referencePng([1, 2, 3, 255]), bytes: new Uint8Array(6 * 1024 * 1024) };
    const single = await ask({ references: [referencePng([9, 9, 9, 255]), big] });
    const total = await ask({ references: [six, six, six] });
    expect(!single.ok && single.error).toMatchObject({ code: 'image_too_large', retryable: false });
    expect(!single.ok && single.error.message).toContain('reference image 2 of 2 (7.5 MB)');
    expect(!total.ok && total.error.code).toBe('image_too_large');
    expect(!total.ok && total.error.message).toMatch(/carries 24\.0 MB .* 20\.0 MB/);
    expect(fake.generateRequests()).toHaveLength(0);
  });
});

describe('answers without an image', () => {
  it('IMAGE_SAFETY: asked exactly once, with the reason and Google’s explanation', async () => {
    fake.addFault({ kind: 'imageSafety' });
    const { result } = await run(generateWorkflow('a thing the filter dislikes'), geminiFor(fake));
    const error = result.nodes.get('gen')?.error;
    expect(fake.generateRequests()).toHaveLength(1);
    expect(result.status).toBe('failed');
    expect(error?.code).toBe('safety_blocked');
    expect(error?.message).toMatch(
      /^Blocked by Gemini's safety filter \(IMAGE_SAFETY\): Unable to show the generated image/,
    );
    expect(error?.message).toContain('Try rephrasing the prompt');
  });

  it('a blocked prompt is a safety block naming the block reason', async () => {
    fake.addFault({ kind: 'promptBlock' });
    const result = await ask({});
    expect(!result.ok && result.error).toMatchObject({ code: 'safety_blocked', retryable: false });
    expect(!result.ok && result.error.message).toContain(
      "Blocked by Gemini's safety filter (PROHIBITED_CONTENT)",
    );
    expect(!result.ok && result.error.usage?.promptTokens).toBeGreaterThan(0);
  });

  it('NO_IMAGE is "no image", not retried, billed for the prompt only', async () => {
    fake.addFault({ kind: 'noImage' });
    const { result } = await run(generateWorkflow('something'), geminiFor(fake));
    const error = result.nodes.get('gen')?.error;
    expect(fake.generateRequests()).toHaveLength(1);
    expect(error?.code).toBe('no_image');
    expect(error?.message).toBe('the model returned no image (NO_IMAGE)');
    expect(result.nodes.get('gen')?.usage?.imageOutputTokens).toBe(0);
  });

  it('a text-only answer is "no image" carrying what the model said', async () => {
    fake.addFault({ kind: 'textOnly' });
    const result = await ask({ prompt: 'a lighthouse' });
    expect(!result.ok && result.error.code).toBe('no_image');
    expect(!result.ok && result.error.message).toContain(
      'the model returned no image; it said: "I can\'t create that image, but here is a description instead: a lighthouse"',
    );
    expect(!result.ok && result.error.usage?.textOutputTokens).toBeGreaterThan(0);
  });

  it('an image that does not decode is a bad response, not retried', async () => {
    fake.addFault({ kind: 'badBase64' });
    const { result } = await run(generateWorkflow('anything'), geminiFor(fake));
    const error = result.nodes.get('gen')?.error;
    expect(fake.generateRequests()).toHaveLength(1);
    expect(error?.code).toBe('bad_response');
    expect(error?.message).toContain('Gemini sent an image that could not be decoded');
  });
});
