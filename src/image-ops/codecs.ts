import type { ImageOutputType } from '../engine/image-ops';

/** Decoded pixels: 8-bit RGBA, row-major, no padding. */
export interface RawImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The wasm codecs the pipeline runs on; only how they are loaded differs between Node and a worker. */
export interface Codecs {
  /** JPEG input comes out upright (EXIF orientation applied). */
  decode(bytes: Uint8Array, mimeType: ImageOutputType): Promise<RawImage>;
  encode(image: RawImage, mimeType: ImageOutputType, quality: number): Promise<Uint8Array>;
  /** Lanczos3 in linear light with premultiplied alpha. */
  resize(image: RawImage, width: number, height: number): Promise<RawImage>;
}

export const rawImage = (width: number, height: number): RawImage => ({
  data: new Uint8ClampedArray(width * height * 4),
  width,
  height,
});
