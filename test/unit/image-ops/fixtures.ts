/**
 * Test images built here with an encoder independent of the codecs under test (PNG via the
 * engine's own deflate), and a reader that decodes outputs with the Node codecs.
 */
import { concatBytes, writeU32BE } from '../../../src/engine/image/bytes';
import { pngChunk } from '../../../src/engine/image/test-images';
import { deflateZlib } from '../../../src/engine/image/zlib-limited';
import type { RawImage } from '../../../src/image-ops/codecs';
import { jsquashCodecs } from '../../../src/image-ops/jsquash-codecs';
import { initNodeCodecs } from '../../../src/image-ops/node';

export type Pixel = [number, number, number, number];

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit RGBA PNG whose pixel (x, y) is `paint(x, y)`. */
export function paintedPng(
  width: number,
  height: number,
  paint: (x: number, y: number) => Pixel,
): Uint8Array {
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw.set(paint(x, y), y * stride + 1 + x * 4);
  const header = new Uint8Array(13);
  writeU32BE(header, 0, width);
  writeU32BE(header, 4, height);
  header[8] = 8;
  header[9] = 6;
  return concatBytes([
    SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateZlib(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

export const solid = (pixel: Pixel) => (): Pixel => pixel;

export async function decodeAny(bytes: Uint8Array, mimeType: string): Promise<RawImage> {
  await initNodeCodecs();
  return jsquashCodecs.decode(bytes, mimeType as 'image/png');
}

export function pixelAt(image: RawImage, x: number, y: number): Pixel {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)] as Pixel;
}

/** Each channel within `tolerance` (lossy codecs, resampling at edges). */
export function near(actual: Pixel, expected: Pixel, tolerance = 3): boolean {
  return actual.every((value, index) => Math.abs(value - (expected[index] as number)) <= tolerance);
}
