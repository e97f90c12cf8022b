/**
 * The editor's content hash, injected into the engine and the providers: `crypto.subtle` in a
 * Web Worker, so a 2 MB answer arriving never holds the page (the old hand-written SHA-256 took
 * ~25 ms of main-thread time for it; Chromium's crypto.subtle on the page still holds it while it
 * digests). The page pays only the copy of the bytes to the worker. Where workers are missing (a
 * test DOM) or the worker fails, the same digest is computed here with `crypto.subtle`.
 */
import type { HashBytes } from '../../engine/hash-bytes';
import { sha256HexAsync } from '../../engine/image/hash';
import type { HashReply, HashRequest } from '../hash/protocol';

export function createWorkerHashBytes(makeWorker: () => Worker): HashBytes {
  let worker: Worker | undefined;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, { bytes: Uint8Array; settle: (hash: Promise<string>) => void }>();

  const giveUp = () => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    // What was waiting is hashed here: the answer is the same digest.
    for (const entry of pending.values()) entry.settle(sha256HexAsync(entry.bytes));
    pending.clear();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = makeWorker();
    created.onmessage = (event: MessageEvent<HashReply>) => {
      const entry = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!entry) return;
      entry.settle('hash' in event.data ? Promise.resolve(event.data.hash) : sha256HexAsync(entry.bytes));
    };
    created.onerror = giveUp;
    worker = created;
    return created;
  };

  return (bytes) => {
    if (broken) return sha256HexAsync(bytes);
    return new Promise<string>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { bytes, settle: (hash) => hash.then(resolve, reject) });
      try {
        // A copy goes, transferred: the caller keeps its bytes, the page pays one memcpy.
        const copy = bytes.slice();
        const message: HashRequest = { id, bytes: copy };
        ensureWorker().postMessage(message, [copy.buffer]);
      } catch {
        giveUp();
      }
    });
  };
}

let editorHashBytes: HashBytes | undefined;

export const browserHashBytes: HashBytes = (bytes) => {
  editorHashBytes ??=
    typeof Worker === 'undefined'
      ? sha256HexAsync
      : createWorkerHashBytes(
          () =>
            new Worker(new URL('../hash/hash-worker.ts', import.meta.url), {
              type: 'module',
              name: 'peel-hash',
            }),
        );
  return editorHashBytes(bytes);
};
