import type { EncodedImage, ImageOpRequest } from '../../engine/image-ops';
import type { Result } from '../../engine/result';

/**
 * An image as it crosses to the worker: a Blob, which postMessage passes by reference, where a
 * byte array would be copied on the main thread (a 4096² photo is megabytes).
 */
export interface WireImage {
  blob: Blob;
  mimeType: string;
}

/** The fields of a request that hold images. */
export const IMAGE_FIELDS = ['image', 'base', 'overlay'] as const;

/** A request with its images as WireImage (every other field as in ImageOpRequest). */
export type WireRequest = { op: ImageOpRequest['op'] } & Record<string, unknown>;

/** Main thread -> worker. */
export interface ImageOpMessage {
  id: number;
  request: WireRequest;
}

/** Worker -> main thread: output bytes are transferred, with their hash computed in the worker. */
export interface ImageOpReply {
  id: number;
  result: Result<EncodedImage[]>;
}

export function isWireImage(value: unknown): value is WireImage {
  return typeof value === 'object' && value !== null && (value as WireImage).blob instanceof Blob;
}
