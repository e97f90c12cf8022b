/**
 * The slice of the Web Locks API used to tell a live run (held by an open tab) from one whose tab
 * went away. Optional: without it every unfinished run at startup counts as interrupted.
 */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
  query?: () => Promise<{ held?: Array<{ name?: string }> }>;
}

export function defaultLockManager(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

export const runLockName = (runId: string) => `peel-run:${runId}`;
