import type { EncodedImage, ImageOpRequest, ImageOps } from '../../engine/image-ops';
import { err, ok, type Result } from '../../engine/result';
import { normalizeCheck } from '../../image-ops/normalize-check';
import { sharedBlobOf } from '../../persistence/blob-slices';
import { IMAGE_FIELDS, type ImageOpMessage, type ImageOpReply, type WireRequest } from './protocol';

type Pending = (result: Result<EncodedImage[]>) => void;

/** The request with each image as a shared Blob (built in slices): only bytes and type cross. */
async function toWire(request: ImageOpRequest): Promise<WireRequest> {
  const wire: WireRequest = { ...request };
  for (const field of IMAGE_FIELDS) {
    const image = (request as unknown as Record<string, unknown>)[field] as EncodedImage | undefined;
    if (image)
      wire[field] = { blob: await sharedBlobOf(image.bytes, image.mimeType), mimeType: image.mimeType };
  }
  return wire;
}

/** An image that normalizing would return as it is (the usual case), answered without the worker. */
function uprightAlready(image: EncodedImage & { hash?: string }): EncodedImage | undefined {
  const check = normalizeCheck(image);
  if (!check.ok || check.value.needed) return undefined;
  return {
    bytes: image.bytes,
    mimeType: check.value.mimeType,
    ...(image.hash ? { hash: image.hash } : {}),
  };
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
      const unchanged = request.op === 'normalize' ? uprightAlready(request.image) : undefined;
      if (unchanged) return Promise.resolve(ok([unchanged]));
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
        void toWire(request).then((wire) => {
          if (!pending.has(id)) return;
          const message: ImageOpMessage = { id, request: wire };
          ensureWorker().postMessage(message);
        });
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
