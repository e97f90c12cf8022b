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
  if (locks) {
    const webLock = await createWebLocksWriterLock(name, locks, options);
    if (webLock) return webLock;
  }
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

/**
 * Web Locks: the browser keeps the lock exactly as long as the tab lives, crashes included.
 * Undefined when the browser refuses lock requests outright (a SecurityError in an opaque origin
 * or a sandboxed frame): the caller falls back to another mechanism.
 */
async function createWebLocksWriterLock(
  name: string,
  locks: LockManagerLike,
  options: WriterLockOptions,
): Promise<WriterLock | undefined> {
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
    // A request refused (or aborted) before it was granted is not retried: queueing again at
    // once would spin forever.
    requestLock(
      locks,
      name,
      { signal: waiter.signal },
      {
        granted: () => {
          const held = hold(mine);
          options.onWritable?.();
          return held;
        },
        lost: () => lost(mine),
      },
    );
  };

  const first = ++generation;
  const outcome = await new Promise<'held' | 'busy' | 'refused'>((resolve) => {
    requestLock(
      locks,
      name,
      { ifAvailable: true },
      {
        granted: (lock) => {
          resolve(lock !== null && lock !== undefined ? 'held' : 'busy');
          return lock ? hold(first) : undefined;
        },
        lost: () => lost(first),
        refused: () => resolve('refused'),
      },
    );
  });
  if (outcome === 'refused') return undefined;
  if (outcome === 'busy') {
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
      await new Promise<void>((settled) => {
        requestLock(
          locks,
          name,
          { steal: true },
          {
            granted: () => {
              settled();
              return hold(mine);
            },
            lost: () => lost(mine),
            // Still read-only, and takeOver must not hang.
            refused: settled,
          },
        );
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

/**
 * One lock request that tells its two failures apart: `lost` when a lock it held was taken
 * (another tab's takeOver steals it), `refused` when it was never granted (the browser refused
 * it, or its signal aborted the wait).
 */
function requestLock(
  locks: LockManagerLike,
  name: string,
  options: Parameters<LockManagerLike['request']>[1],
  on: {
    granted: (lock: unknown) => Promise<unknown> | unknown;
    lost: () => void;
    refused?: () => void;
  },
): void {
  let granted = false;
  locks
    .request(name, options, (lock) => {
      granted = true;
      return on.granted(lock);
    })
    .catch(() => (granted ? on.lost() : on.refused?.()));
}
