/**
 * The browser half of "Sign in with OpenRouter": the PKCE verifier waits in sessionStorage (this
 * tab only, gone when it closes) while the user is on OpenRouter; back here, the code in the URL
 * is traded for a key that goes where a typed key goes (memory, or the store if remembered).
 */

import { OPENROUTER_DEFAULT_BASE_URL } from '../../providers/openrouter/constants';
import {
  authorizeUrl,
  codeChallengeS256,
  exchangeCodeForKey,
  newCodeVerifier,
} from '../../providers/openrouter/oauth';
import { updateSettings, useSettingsStore } from './settings-store';

const VERIFIER_KEY = 'peel.openrouter.pkceVerifier';

const session = (): Storage | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
};

/** Where OpenRouter sends the user back: this page, without a query. */
const callbackUrl = (): string => `${location.origin}${location.pathname}`;

export async function startOpenRouterSignIn(): Promise<void> {
  const verifier = newCodeVerifier();
  session()?.setItem(VERIFIER_KEY, verifier);
  const target = authorizeUrl(
    useSettingsStore.getState().openrouterAuthUrl,
    callbackUrl(),
    await codeChallengeS256(verifier),
  );
  location.assign(target);
}

/** On load: finishes a sign-in the URL carries a code for. Returns a message to show, if any. */
export async function finishOpenRouterSignIn(): Promise<{ ok: boolean; message: string } | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  // Most starts carry no code: sessionStorage is not opened for them (its first read is a few ms).
  if (!code) return undefined;
  const verifier = session()?.getItem(VERIFIER_KEY);
  if (!verifier) return undefined;
  session()?.removeItem(VERIFIER_KEY);
  params.delete('code');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  const base = useSettingsStore.getState().openrouterBaseUrl.trim() || OPENROUTER_DEFAULT_BASE_URL;
  const exchanged = await exchangeCodeForKey(base, code, verifier);
  if (!exchanged.ok) return { ok: false, message: exchanged.message };
  updateSettings({ openrouterKey: exchanged.key, route: 'openrouter', provider: 'gemini' });
  return { ok: true, message: 'Signed in with OpenRouter: runs now go through OpenRouter.' };
}
