import { jsquashCodecs } from '../../image-ops/jsquash-codecs';
import { runImageOp } from '../../image-ops/pipeline';
import type { ImageOpMessage, ImageOpReply } from './protocol';

/** The worker's global scope, typed for what it uses (the project compiles against the DOM lib). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImageOpMessage>) => void) | null;
  postMessage(message: ImageOpReply, transfer: Transferable[]): void;
};

// One request at a time, in arrival order: the pipeline's codecs hold whole decoded images.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const { id, request } = event.data;
  queue = queue.then(async () => {
    const result = await runImageOp(jsquashCodecs, request);
    const transfer = result.ok ? result.value.map((image) => image.bytes.buffer as ArrayBuffer) : [];
    scope.postMessage({ id, result }, transfer);
  });
};
