/**
 * "Sign in with OpenRouter": OAuth PKCE (openrouter.ai/docs/guides/overview/auth/oauth, read
 * 2026-12-02). No client id or secret: the app sends the user to
 *   https://openrouter.ai/auth?callback_url=<app>&code_challenge=<S256>&code_challenge_method=S256
 * OpenRouter sends them back with `?code=`, and `POST {api}/auth/keys { code, code_verifier,
 * code_challenge_method }` answers `{ key }`, a user-controlled API key. Web Crypto only, so the
 * same code runs in browsers and Node.
 */
export const OPENROUTER_AUTH_URL = 'https://openrouter.ai/auth';

const base64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** 32 random bytes, base64url: 43 characters, within RFC 7636's 43..128. */
export function newCodeVerifier(): string {
  return base64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function authorizeUrl(authUrl: string, callbackUrl: string, challenge: string): string {
  const url = new URL(authUrl || OPENROUTER_AUTH_URL);
  url.searchParams.set('callback_url', callbackUrl);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export type KeyExchange = { ok: true; key: string } | { ok: false; message: string };

/** Trades the one-time code for a key. The key itself never appears in a message. */
export async function exchangeCodeForKey(
  apiBaseUrl: string,
  code: string,
  verifier: string,
  doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<KeyExchange> {
  let response: Response;
  try {
    response = await doFetch(`${apiBaseUrl.replace(/\/+$/, '')}/auth/keys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, code_verifier: verifier, code_challenge_method: 'S256' }),
    });
  } catch (cause) {
    return {
      ok: false,
      message: `could not reach OpenRouter to finish signing in (${cause instanceof Error ? cause.message : String(cause)})`,
    };
  }
  const body = (await response.json().catch(() => undefined)) as
    | { key?: unknown; error?: { message?: unknown } }
    | undefined;
  if (response.ok && typeof body?.key === 'string' && body.key !== '') return { ok: true, key: body.key };
  const said = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
  return {
    ok: false,
    message: `OpenRouter did not accept the sign-in (${said}); try "Sign in with OpenRouter" again`,
  };
}
