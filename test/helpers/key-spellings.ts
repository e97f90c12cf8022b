/**
 * The spellings of a secret that must never appear in text we show or store, written out here
 * independently of src/providers/secret-spellings.ts (which matches them by pattern), plus an
 * oracle for base64: every base64-looking run is decoded at each alignment and searched for the
 * secret's bytes. Key generators that produce the awkward characters live here too.
 */
import fc from 'fast-check';

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);
/** Python's json.dumps (ensure_ascii) and many proxies escape everything outside ASCII. */
const jsonAsciiEscaped = (text: string) =>
  jsonEscaped(text).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase());
const formEncoded = (text: string) => new URLSearchParams({ k: text }).toString().slice(2);

function urlEncodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

export function base64Of(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
export function base64UrlOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Named spellings: plain, JSON-escaped (once, twice, ASCII-only), URL-encoded, base64. */
export function spellingsOf(secret: string): Record<string, string> {
  const spellings: Record<string, string> = {
    plain: secret,
    json: jsonEscaped(secret),
    jsonTwice: jsonEscaped(jsonEscaped(secret)),
    jsonAscii: jsonAsciiEscaped(secret),
    jsonAsciiTwice: jsonEscaped(jsonAsciiEscaped(secret)),
  };
  if (urlEncodable(secret)) {
    spellings.url = encodeURIComponent(secret);
    spellings.urlLowerHex = lowerHex(encodeURIComponent(secret));
    spellings.form = formEncoded(secret);
    spellings.formLowerHex = lowerHex(formEncoded(secret));
    spellings.base64 = base64Of(secret);
    spellings.base64Url = base64UrlOf(secret);
    spellings.base64InUrl = encodeURIComponent(base64Of(secret));
  }
  return spellings;
}

/** Base64 runs in `text` that decode (at some alignment) to bytes containing `secret`. */
function base64Hiding(text: string, secret: string): string[] {
  const needle = Buffer.from(secret, 'utf8');
  const found: string[] = [];
  const runs =
    text
      .replace(/%2B/gi, '+')
      .replace(/%2F/gi, '/')
      .match(/[A-Za-z0-9+/_-]{4,}/g) ?? [];
  for (const run of runs) {
    const normalised = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let shift = 0; shift < 4; shift++) {
      const aligned = normalised.slice(shift);
      const usable = aligned.slice(0, aligned.length - (aligned.length % 4));
      if (Buffer.from(usable, 'base64').includes(needle)) found.push(`base64 run ${run}`);
    }
  }
  return found;
}

/**
 * The names of every spelling of `secret` found in `text` (empty when none leaked). Base64 is
 * only looked for with secrets of 8 bytes or more, as the redactor does.
 */
export function leakedSpellings(text: string, secret: string): string[] {
  const leaked = Object.entries(spellingsOf(secret))
    .filter(([, spelling]) => spelling !== '' && text.includes(spelling))
    .map(([name]) => name);
  if (urlEncodable(secret) && Buffer.byteLength(secret, 'utf8') >= 8)
    leaked.push(...base64Hiding(text, secret));
  return leaked;
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('');
/** Printable ASCII that each need escaping somewhere: JSON, URLs, HTML, form encoding. */
const AWKWARD_SENDABLE = ['"', '\\', '/', '+', '%', '&', '=', '?', '#', "'", '<', '!', '*', '(', '~'];
/** Characters a header refuses (so such a key is never sent) but a message could still quote. */
const AWKWARD_UNSENDABLE = [' ', '\n', '\t', 'é', 'ß', '€', '💥'];

/** Google-shaped keys (`AIza` + 35), built at run time. */
export const googleLikeKey = fc
  .array(fc.constantFrom(...KEY_CHARS), { minLength: 35, maxLength: 35 })
  .map((chars) => `AIza${chars.join('')}`);

/** Keys of 8 to 40 characters, not Google-shaped, holding at least one of `awkward`. */
function keyWith(awkward: readonly string[]) {
  return fc
    .tuple(
      fc.array(fc.oneof(fc.constantFrom(...KEY_CHARS), fc.constantFrom(...awkward)), {
        minLength: 7,
        maxLength: 39,
      }),
      fc.constantFrom(...awkward),
      fc.nat(),
    )
    .map(([chars, char, at]) => {
      const spot = at % (chars.length + 1);
      return [...chars.slice(0, spot), char, ...chars.slice(spot)].join('');
    });
}

/** Keys an HTTP header accepts (printable ASCII), with characters JSON or URLs must escape. */
export const sendableAwkwardKey = keyWith(AWKWARD_SENDABLE);
/** Keys with any awkward character, spaces and non-ASCII included. */
export const awkwardKey = keyWith([...AWKWARD_SENDABLE, ...AWKWARD_UNSENDABLE]);
