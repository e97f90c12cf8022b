/**
 * Strict, table-based standard base64 (RFC 4648 section 4, with padding). Works on large inputs
 * without building strings through spread/apply, so there is no call-stack limit.
 */

import { err, ok, type Result } from './result';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = new Uint8Array(64);
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  const c = ALPHABET.charCodeAt(i);
  ENCODE[i] = c;
  DECODE[c] = i;
}
const PAD = 61; // '='

export function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const enc = ENCODE;
  let o = 0;
  let i = 0;
  for (const full = n - (n % 3); i < full; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = enc[v >>> 18] as number;
    out[o++] = enc[(v >>> 12) & 63] as number;
    out[o++] = enc[(v >>> 6) & 63] as number;
    out[o++] = enc[v & 63] as number;
  }
  const rest = n - i;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with rest 0, out is already full and typed arrays ignore writes past the end
  if (rest > 0) {
    // Stryker disable next-line ConditionalExpression: with rest 1, bytes[i + 1] is undefined and undefined << 8 is 0
    const v = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = enc[v >>> 18] as number;
    out[o++] = enc[(v >>> 12) & 63] as number;
    out[o++] = rest === 2 ? (enc[(v >>> 6) & 63] as number) : PAD;
    // Stryker disable next-line UpdateOperator: o is not read again
    out[o++] = PAD;
  }
  return new TextDecoder().decode(out);
}

function badChar(s: string, index: number): Result<never> {
  const ch = s.charAt(index);
  const shown = ch >= ' ' && ch <= '~' ? `'${ch}'` : `U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return err('bad_base64', `Invalid base64: unexpected character ${shown} at position ${index}.`);
}

function decodeChar(s: string, index: number): number {
  const c = s.charCodeAt(index);
  return c < 256 ? (DECODE[c] as number) : -1;
}

/** Decodes standard padded base64. No whitespace, no URL-safe alphabet, no non-zero pad bits. */
export function base64ToBytes(s: string): Result<Uint8Array> {
  const len = s.length;
  if (len % 4 !== 0) return err('bad_base64', `Invalid base64: length ${len} is not a multiple of 4.`);
  if (len === 0) return ok(new Uint8Array(0));
  const pad = s.charCodeAt(len - 1) === PAD ? (s.charCodeAt(len - 2) === PAD ? 2 : 1) : 0;
  const out = new Uint8Array((len / 4) * 3 - pad);
  const body = len - 4; // last quartet handled separately
  let o = 0;
  for (let i = 0; i < body; i += 4) {
    const a = decodeChar(s, i);
    const b = decodeChar(s, i + 1);
    const c = decodeChar(s, i + 2);
    const d = decodeChar(s, i + 3);
    if ((a | b | c | d) < 0) {
      // One of these four is invalid, so this stops by k = i + 3.
      for (let k = i; ; k++) if (decodeChar(s, k) < 0) return badChar(s, k);
    }
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  const quartet = [0, 1, 2, 3].map((k) => (k >= 4 - pad ? 0 : decodeChar(s, body + k)));
  const badAt = quartet.findIndex((q) => q < 0);
  if (badAt !== -1) return badChar(s, body + badAt);
  const [a, b, c, d] = quartet as [number, number, number, number];
  const v = (a << 18) | (b << 12) | (c << 6) | d;
  if ((pad === 2 && (v & 0xffff) !== 0) || (pad === 1 && (v & 0xff) !== 0)) {
    return err('bad_base64', 'Invalid base64: non-zero bits in the final padded group.');
  }
  out[o++] = v >>> 16;
  // out has room for exactly the unpadded bytes; typed arrays ignore writes past the end.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
  if (pad < 2) out[o++] = (v >>> 8) & 0xff;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: see above; o is not read again
  if (pad < 1) out[o++] = v & 0xff;
  return ok(out);
}
