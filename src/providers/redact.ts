/**
 * Scrubs secrets from text that may reach a user, a log or a run record. Error texts from the
 * network layer can echo what was sent (a key in a `?key=` query, an invalid header value), so
 * every message a provider returns passes through here.
 */

const MARKERS = ['[redacted]', '[hidden]', '***'];

/** Google API keys have this shape; they are hidden even when they are not the caller's key. */
const GOOGLE_KEY_SHAPE = /AIza[0-9A-Za-z_-]{35}/g;
/** `key=...` in a URL query, and the key header written out in a dump. */
const KEY_QUERY = /([?&;]key=)[^&\s"'#)\]}>]+/gi;
const KEY_HEADER = /(x-goog-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi;

/** The ways a secret can appear in text: as is, JSON-escaped, URL-encoded. */
function spellingsOf(secret: string): string[] {
  const spellings = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
  try {
    spellings.add(encodeURIComponent(secret));
  } catch {
    // A lone surrogate cannot be URL-encoded, so it cannot have travelled in a URL either.
  }
  return [...spellings].filter((spelling) => spelling.length > 0);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  const spellings = secrets.flatMap(spellingsOf).sort((a, b) => b.length - a.length);
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
