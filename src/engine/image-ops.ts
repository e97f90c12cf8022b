import type { HashBytes } from './hash-bytes';
import type { Result } from './result';

/**
 * Pixel work (resize, crop, composite, ...) behind an interface, injected into a run like the
 * cache: the CLI passes a Node implementation, the editor one that runs in a Web Worker. Both
 * run the same code over the same wasm codecs, so they produce the same pixels.
 */

export type ImageOutputType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface EncodedImage {
  bytes: Uint8Array;
  mimeType: string;
  /** Content hash of `bytes`, when the engine already computed it with the host's HashBytes. */
  hash?: string;
}

export type ResizeFit = 'cover' | 'contain' | 'fill';

export const ANCHORS = [
  'top-left',
  'top',
  'top-right',
  'left',
  'center',
  'right',
  'bottom-left',
  'bottom',
  'bottom-right',
] as const;
export type Anchor = (typeof ANCHORS)[number];

/** 0..255 per channel. */
export type Rgba = readonly [number, number, number, number];

export interface ResizeOp {
  op: 'resize';
  image: EncodedImage;
  /** Either side may be missing: it follows from the other and `aspectRatio` or the image's own. */
  width?: number;
  height?: number;
  /** "4:5"; used when only one side (or neither) is given. */
  aspectRatio?: string;
  fit: ResizeFit;
  /** Padding for `contain`; default transparent for PNG/WebP, white for JPEG. */
  background?: Rgba;
}

export interface CropOp {
  op: 'crop';
  image: EncodedImage;
  /** Fractions of the (upright) image, 0..1. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CompositeOp {
  op: 'composite';
  base: EncodedImage;
  overlay: EncodedImage;
  anchor: Anchor;
  /** Moves the overlay right/down from its anchored place, in fractions of the base's shorter side. */
  offsetX: number;
  offsetY: number;
  /** The overlay's longer side as a fraction of the base's shorter side. */
  scale: number;
  /** 0..1. */
  opacity: number;
}

export interface SplitGridOp {
  op: 'splitGrid';
  image: EncodedImage;
  rows: number;
  cols: number;
}

export interface FormatOp {
  op: 'format';
  image: EncodedImage;
  mimeType: ImageOutputType;
  /** 1..100, for JPEG and WebP. */
  quality: number;
}

/** Decodes and re-encodes only when needed: applies EXIF orientation, checks the pixel limit. */
export interface NormalizeOp {
  op: 'normalize';
  image: EncodedImage;
}

/** One freehand stroke: points in the drawing's pixel space, [x, y, pressure 0..1]. */
export interface DrawStroke {
  points: ReadonlyArray<readonly [number, number, number]>;
  colour: Rgba;
  /** Diameter in the drawing's pixels. */
  size: number;
  /** Removes earlier strokes where it passes (never the picture underneath). */
  erase: boolean;
}

/** A short text label (annotate): the bundled font's glyph outlines, filled like strokes. */
export interface DrawLabel {
  /** Left end of the baseline, in the drawing's pixel space. */
  x: number;
  y: number;
  text: string;
  /** Font size in the drawing's pixels. */
  size: number;
  colour: Rgba;
}

/** Strokes smoothed with perfect-freehand, rasterised the same way in Node and in the worker. */
export interface DrawOp {
  op: 'draw';
  /** The drawing's own size; with `image`, strokes scale to the image's size. */
  width: number;
  height: number;
  background: Rgba;
  image?: EncodedImage;
  strokes: DrawStroke[];
  /** Drawn over the strokes; absent or empty for a sketch. */
  labels?: DrawLabel[];
  /** Also return a mask: white where strokes are, black elsewhere. */
  mask: boolean;
}

export type ImageOpRequest = ResizeOp | CropOp | CompositeOp | SplitGridOp | FormatOp | NormalizeOp | DrawOp;

export interface ImageOps {
  /** One request, decoded, worked and encoded off the caller's hot path; several images for splitGrid. */
  run(request: ImageOpRequest, signal: AbortSignal): Promise<Result<EncodedImage[]>>;
}

/** Provider id in the cache key of local (image-tool) nodes: their pixels do not depend on it. */
export const LOCAL_CACHE_PROVIDER = 'local';

/** The same operations, each output hashed with the host's HashBytes (async, off the UI thread). */
export function hashingImageOps(ops: ImageOps, hashBytes: HashBytes): ImageOps {
  return {
    run: async (request, signal) => {
      const outcome = await ops.run(request, signal);
      if (!outcome.ok) return outcome;
      const hashed = await Promise.all(
        outcome.value.map(async (image) => ({ ...image, hash: await hashBytes(image.bytes) })),
      );
      return { ok: true, value: hashed };
    },
  };
}

/** Where no implementation was injected (planning, a bare engine run): the node fails readably. */
export const NO_IMAGE_OPS: ImageOps = {
  run: async () => ({
    ok: false,
    error: { code: 'internal', message: 'image tools are not available in this environment' },
  }),
};
