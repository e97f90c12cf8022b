// @vitest-environment jsdom
/**
 * Every page start asks whether it is the end of an OpenRouter sign-in. Only a URL with `?code=`
 * can be: without one, sessionStorage is not opened (its first read costs a few ms on start-up).
 * With a code but no verifier of this tab's, nothing is exchanged and the URL is left alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishOpenRouterSignIn } from '../../../src/editor/settings/openrouter-signin';

afterEach(() => {
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('finishing an OpenRouter sign-in on start', () => {
  it('a start without a code does not open sessionStorage', async () => {
    const read = vi.spyOn(Storage.prototype, 'getItem');
    history.replaceState(null, '', '/?open=/bench-workflow.json');
    expect(await finishOpenRouterSignIn()).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('a code without this tab’s verifier is not exchanged and stays in the URL', async () => {
    const read = vi.spyOn(Storage.prototype, 'getItem');
    const fetched = vi.spyOn(globalThis, 'fetch');
    history.replaceState(null, '', '/?code=abc');
    expect(await finishOpenRouterSignIn()).toBeUndefined();
    expect(read).toHaveBeenCalledWith('peel.openrouter.pkceVerifier');
    expect(fetched).not.toHaveBeenCalled();
    expect(location.search).toBe('?code=abc');
  });
});
