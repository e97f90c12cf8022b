import type { EncodedImage, ImageOpRequest, ImageOps } from '../../engine/image-ops';
import { err, type Result } from '../../engine/result';
import type { ImageOpMessage, ImageOpReply } from './protocol';

type Pending = (result: Result<EncodedImage[]>) => void;

/** Only bytes and type cross to the worker (not hashes or conversations). */
const bare = (image: EncodedImage): EncodedImage => ({ bytes: image.bytes, mimeType: image.mimeType });

function bareRequest(request: ImageOpRequest): ImageOpRequest {
  if (request.op === 'composite')
    return { ...request, base: bare(request.base), overlay: bare(request.overlay) };
  if (request.op === 'draw') return request.image ? { ...request, image: bare(request.image) } : request;
  return { ...request, image: bare(request.image) };
}

/**
 * Image tools in the editor: each request goes to a Web Worker (created on first use, so the
 * codecs' wasm and glue load only when a tool runs), and the canvas never waits on pixel work.
 */
export function createWorkerImageOps(makeWorker: () => Worker): ImageOps {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string) => {
    for (const settle of pending.values()) settle(err({ code: 'internal', message }));
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = makeWorker();
    created.onmessage = (event: MessageEvent<ImageOpReply>) => {
      const settle = pending.get(event.data.id);
      pending.delete(event.data.id);
      settle?.(event.data.result);
    };
    created.onerror = (event) => failAll(`the image worker stopped: ${event.message || 'unknown error'}`);
    worker = created;
    return created;
  };

  return {
    run(request, signal) {
      if (signal.aborted) return Promise.resolve(err({ code: 'cancelled', message: 'cancelled' }));
      return new Promise((resolve) => {
        const id = nextId++;
        const onAbort = () => {
          // The worker finishes the operation; its answer is dropped.
          pending.delete(id);
          resolve(err({ code: 'cancelled', message: 'cancelled' }));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        pending.set(id, (result) => {
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        });
        const message: ImageOpMessage = { id, request: bareRequest(request) };
        ensureWorker().postMessage(message);
      });
    },
  };
}

let editorImageOps: ImageOps | undefined;

/** The editor's one image worker. */
export function getEditorImageOps(): ImageOps {
  editorImageOps ??= createWorkerImageOps(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'peel-image-ops' }),
  );
  return editorImageOps;
}
