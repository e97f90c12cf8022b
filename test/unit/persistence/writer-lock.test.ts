import { describe, expect, it } from 'vitest';
import type { ReadOnlyReason } from '../../../src/persistence/writer-lock';
import { type BroadcastChannelLike, createWriterLock } from '../../../src/persistence/writer-lock';
import { FakeLockManager } from './fake-locks';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function tabCallbacks() {
  const readOnly: ReadOnlyReason[] = [];
  let writable = 0;
  return {
    readOnly,
    writable: () => writable,
    options: { onReadOnly: (reason: ReadOnlyReason) => readOnly.push(reason), onWritable: () => writable++ },
  };
}

describe('createWriterLock with Web Locks', () => {
  it('gives the second tab read-only, lets it take over, and hands back when the writer leaves', async () => {
    const locks = new FakeLockManager();
    const a = tabCallbacks();
    const b = tabCallbacks();
    const tabA = await createWriterLock('wf-1', { ...a.options, locks });
    expect(tabA).toMatchObject({ mechanism: 'web-locks', readOnly: false });
    const tabB = await createWriterLock('wf-1', { ...b.options, locks });
    expect(tabB.readOnly).toBe(true);
    expect(b.readOnly).toEqual(['held-elsewhere']);

    // Another workflow is independent.
    const other = await createWriterLock('wf-2', { locks });
    expect(other.readOnly).toBe(false);

    await tabB.takeOver();
    await tick();
    expect(tabB.readOnly).toBe(false);
    expect(tabA.readOnly).toBe(true);
    expect(a.readOnly).toEqual(['taken-over']);

    tabB.release();
    await tick();
    expect(tabA.readOnly).toBe(false);
    expect(a.writable()).toBe(1);
    tabA.release();
    other.release();
  });
});

/** A browser that grants the first `granting` lock requests and refuses every later one. */
class RefusingLocks extends FakeLockManager {
  requests = 0;
  constructor(private readonly granting: number) {
    super();
  }
  override async request(...args: Parameters<FakeLockManager['request']>): Promise<unknown> {
    this.requests++;
    if (this.requests > this.granting) {
      throw new DOMException('Lock requests are not allowed here', 'SecurityError');
    }
    return super.request(...args);
  }
}

describe('createWriterLock when the browser refuses lock requests', () => {
  it('falls back to the next mechanism when the very first request is refused', async () => {
    const refused = new RefusingLocks(0);
    const lock = await createWriterLock('wf-r', { locks: refused, createChannel: () => undefined });
    expect(lock).toMatchObject({ mechanism: 'none', readOnly: false });
    expect(refused.requests).toBe(1);
  });

  it('a read-only tab whose queued request is refused stops asking (no endless retry) and stays read-only', async () => {
    const locks = new RefusingLocks(2); // the writer's request, the reader's first look
    const writer = await createWriterLock('wf-q', { locks });
    const b = tabCallbacks();
    const reader = await createWriterLock('wf-q', { ...b.options, locks });
    await tick(20);
    expect(reader.readOnly).toBe(true);
    expect(b.readOnly).toEqual(['held-elsewhere']);
    // One refused queue request, and no more after it.
    expect(locks.requests).toBe(3);

    await reader.takeOver(); // refused too: it returns instead of hanging
    await tick(20);
    expect(reader.readOnly).toBe(true);
    expect(writer.readOnly).toBe(false);
    expect(locks.requests).toBe(4);
    writer.release();
    reader.release();
  });
});

describe('createWriterLock with the BroadcastChannel fallback', () => {
  const timing = { heartbeatMs: 20, probeMs: 40, locks: null };

  it('makes the second tab read-only, supports take-over and release', async () => {
    const a = tabCallbacks();
    const b = tabCallbacks();
    const tabA = await createWriterLock('bc-1', { ...a.options, ...timing });
    expect(tabA).toMatchObject({ mechanism: 'broadcast', readOnly: false });
    const tabB = await createWriterLock('bc-1', { ...b.options, ...timing });
    expect(tabB.readOnly).toBe(true);
    expect(b.readOnly).toEqual(['held-elsewhere']);
    await tick(70); // heartbeats keep the reader a reader
    expect(tabB.readOnly).toBe(true);

    await tabB.takeOver();
    await tick(30);
    expect(tabB.readOnly).toBe(false);
    expect(tabA.readOnly).toBe(true);
    expect(a.readOnly).toEqual(['taken-over']);

    tabB.release();
    await tick(30);
    expect(tabA.readOnly).toBe(false);
    expect(a.writable()).toBe(1);
    tabA.release();
  });

  it('lets a reader take over when the writer stops beating (crashed tab)', async () => {
    let alive = true;
    const crashable = (name: string): BroadcastChannelLike => {
      const channel = new BroadcastChannel(name);
      return {
        postMessage: (message) => {
          if (alive) channel.postMessage(message);
        },
        close: () => channel.close(),
        set onmessage(handler) {
          channel.onmessage = handler as ((event: MessageEvent) => void) | null;
        },
        get onmessage() {
          return channel.onmessage as BroadcastChannelLike['onmessage'];
        },
      };
    };
    const tabA = await createWriterLock('bc-2', { ...timing, createChannel: crashable });
    const b = tabCallbacks();
    const tabB = await createWriterLock('bc-2', { ...b.options, ...timing });
    expect(tabB.readOnly).toBe(true);
    alive = false;
    await tick(150);
    expect(tabB.readOnly).toBe(false);
    expect(b.writable()).toBe(1);
    tabA.release();
    tabB.release();
  });

  it('falls back to always-writable when neither mechanism exists', async () => {
    const lock = await createWriterLock('x', { locks: null, createChannel: () => undefined });
    expect(lock).toMatchObject({ mechanism: 'none', readOnly: false });
  });
});
