import { defaultLockManager, type LockManagerLike } from './run-locks';
import { createBroadcastWriterLock } from './writer-lock-broadcast';

export type ReadOnlyReason = 'held-elsewhere' | 'taken-over';

/** One tab edits a workflow; others open it read-only and may take over. */
export interface WriterLock {
  readonly readOnly: boolean;
  readonly mechanism: 'web-locks' | 'broadcast' | 'none';
  /** Make this tab the writer; the current writer turns read-only (its onReadOnly says 'taken-over'). */
  takeOver(): Promise<void>;
  /** Give up the lock (closing the workflow, leaving the page). */
  release(): void;
}

export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WriterLockOptions {
  /** This tab cannot write: tell the user (and offer takeOver). */
  onReadOnly?: (reason: ReadOnlyReason) => void;
  /** The writer went away or released: this tab may write now (reload from the database first). */
  onWritable?: () => void;
  /** Defaults to `navigator.locks`; null forces the BroadcastChannel fallback. */
  locks?: LockManagerLike | null;
  /** Defaults to `new BroadcastChannel(name)` where it exists. */
  createChannel?: (name: string) => BroadcastChannelLike | undefined;
  heartbeatMs?: number;
  /** How long a new tab listens for a writer before claiming the lock itself. */
  probeMs?: number;
}

export const writerLockName = (workflowId: string) => `peel-writer:${workflowId}`;

export async function createWriterLock(
  workflowId: string,
  options: WriterLockOptions = {},
): Promise<WriterLock> {
  const name = writerLockName(workflowId);
  const locks = options.locks === null ? undefined : (options.locks ?? defaultLockManager());
  if (locks) return createWebLocksWriterLock(name, locks, options);
  const channel = (options.createChannel ?? defaultChannel)(name);
  if (channel) return createBroadcastWriterLock(channel, options);
  // No way to see other tabs: the revision check on save is the only guard left.
  return { readOnly: false, mechanism: 'none', takeOver: async () => undefined, release: () => undefined };
}

function defaultChannel(name: string): BroadcastChannelLike | undefined {
  return typeof BroadcastChannel === 'undefined'
    ? undefined
    : (new BroadcastChannel(name) as unknown as BroadcastChannelLike);
}

/** Web Locks: the browser keeps the lock exactly as long as the tab lives, crashes included. */
async function createWebLocksWriterLock(
  name: string,
  locks: LockManagerLike,
  options: WriterLockOptions,
): Promise<WriterLock> {
  let readOnly = true;
  let releaseHeld: (() => void) | undefined;
  let waiter: AbortController | undefined;
  let generation = 0;
  let released = false;

  // The lock stays ours while this promise is pending; resolving it unlocks.
  const hold = (mine: number) => {
    readOnly = false;
    return new Promise<void>((resolve) => {
      releaseHeld = () => {
        if (generation === mine) releaseHeld = undefined;
        resolve();
      };
    });
  };
  const lost = (mine: number) => {
    if (mine !== generation || released) return;
    readOnly = true;
    releaseHeld = undefined;
    options.onReadOnly?.('taken-over');
    waitUntilFree();
  };
  // A read-only tab queues for the lock, so it becomes the writer when the other tab closes.
  const waitUntilFree = () => {
    waiter = new AbortController();
    const mine = ++generation;
    locks
      .request(name, { signal: waiter.signal }, () => {
        const held = hold(mine);
        options.onWritable?.();
        return held;
      })
      .catch(() => lost(mine));
  };

  const first = ++generation;
  const acquired = await new Promise<boolean>((resolve) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        resolve(lock !== null && lock !== undefined);
        return lock ? hold(first) : undefined;
      })
      .catch(() => {
        resolve(false);
        lost(first);
      });
  });
  if (!acquired) {
    options.onReadOnly?.('held-elsewhere');
    waitUntilFree();
  }

  return {
    mechanism: 'web-locks',
    get readOnly() {
      return readOnly;
    },
    async takeOver() {
      if (!readOnly) return;
      waiter?.abort();
      const mine = ++generation;
      await new Promise<void>((granted) => {
        locks
          .request(name, { steal: true }, () => {
            granted();
            return hold(mine);
          })
          .catch(() => lost(mine));
      });
    },
    release() {
      released = true;
      waiter?.abort();
      releaseHeld?.();
      readOnly = true;
    },
  };
}
