/**
 * Small engine pieces the run path leans on: abortable sleeps and linked signals (fake timers),
 * JSON paths and error descriptions as users read them, and answers kept per paid call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkedSignal, sleep } from '../../../src/engine/abort';
import { ZERO_USAGE } from '../../../src/engine/cost';
import { paidCallEntry, paidCallFromEntry, paidCallKey } from '../../../src/engine/paid-calls';
import type { ImageCallResult } from '../../../src/engine/provider';
import { describeError, err, formatJsonPath, ok, peelError } from '../../../src/engine/result';
import type { ConversationTurn, ImageValue } from '../../../src/engine/values';

afterEach(() => {
  vi.useRealTimers();
});

describe('sleep and linkedSignal', () => {
  it('sleep resolves after the time, or rejects with the reason of an abort before it', async () => {
    vi.useFakeTimers();
    let done = false;
    const slept = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);

    const controller = new AbortController();
    const cut = sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(cut).rejects.toThrow('stop');
    await expect(sleep(10, AbortSignal.abort(new Error('before')))).rejects.toThrow('before');
    // A sleep that finished does not react to a later abort.
    const later = new AbortController();
    const finished = sleep(5, later.signal);
    await vi.advanceTimersByTimeAsync(5);
    await finished;
    later.abort(new Error('late'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a linked signal follows any input, already aborted or later, and times out with its own reason', async () => {
    vi.useFakeTimers();
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkedSignal([a.signal, b.signal]);
    expect(linked.signal.aborted).toBe(false);
    b.abort('b went');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('b went');
    expect(linked.timedOut()).toBe(false);

    const early = linkedSignal([AbortSignal.abort('early')]);
    expect(early.signal.reason).toBe('early');

    const timed = linkedSignal([], 2_400);
    await vi.advanceTimersByTimeAsync(2_399);
    expect(timed.signal.aborted).toBe(false);
    expect(timed.timedOut()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(timed.timedOut()).toBe(true);
    expect((timed.signal.reason as Error).message).toBe('no answer within 2 s');
  });

  it('dispose stops the timer and stops following the inputs', async () => {
    vi.useFakeTimers();
    const input = new AbortController();
    const linked = linkedSignal([input.signal], 1000);
    linked.dispose();
    expect(vi.getTimerCount()).toBe(0);
    input.abort('after dispose');
    await vi.advanceTimersByTimeAsync(2000);
    expect(linked.signal.aborted).toBe(false);
    expect(linked.timedOut()).toBe(false);
  });
});

describe('results and paths', () => {
  it('formatJsonPath writes indexes in brackets and names with dots; the empty path is the root', () => {
    expect(formatJsonPath(['nodes', 3, 'params', 'aspectRatio'])).toBe('nodes[3].params.aspectRatio');
    expect(formatJsonPath([0, 'a', 1, 2])).toBe('[0].a[1][2]');
    expect(formatJsonPath([])).toBe('(root)');
  });

  it('describeError puts the path first, else the node, else the message alone', () => {
    expect(describeError(peelError('schema', 'bad', { path: 'nodes[0]', nodeId: 'n' }))).toBe(
      'nodes[0]: bad',
    );
    expect(describeError(peelError('schema', 'bad', { nodeId: 'n' }))).toBe('node n: bad');
    expect(describeError(peelError('schema', 'bad', { nodeId: '' }))).toBe('bad');
    expect(describeError(peelError('schema', 'bad'))).toBe('bad');
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err('x')).toEqual({ ok: false, error: 'x' });
  });
});

describe('paid calls', () => {
  const image: ImageValue = { bytes: new Uint8Array([1, 2]), mimeType: 'image/png', hash: 'h1' };
  const userTurn: ConversationTurn = { role: 'user', parts: [{ kind: 'text', text: 'a boat' }] };
  const modelTurn: ConversationTurn = { role: 'model', parts: [{ kind: 'image', image }] };
  const answer = (images: ImageValue[]): ImageCallResult => ({
    images,
    text: 'here',
    usage: { ...ZERO_USAGE, promptTokens: 5 },
    costUsd: 0.04,
    userTurn,
    modelTurn,
  });

  it('each call of a node has its own key', () => {
    expect(paidCallKey('k', 0)).not.toBe(paidCallKey('k', 1));
    expect(paidCallKey('k', 0)).not.toBe(paidCallKey('j', 0));
    expect(paidCallKey('k', 2)).toBe(paidCallKey('k', 2));
  });

  it('an answer round-trips through its entry, free the second time; no images, no entry', () => {
    vi.useFakeTimers({ now: 1_234 });
    const entry = paidCallEntry(answer([image]), 'gemini');
    expect(entry).toEqual({
      outputs: { images: [{ ...image, conversation: [userTurn, modelTurn] }], text: 'here' },
      usage: { ...ZERO_USAGE, promptTokens: 5 },
      costUsd: 0.04,
      provider: 'gemini',
      createdAt: 1_234,
    });
    expect(paidCallFromEntry(entry as NonNullable<typeof entry>)).toEqual({
      images: [image],
      text: 'here',
      usage: ZERO_USAGE,
      costUsd: 0,
      userTurn,
      modelTurn,
    });
    expect(paidCallEntry(answer([]), 'gemini')).toBeUndefined();
  });

  it('an entry that is not a paid call gives nothing back', () => {
    const base = { usage: ZERO_USAGE, costUsd: 0, provider: 'gemini', createdAt: 0 };
    const withTurns = { ...image, conversation: [userTurn, modelTurn] };
    expect(paidCallFromEntry({ ...base, outputs: { images: [], text: 'x' } })).toBeUndefined();
    expect(paidCallFromEntry({ ...base, outputs: { image: withTurns, text: 'x' } })).toBeUndefined();
    expect(paidCallFromEntry({ ...base, outputs: { images: [withTurns] } })).toBeUndefined();
    expect(paidCallFromEntry({ ...base, outputs: { images: [image], text: 'x' } })).toBeUndefined();
    expect(
      paidCallFromEntry({
        ...base,
        outputs: { images: [{ ...image, conversation: [userTurn] }], text: 'x' },
      }),
    ).toBeUndefined();
  });
});
