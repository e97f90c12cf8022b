/** PKCE helpers of "Sign in with OpenRouter" (the flow itself runs against the fake in e2e). */
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  codeChallengeS256,
  exchangeCodeForKey,
  newCodeVerifier,
} from '../../../src/providers/openrouter/oauth';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    await expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes fresh 43-character base64url verifiers', () => {
    const a = newCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCodeVerifier()).not.toBe(a);
  });

  it('builds the consent URL with callback, challenge and method', () => {
    const url = new URL(authorizeUrl('', 'http://127.0.0.1:5173/', 'abc'));
    expect(url.origin + url.pathname).toBe('https://openrouter.ai/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      callback_url: 'http://127.0.0.1:5173/',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
    });
  });

  it('a refused exchange is a message without the verifier', async () => {
    const refused: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: 403, message: 'Invalid code_verifier' } }), {
        status: 403,
      });
    const outcome = await exchangeCodeForKey('https://x.test/api/v1', 'code', 'secret-verifier', refused);
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('Invalid code_verifier') });
    expect(JSON.stringify(outcome)).not.toContain('secret-verifier');
  });
});
