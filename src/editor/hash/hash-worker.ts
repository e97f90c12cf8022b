/**
 * Digests image bytes off the page's main thread. Chromium runs `crypto.subtle.digest` on the
 * calling thread (the promise only settles later), so a 2 MB answer hashed on the page would
 * still hold it for several ms; here it holds this worker instead.
 */
import { sha256HexAsync } from '../../engine/image/hash';
import type { HashReply, HashRequest } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage(message: HashReply): void;
};

scope.onmessage = (event) => {
  const { id, bytes } = event.data;
  sha256HexAsync(bytes).then(
    (hash) => scope.postMessage({ id, hash }),
    (cause: unknown) => scope.postMessage({ id, error: String(cause) }),
  );
};
