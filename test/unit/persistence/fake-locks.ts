import type { LockManagerLike } from '../../../src/persistence/run-locks';

/**
 * A small in-memory Web Locks manager (exclusive locks only), following the spec's rules that Peel
 * relies on: ifAvailable grants null when held; steal releases the holder at once and rejects its
 * request with AbortError; other requests queue FIFO and may be aborted by their signal.
 */
export class FakeLockManager implements LockManagerLike {
  private readonly holders = new Map<string, { token: object; abort: (reason: unknown) => void }>();
  private readonly waiting = new Map<string, Array<() => void>>();

  async request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown> {
    if (options.steal) {
      this.holders.get(name)?.abort(new DOMException('The lock was stolen', 'AbortError'));
      this.holders.delete(name);
    } else if (this.holders.has(name)) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>((resolve, reject) => {
        const queue = this.waiting.get(name) ?? [];
        queue.push(resolve);
        this.waiting.set(name, queue);
        options.signal?.addEventListener('abort', () => {
          this.waiting.set(
            name,
            (this.waiting.get(name) ?? []).filter((entry) => entry !== resolve),
          );
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    }
    return this.grant(name, callback);
  }

  async query() {
    return { held: [...this.holders.keys()].map((name) => ({ name })) };
  }

  private grant(name: string, callback: (lock: unknown) => Promise<unknown> | unknown): Promise<unknown> {
    const token = {};
    return new Promise((resolve, reject) => {
      this.holders.set(name, { token, abort: reject });
      Promise.resolve(callback({ name, mode: 'exclusive' })).then((value) => {
        if (this.holders.get(name)?.token !== token) return; // stolen meanwhile: already rejected
        this.holders.delete(name);
        this.waiting.get(name)?.shift()?.();
        resolve(value);
      }, reject);
    });
  }
}
