/**
 * Turns a spreadsheet export's bytes into text, as people have them: UTF-8 (with or without a
 * BOM), UTF-16 LE/BE with a BOM (Excel's "Unicode text"), or Windows-1252 (Excel's "CSV" in
 * Western locales). Pure: TextDecoder is in browsers and Node alike.
 */
export type SpreadsheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: SpreadsheetEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/** The encoding a BOM announces; without one, UTF-8 (checked while decoding). */
export function encodingFromBom(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** UTF-16 without a BOM shows as NUL bytes between ASCII letters: refuse it by name, not as garbage. */
export function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  let zeros = 0;
  const sample = head.subarray(0, 64);
  for (const byte of sample) if (byte === 0) zeros++;
  return sample.length >= 4 && zeros >= sample.length / 4;
}

/**
 * Windows-1252 bytes 0x80-0x9F (the WHATWG table; 0 = unassigned, kept as the C1 control).
 * Node's TextDecoder('windows-1252') decodes these as Latin-1 controls (€ becomes U+0080), so the
 * table is applied here for the same text in the browser and the CLI.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes: one character per byte, so chunks decode independently. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] || byte : byte,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}

/** A decoder for a chunked stream of the file's bytes (the CLI reads big files in pieces). */
export function chunkDecoder(encoding: SpreadsheetEncoding): (chunk?: Uint8Array) => string {
  if (encoding === 'windows-1252') return (chunk) => (chunk ? decodeWindows1252(chunk) : '');
  const decoder = new TextDecoder(encoding);
  return (chunk) => (chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode());
}

export const ENCODING_NAMES: Record<SpreadsheetEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
};

export type DecodedSpreadsheet =
  | { ok: true; text: string; encoding: SpreadsheetEncoding; note?: string }
  | { ok: false; message: string };

/** Decodes a whole file (the editor's Batch panel; the CLI streams with the same rules). */
export function decodeSpreadsheet(bytes: Uint8Array): DecodedSpreadsheet {
  const { encoding, bomLength } = encodingFromBom(bytes);
  const body = bytes.subarray(bomLength);
  if (bomLength === 0 && looksLikeUtf16WithoutBom(body)) return { ok: false, message: UTF16_NO_BOM };
  if (encoding !== 'utf-8') return { ok: true, text: new TextDecoder(encoding).decode(body), encoding };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding };
  } catch {
    return {
      ok: true,
      text: decodeWindows1252(body),
      encoding: 'windows-1252',
      note: WINDOWS_1252_NOTE,
    };
  }
}

export const UTF16_NO_BOM =
  'the file looks like UTF-16 text without a byte-order mark; save it again as "CSV UTF-8" (or UTF-16 with a BOM)';

export const WINDOWS_1252_NOTE =
  'the file is not UTF-8; it was read as Windows-1252 (Excel\'s "CSV" in Western locales). If letters look wrong, save it as "CSV UTF-8"';
