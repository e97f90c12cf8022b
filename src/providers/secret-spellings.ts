/**
 * Every spelling a secret can take in text we show or store, as one regular expression source:
 * - as is;
 * - JSON-escaped, once or twice (a JSON body quoted inside another message), with short escapes
 *   (`\"`, `\\`, `\n`, ...) or `\uXXXX` in either case;
 * - URL-encoded by any encoder: each character as is or percent-encoded in upper or lower hex,
 *   a space also as `+`;
 * - inside base64 or base64url text, at any of the three byte alignments (then URL-encoded too).
 * Character by character alternatives cover mixed spellings (a `/` left alone by one encoder and
 * encoded by another) without listing every combination.
 */
import { bytesToBase64 } from '../engine/image/base64';

/** Shorter secrets are not looked for inside base64: a few characters would match at random. */
const MIN_BASE64_SECRET_BYTES = 8;

const JSON_SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const group = (alternatives: readonly string[]) => `(?:${[...new Set(alternatives)].join('|')})`;

/** A hex digit as a class matching both cases ("a" -> "[aA]"); digits stay as they are. */
function hexEitherCase(hex: string): string {
  return [...hex]
    .map((digit) => (/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit))
    .join('');
}

/** The texts one UTF-16 code unit can be written as inside a JSON string (regex-escaped). */
function jsonUnitSpellings(unit: string): string[] {
  const short = JSON_SHORT_ESCAPES[unit];
  const code = unit.charCodeAt(0).toString(16).padStart(4, '0');
  return [
    escapeRegExp(unit),
    ...(short === undefined ? [] : [escapeRegExp(short)]),
    `\\\\u${hexEitherCase(code)}`,
  ];
}

/**
 * The texts one code unit can be written as after JSON escaping once or twice (plain included):
 * each character of a once-escaped spelling, escaped again. A `\u` escape may use either case.
 */
function jsonTwiceUnitPattern(unit: string): string {
  const short = JSON_SHORT_ESCAPES[unit];
  const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
  const spellEach = (text: string) => [...text].map((char) => group(jsonUnitSpellings(char))).join('');
  const hexDigit = (digit: string) =>
    group([...jsonUnitSpellings(digit.toLowerCase()), ...jsonUnitSpellings(digit.toUpperCase())]);
  return group([
    spellEach(unit),
    ...(short === undefined ? [] : [spellEach(short)]),
    spellEach('\\u') + [...hex].map(hexDigit).join(''),
  ]);
}

function jsonPattern(secret: string): string {
  return Array.from({ length: secret.length }, (_, index) => jsonTwiceUnitPattern(secret.charAt(index))).join(
    '',
  );
}

/** Any percent-encoding of `text` (upper or lower hex, any characters left alone), `+` for space. */
function urlPattern(text: string): string | undefined {
  const encoder = new TextEncoder();
  let pattern = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // A lone surrogate cannot be URL-encoded, so it cannot have travelled in a URL either.
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    const encoded = [...encoder.encode(char)]
      .map((byte) => `%${hexEitherCase(byte.toString(16).padStart(2, '0'))}`)
      .join('');
    pattern += group([escapeRegExp(char), encoded, ...(char === ' ' ? ['\\+'] : [])]);
  }
  return pattern;
}

/**
 * The part of base64 text that depends on the secret's bytes alone, for each alignment of the
 * secret inside a longer byte string: characters mixing in bytes around it are left out.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const unpadded = bytesToBase64(padded).replace(/=+$/, '');
    const mixedAtEnd = padded.length % 3 === 0 ? 0 : 1;
    const core = unpadded.slice([0, 2, 3][offset], unpadded.length - mixedAtEnd);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

export function secretSpellingsPattern(secret: string): string {
  const patterns = [jsonPattern(secret)];
  const url = urlPattern(secret);
  if (url !== undefined) {
    patterns.push(url);
    const bytes = new TextEncoder().encode(secret);
    if (bytes.length >= MIN_BASE64_SECRET_BYTES) {
      for (const core of base64Cores(bytes)) patterns.push(urlPattern(core) ?? escapeRegExp(core));
    }
  }
  return group(patterns);
}
