/**
 * Scrubs secrets from text that may reach a user, a log or a run record. Error texts from the
 * network layer can echo what was sent (a key in a `?key=` query, an invalid header value, a JSON
 * body quoted inside another one), so every message a provider returns passes through here.
 */
import { secretSpellings } from './secret-spellings';

const MARKERS = ['[redacted]', '[hidden]', '***'];

/** Google API keys have this shape; they are hidden even when they are not the caller's key. */
const GOOGLE_KEY_SHAPE = /AIza[0-9A-Za-z_-]{35}/g;
/** `key=...` in a URL query, and the key header written out in a dump. */
const KEY_QUERY = /([?&;]key=)[^&\s"'#)\]}>]+/gi;
const KEY_HEADER = /(x-goog-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  // Longest first, so a spelling that contains another is removed whole.
  const spellings = secrets.flatMap(secretSpellings).sort((a, b) => b.length - a.length);
  // The marker must not itself contain a secret, or redaction would write the key back in.
  const marker = MARKERS.find((candidate) => spellings.every((s) => !candidate.includes(s))) ?? '';
  let out = text.replace(KEY_QUERY, `$1${marker}`).replace(KEY_HEADER, `$1${marker}`);
  out = out.replace(GOOGLE_KEY_SHAPE, marker);
  const leaks = () => spellings.some((spelling) => out.includes(spelling));
  // A marker next to the text around it can spell a secret again; a few passes settle that,
  // and plain removal (which always shortens the text) ends any pathological case.
  for (let pass = 0; pass < 4 && leaks(); pass++) {
    for (const spelling of spellings) out = out.split(spelling).join(marker);
  }
  while (leaks()) for (const spelling of spellings) out = out.split(spelling).join('');
  return out;
}
