/**
 * Scrubs secrets from text that may reach a user, a log or a run record. Error texts from the
 * network layer can echo what was sent (a key in a `?key=` query, an invalid header value, a JSON
 * body quoted inside another one), so every message a provider returns passes through here.
 */
import { secretSpellingsPattern } from './secret-spellings';

const MARKERS = ['[redacted]', '[hidden]', '***'];

/** Google API keys have this shape; they are hidden even when they are not the caller's key. */
const GOOGLE_KEY_SHAPE = /AIza[0-9A-Za-z_-]{35}/g;
/** `key=...` in a URL query, and the key header written out in a dump. */
const KEY_QUERY = /([?&;]key=)[^&\s"'#)\]}>]+/gi;
const KEY_HEADER = /(x-goog-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  const source = secrets
    .filter((secret) => secret !== '')
    .map(secretSpellingsPattern)
    .join('|');
  const spelled = source === '' ? undefined : new RegExp(source, 'g');
  const leaks = (candidate: string) => spelled !== undefined && candidate.search(spelled) !== -1;
  // The marker must not itself spell a secret, or redaction would write the key back in.
  const marker = MARKERS.find((candidate) => !leaks(candidate)) ?? '';
  let out = text.replace(KEY_QUERY, `$1${marker}`).replace(KEY_HEADER, `$1${marker}`);
  out = out.replace(GOOGLE_KEY_SHAPE, marker);
  if (!spelled) return out;
  // A marker next to the text around it can spell a secret again; a few passes settle that,
  // and plain removal (which always shortens the text) ends any pathological case.
  for (let pass = 0; pass < 4 && leaks(out); pass++) out = out.replace(spelled, marker);
  while (leaks(out)) out = out.replace(spelled, '');
  return out;
}
