import { parseJpegSegments } from '../engine/image/jpeg-parse';

/**
 * The EXIF Orientation (1..8) of a JPEG, read from IFD0 of its APP1 "Exif" segment; 1 (upright)
 * when there is none or it cannot be read.
 */
export function jpegOrientation(bytes: Uint8Array): number {
  const layout = parseJpegSegments(bytes);
  if (!layout.ok) return 1;
  for (const segment of layout.value.segments) {
    if (segment.marker !== 0xe1) continue;
    const at = segment.dataStart;
    const isExif =
      bytes[at] === 0x45 && bytes[at + 1] === 0x78 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x66;
    if (!isExif) continue;
    const found = tiffOrientation(bytes.subarray(at + 6, segment.end));
    if (found !== undefined) return found;
  }
  return 1;
}

function tiffOrientation(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}
