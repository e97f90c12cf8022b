import { readU32BE, readU32LE } from '../engine/image/bytes';
import { parseJpegSegments } from '../engine/image/jpeg-parse';
import { inflateZlibLimited } from '../engine/image/zlib-limited';
import type { ImageOutputType } from '../engine/image-ops';

/** ICC profiles are a few KB; a bigger one is not worth inflating (nor a decompression bomb). */
const MAX_PROFILE_BYTES = 4 * 1024 * 1024;
const ICC_MARKER = 'ICC_PROFILE\0';

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** The PNG iCCP chunk's profile (zlib-compressed after a name); none when an sRGB chunk says so. */
function pngProfile(bytes: Uint8Array): Uint8Array | undefined {
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = readU32BE(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'sRGB' || type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'iCCP') {
      const nameEnd = data.indexOf(0);
      if (nameEnd < 0 || data[nameEnd + 1] !== 0) return undefined;
      const inflated = inflateZlibLimited(data.subarray(nameEnd + 2), MAX_PROFILE_BYTES, 'ICC profile');
      return inflated.ok ? inflated.value : undefined;
    }
    at += 12 + length;
  }
  return undefined;
}

/** JPEG APP2 "ICC_PROFILE" segments, joined in their sequence order. */
function jpegProfile(bytes: Uint8Array): Uint8Array | undefined {
  const layout = parseJpegSegments(bytes);
  if (!layout.ok) return undefined;
  const parts = new Map<number, Uint8Array>();
  for (const segment of layout.value.segments) {
    if (segment.marker !== 0xe2 || ascii(bytes, segment.dataStart, ICC_MARKER.length) !== ICC_MARKER)
      continue;
    const sequence = bytes[segment.dataStart + ICC_MARKER.length] ?? 0;
    parts.set(sequence, bytes.subarray(segment.dataStart + ICC_MARKER.length + 2, segment.end));
  }
  if (parts.size === 0) return undefined;
  const ordered = [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, part]) => part);
  const total = ordered.reduce((sum, part) => sum + part.length, 0);
  if (total > MAX_PROFILE_BYTES) return undefined;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of ordered) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The WebP (RIFF) ICCP chunk. */
function webpProfile(bytes: Uint8Array): Uint8Array | undefined {
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = readU32LE(bytes, at + 4);
    if (ascii(bytes, at, 4) === 'ICCP') return bytes.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** The colour profile an image carries, if any (PNG iCCP, JPEG APP2, WebP ICCP). */
export function embeddedIccProfile(bytes: Uint8Array, mimeType: ImageOutputType): Uint8Array | undefined {
  const profile =
    mimeType === 'image/png'
      ? pngProfile(bytes)
      : mimeType === 'image/jpeg'
        ? jpegProfile(bytes)
        : webpProfile(bytes);
  return profile && profile.length >= 132 ? profile : undefined;
}

/**
 * Whether a profile describes sRGB, from its description tag's text (ASCII in v2 'desc', UTF-16 in
 * v4 'mluc'): such images need no conversion, and a phone's sRGB JPEG is not re-encoded for it.
 */
export function isSrgbProfile(profile: Uint8Array): boolean {
  const count = readU32BE(profile, 128);
  for (let i = 0; i < Math.min(count, 100); i++) {
    const entry = 132 + i * 12;
    if (entry + 12 > profile.length) break;
    if (ascii(profile, entry, 4) !== 'desc') continue;
    const offset = readU32BE(profile, entry + 4);
    const size = Math.min(readU32BE(profile, entry + 8), 4096);
    const text = ascii(profile, offset, Math.max(0, Math.min(size, profile.length - offset))).replaceAll(
      '\0',
      '',
    );
    return /sRGB|IEC 61966-2[.-]1/i.test(text);
  }
  return false;
}

/** A profile that asks for conversion: present, and not sRGB. */
export function foreignIccProfile(bytes: Uint8Array, mimeType: ImageOutputType): Uint8Array | undefined {
  const profile = embeddedIccProfile(bytes, mimeType);
  return profile && !isSrgbProfile(profile) ? profile : undefined;
}
