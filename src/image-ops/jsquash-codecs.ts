import decodeJpeg from '@jsquash/jpeg/decode.js';
import encodeJpeg from '@jsquash/jpeg/encode.js';
import { decode as decodePng } from '@jsquash/png/decode.js';
import encodePng from '@jsquash/png/encode.js';
import resizeImage from '@jsquash/resize';
import decodeWebp from '@jsquash/webp/decode.js';
import encodeWebp from '@jsquash/webp/encode.js';
import type { ImageOutputType } from '../engine/image-ops';
import type { Codecs, RawImage } from './codecs';

/** An ArrayBuffer holding exactly these bytes (the codecs take ArrayBuffers). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const asImageData = (image: RawImage): ImageData => image as unknown as ImageData;

const fromImageData = (image: ImageData): RawImage => ({
  data: image.data,
  width: image.width,
  height: image.height,
});

/**
 * The Squoosh codecs repackaged by jSquash: MozJPEG, libwebp, the Rust png crate and the Rust
 * `resize` crate, all compiled to wasm, so Node and Chromium run the same machine code.
 */
export const jsquashCodecs: Codecs = {
  async decode(bytes, mimeType) {
    const buffer = exactBuffer(bytes);
    if (mimeType === 'image/jpeg')
      return fromImageData(await decodeJpeg(buffer, { preserveOrientation: true }));
    if (mimeType === 'image/webp') return fromImageData(await decodeWebp(buffer));
    return fromImageData(await decodePng(buffer));
  },
  async encode(image, mimeType: ImageOutputType, quality) {
    const data = asImageData(image);
    if (mimeType === 'image/jpeg') return new Uint8Array(await encodeJpeg(data, { quality }));
    if (mimeType === 'image/webp') return new Uint8Array(await encodeWebp(data, { quality }));
    return new Uint8Array(await encodePng(data));
  },
  async resize(image, width, height) {
    const out = await resizeImage(asImageData(image), {
      width,
      height,
      method: 'lanczos3',
      fitMethod: 'stretch',
      premultiply: true,
      linearRGB: true,
    });
    return fromImageData(out);
  },
};
