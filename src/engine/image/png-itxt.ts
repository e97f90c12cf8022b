/** Encoding and decoding of PNG iTXt (international text) chunks. */

import { asciiBytes, concatBytes, writeU32BE } from './bytes';
import { crc32 } from './crc32';
import { err, ok, type Result } from './result';
import { deflateZlib, inflateZlibLimited } from './zlib-limited';

const MAX_KEYWORD_LENGTH = 79;

/** PNG keywords: 1-79 Latin-1 printable characters, no leading/trailing/consecutive spaces. */
export function validatePngKeyword(keyword: string): Result<string> {
  const bad = (why: string): Result<never> =>
    err('invalid_keyword', `Invalid PNG text keyword "${keyword}": ${why}.`);
  if (keyword.length < 1 || keyword.length > MAX_KEYWORD_LENGTH)
    return bad('it must be 1-79 characters long');
  for (let i = 0; i < keyword.length; i++) {
    const c = keyword.charCodeAt(i);
    if (!((c >= 32 && c <= 126) || (c >= 161 && c <= 255)))
      return bad('it contains a non-printable character');
  }
  if (keyword.startsWith(' ') || keyword.endsWith(' ') || keyword.includes('  ')) {
    return bad('leading, trailing or consecutive spaces are not allowed');
  }
  return ok(keyword);
}

/** Builds a complete iTXt chunk (length, type, data, CRC) holding zlib-compressed UTF-8 text. */
export function encodeITxtChunk(keyword: string, utf8Text: Uint8Array): Uint8Array {
  const data = concatBytes([
    asciiBytes(keyword),
    // NUL separator, compression flag 1, compression method 0, empty language tag, empty translated keyword.
    new Uint8Array([0, 1, 0, 0, 0]),
    deflateZlib(utf8Text),
  ]);
  const chunk = new Uint8Array(data.length + 12);
  writeU32BE(chunk, 0, data.length);
  chunk.set(asciiBytes('iTXt'), 4);
  chunk.set(data, 8);
  writeU32BE(chunk, 8 + data.length, crc32(chunk, 4, 8 + data.length));
  return chunk;
}

function indexOfNul(data: Uint8Array, from: number): number {
  return data.indexOf(0, from);
}

/** Decodes the text of an iTXt chunk's data, refusing to produce more than `maxTextBytes` of UTF-8. */
export function decodeITxtData(data: Uint8Array, maxTextBytes: number): Result<string> {
  const corrupt = (why: string): Result<never> =>
    err('corrupt_metadata', `The embedded metadata is corrupt: ${why}.`);
  const keywordEnd = indexOfNul(data, 0);
  if (keywordEnd < 1) return corrupt('missing iTXt keyword');
  const languageEnd = indexOfNul(data, keywordEnd + 3);
  const translatedEnd = languageEnd === -1 ? -1 : indexOfNul(data, languageEnd + 1);
  if (translatedEnd === -1) return corrupt('truncated iTXt header');
  // Both NULs were found past them, so the flag and method bytes exist.
  const flag = data[keywordEnd + 1] as number;
  const method = data[keywordEnd + 2] as number;
  const raw = data.subarray(translatedEnd + 1);
  let textBytes: Uint8Array;
  if (flag === 0) {
    if (raw.length > maxTextBytes) {
      return err('metadata_too_large', `The embedded metadata is larger than ${maxTextBytes} bytes.`);
    }
    textBytes = raw;
  } else if (flag === 1) {
    if (method !== 0) return corrupt(`unknown compression method ${method}`);
    const inflated = inflateZlibLimited(raw, maxTextBytes);
    if (!inflated.ok) return inflated;
    textBytes = inflated.value;
  } else {
    return corrupt(`invalid compression flag ${flag}`);
  }
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(textBytes));
  } catch {
    return corrupt('the text is not valid UTF-8');
  }
}
