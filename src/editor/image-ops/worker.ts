import labelFontUrl from '@fontsource/inter/files/inter-latin-700-normal.woff?url';
import { instantiate as instantiateLcms } from 'lcms-wasm';
import lcmsWasmUrl from 'lcms-wasm/dist/lcms.wasm?url';
import { sha256Hex } from '../../engine/image/hash';
import type { ImageOpRequest } from '../../engine/image-ops';
import { type Lcms, setLcmsLoader } from '../../image-ops/colour-management';
import { jsquashCodecs } from '../../image-ops/jsquash-codecs';
import { setLabelFontLoader } from '../../image-ops/label-text';
import { runImageOp } from '../../image-ops/pipeline';
import {
  IMAGE_FIELDS,
  type ImageOpMessage,
  type ImageOpReply,
  isWireImage,
  type WireRequest,
} from './protocol';

/** The worker's global scope, typed for what it uses (the project compiles against the DOM lib). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImageOpMessage>) => void) | null;
  postMessage(message: ImageOpReply, transfer: Transferable[]): void;
};

/** The request with each Blob read back into bytes (here, off the main thread). */
async function fromWire(wire: WireRequest): Promise<ImageOpRequest> {
  const request: Record<string, unknown> = { ...wire };
  for (const field of IMAGE_FIELDS) {
    const image = wire[field];
    if (isWireImage(image))
      request[field] = { bytes: new Uint8Array(await image.blob.arrayBuffer()), mimeType: image.mimeType };
  }
  // The client built it from an ImageOpRequest, replacing only the image fields.
  return request as unknown as ImageOpRequest;
}

// Little CMS for images with a colour profile: the same wasm as in Node, so the same pixels.
setLcmsLoader(async () => {
  const wasmBinary = await (await fetch(lcmsWasmUrl)).arrayBuffer();
  return (await instantiateLcms({ wasmBinary })) as Lcms;
});

// The label font: the same file the CLI reads from node_modules.
setLabelFontLoader(async () => (await fetch(labelFontUrl)).arrayBuffer());

// One request at a time, in arrival order: the pipeline's codecs hold whole decoded images.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const { id, request } = event.data;
  queue = queue.then(async () => {
    const result = await runImageOp(jsquashCodecs, await fromWire(request));
    // Hashed here, not on the main thread: a 4096² output is megabytes of SHA-256.
    if (result.ok) for (const image of result.value) image.hash = sha256Hex(image.bytes);
    const transfer = result.ok ? result.value.map((image) => image.bytes.buffer as ArrayBuffer) : [];
    scope.postMessage({ id, result }, transfer);
  });
};
