/**
 * Every spelling a secret can take in text we show or store:
 * - as is;
 * - JSON-escaped, once or twice (a JSON body quoted inside another message), as JSON.stringify
 *   writes it and with everything outside ASCII as `\uXXXX` in lower or upper hex (Python,
 *   many proxies);
 * - URL-encoded: encodeURIComponent's and form encoding's (space as `+`, `!'()~` encoded too),
 *   each in upper and lower hex;
 * - inside base64 or base64url text, at any of the three byte alignments, also URL-encoded.
 * Literal strings, not one clever pattern: a regular expression covering every mix of these
 * compiled slowly and could take exponential time on keys full of backslashes.
 */
import { bytesToBase64 } from '../engine/image/base64';

/** Shorter secrets are not looked for inside base64: a few characters would match at random. */
const MIN_BASE64_SECRET_BYTES = 8;

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** JSON escaping with every code unit outside printable ASCII as `\uxxxx` (or `\uXXXX`). */
function jsonAsciiEscaped(text: string, upper: boolean): string {
  return jsonEscaped(text).replace(/[^\x20-\x7e]/g, (unit) => {
    const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });
}

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase());

/** application/x-www-form-urlencoded, as URLSearchParams and HTML forms write it. */
const formEncoded = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/**
 * The part of base64 text that depends on the secret's bytes alone, for each alignment of the
 * secret inside a longer byte string: characters mixing in bytes around it are left out.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const aligned = new Uint8Array(offset + bytes.length);
    aligned.set(bytes, offset);
    // Stryker disable next-line Regex: base64 has = only as padding at the end, so the anchor changes nothing
    const unpadded = bytesToBase64(aligned).replace(/=+$/, '');
    const mixedAtEnd = aligned.length % 3 === 0 ? 0 : 1;
    const core = unpadded.slice([0, 2, 3][offset], unpadded.length - mixedAtEnd);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

function urlSpellings(text: string): string[] {
  const url = encodeURIComponent(text);
  const form = formEncoded(text);
  return [url, lowerHex(url), url.replace(/%20/g, '+'), form, lowerHex(form)];
}

export function secretSpellings(secret: string): string[] {
  const json = [jsonEscaped(secret), jsonAsciiEscaped(secret, false), jsonAsciiEscaped(secret, true)];
  const spellings = new Set([secret, ...json, ...json.map(jsonEscaped)]);
  let urlEncodable = true;
  try {
    for (const spelling of urlSpellings(secret)) spellings.add(spelling);
  } catch {
    // A lone surrogate cannot be URL-encoded (nor base64-encoded as UTF-8): it cannot have travelled that way.
    urlEncodable = false;
  }
  const bytes = new TextEncoder().encode(secret);
  if (urlEncodable && bytes.length >= MIN_BASE64_SECRET_BYTES) {
    for (const core of base64Cores(bytes)) {
      spellings.add(core);
      for (const spelling of urlSpellings(core)) spellings.add(spelling);
    }
  }
  return [...spellings].filter((spelling) => spelling !== '');
}
