/**
 * Best-effort naming of files that are not PNG/JPEG/WebP, so error messages can say what the
 * file looks like ("looks like SVG text") instead of just "unsupported".
 */

import { hasAscii } from './bytes';

const SNIFF_TEXT_BYTES = 1024;

/** Returns a phrase like "SVG text" or "a GIF image", or null when nothing is recognisable. */
export function describeNonImage(bytes: Uint8Array): string | null {
  if (hasAscii(bytes, 0, 'GIF87a') || hasAscii(bytes, 0, 'GIF89a')) return 'a GIF image';
  if (hasAscii(bytes, 0, 'BM') && bytes.length >= 14) return 'a BMP image';
  if (hasAscii(bytes, 0, '%PDF-')) return 'a PDF document';
  if (hasAscii(bytes, 0, 'II*\0') || hasAscii(bytes, 0, 'MM\0*')) return 'a TIFF image';
  if (hasAscii(bytes, 4, 'ftyp')) {
    if (hasAscii(bytes, 8, 'avif') || hasAscii(bytes, 8, 'avis')) return 'an AVIF image';
    if (hasAscii(bytes, 8, 'heic') || hasAscii(bytes, 8, 'heix') || hasAscii(bytes, 8, 'mif1')) {
      return 'a HEIC/HEIF image';
    }
    return 'an MP4/QuickTime-style media file';
  }
  if (hasAscii(bytes, 0, 'RIFF')) return 'a RIFF file that is not a WebP image';
  if (hasAscii(bytes, 0, 'PK\x03\x04')) return 'a ZIP archive';
  return describeText(bytes);
}

function describeText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, SNIFF_TEXT_BYTES);
  let printable = 0;
  for (const b of head) {
    if (b === 0) return null;
    // Bytes >= 0x80 (UTF-8 sequences) are already >= 0x20; tab, LF and CR are the printable controls.
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) printable++;
  }
  if (head.length === 0 || printable < head.length * 0.95) return null;
  // A leading BOM needs no removing of its own: the decoder drops it, and trimStart would too.
  // Stryker disable next-line ObjectLiteral: `fatal: false` is the default; spelled out because invalid UTF-8 must not throw here.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).trimStart().toLowerCase();
  if (text.startsWith('<')) {
    if (/<svg[\s>]/.test(text)) return 'SVG text';
    if (text.startsWith('<!doctype html') || /<(html|head|body)[\s>]/.test(text)) return 'HTML text';
    if (text.startsWith('<?xml')) return 'XML text';
    return 'HTML/XML text';
  }
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON text';
  if (text.startsWith('data:image/')) return 'a data: URL (text), not the decoded image bytes';
  return 'plain text';
}
