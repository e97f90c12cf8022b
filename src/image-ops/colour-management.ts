import type { RawImage } from './codecs';

/** The parts of lcms-wasm (Little CMS compiled to wasm) used here. */
export interface Lcms {
  cmsOpenProfileFromMem(bytes: Uint8Array, size: number): number;
  cmsCreate_sRGBProfile(): number;
  cmsCloseProfile(profile: number): void;
  cmsGetColorSpaceASCII(profile: number): string | null;
  cmsCreateTransform(
    input: number,
    inFormat: number,
    output: number,
    outFormat: number,
    intent: number,
    flags: number,
  ): number;
  cmsDeleteTransform(transform: number): void;
  cmsDoTransform(transform: number, pixels: Uint8Array, count: number): Uint8Array;
}

// From lcms2.h (also exported by lcms-wasm's constants): 8-bit RGB with one extra (alpha) channel.
const TYPE_RGBA_8 = (4 << 16) | (3 << 3) | (1 << 7) | 1;
const INTENT_PERCEPTUAL = 0;
const cmsFLAGS_COPY_ALPHA = 0x04000000;
/** Pixels per cmsDoTransform call: bounds the wasm heap a 64 MP image would need at once. */
const PIXELS_PER_CALL = 1 << 20;

let loader: (() => Promise<Lcms>) | undefined;
let loaded: Promise<Lcms> | undefined;

/** Node and the worker load the same wasm from where each can read it. */
export function setLcmsLoader(load: () => Promise<Lcms>): void {
  loader = load;
  loaded = undefined;
}

function lcms(): Promise<Lcms> {
  if (!loader) return Promise.reject(new Error('colour management (lcms) is not loaded here'));
  loaded ??= loader();
  return loaded;
}

/**
 * Converts decoded RGBA pixels from the image's embedded profile to sRGB, in place, with Little CMS
 * (perceptual intent; alpha kept). A profile Little CMS cannot read, or one that is not RGB, leaves
 * the pixels as they are: they are shown as sRGB, as browsers without colour management would.
 */
export async function convertToSrgb(image: RawImage, profile: Uint8Array): Promise<boolean> {
  const cms = await lcms();
  const input = cms.cmsOpenProfileFromMem(profile, profile.byteLength);
  if (!input) return false;
  const srgb = cms.cmsCreate_sRGBProfile();
  try {
    if (cms.cmsGetColorSpaceASCII(input) !== 'RGB') return false;
    const transform = cms.cmsCreateTransform(
      input,
      TYPE_RGBA_8,
      srgb,
      TYPE_RGBA_8,
      INTENT_PERCEPTUAL,
      cmsFLAGS_COPY_ALPHA,
    );
    if (!transform) return false;
    try {
      const bytes = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
      const total = image.width * image.height;
      for (let first = 0; first < total; first += PIXELS_PER_CALL) {
        const count = Math.min(PIXELS_PER_CALL, total - first);
        const slice = bytes.subarray(first * 4, (first + count) * 4);
        slice.set(cms.cmsDoTransform(transform, slice, count));
      }
      return true;
    } finally {
      cms.cmsDeleteTransform(transform);
    }
  } finally {
    cms.cmsCloseProfile(input);
    cms.cmsCloseProfile(srgb);
  }
}
