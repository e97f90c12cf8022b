/**
 * The Vertex AI route: the real @google/genai SDK in Vertex mode (and the real
 * google-auth-library for bearer tokens) against the fake's Vertex paths.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routeSettingsFromEnv, withVertexAuth } from '../../src/cli/route-settings';
import { costFromUsage } from '../../src/engine/cost';
import type { ImageProvider } from '../../src/engine/provider';
import { createRouteProvider, type RouteSettings } from '../../src/providers/routes';
import type { FakeGemini } from '../fake-gemini/server';
import { generateEditEdit, generateWorkflow, noSignal, run, startFakeGemini } from './provider-fixtures';

const TOKEN = 'test-token-456';
const VERTEX_KEY = 'test-vertex-key-789';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

async function vertex(env: Record<string, string>): Promise<ImageProvider> {
  const resolved = routeSettingsFromEnv('vertex', { VERTEX_BASE_URL: fake.url, ...env });
  expect(resolved.missing).toBeUndefined();
  return createRouteProvider(await withVertexAuth(resolved.settings));
}

const tokenEnv = (location = 'global', token = TOKEN) => ({
  GOOGLE_CLOUD_PROJECT: 'peel-test',
  GOOGLE_CLOUD_LOCATION: location,
  GOOGLE_CLOUD_ACCESS_TOKEN: token,
});

describe('request shapes', () => {
  it('express mode: the publishers path with the Vertex key in x-goog-api-key, no project', async () => {
    const { result } = await run(
      generateWorkflow('a fox', { model: 'gemini-3.1-flash-image' }),
      await vertex({ VERTEX_API_KEY: VERTEX_KEY }),
    );
    expect(result.status).toBe('ok');
    const [call] = fake.generateRequests();
    expect(call?.path).toBe('/v1/publishers/google/models/gemini-3.1-flash-image:generateContent');
    expect(call?.apiKey).toBe(VERTEX_KEY);
    expect(call?.bearer).toBeUndefined();
    expect(call?.route).toBe('vertex');
  });

  it('a bearer token: the project path in the global location', async () => {
    const { result } = await run(
      generateWorkflow('a fox', { model: 'gemini-3.1-flash-image', aspectRatio: '16:9' }),
      await vertex(tokenEnv()),
    );
    expect(result.status).toBe('ok');
    const [call] = fake.generateRequests();
    expect(call?.path).toBe(
      '/v1/projects/peel-test/locations/global/publishers/google/models/gemini-3.1-flash-image:generateContent',
    );
    expect(call?.bearer).toBe(TOKEN);
    expect(call?.apiKey).toBeUndefined();
    const body = call?.body as { generationConfig?: { imageConfig?: unknown; responseModalities?: unknown } };
    expect(body.generationConfig?.imageConfig).toEqual({ aspectRatio: '16:9' });
    expect(body.generationConfig?.responseModalities).toEqual(['TEXT', 'IMAGE']);
  });

  it('a regional location names itself in the path', async () => {
    const { result } = await run(
      generateWorkflow('a fox', { model: 'gemini-3.1-flash-lite-image' }),
      await vertex(tokenEnv('us-central1')),
    );
    expect(result.status).toBe('ok');
    expect(fake.generateRequests()[0]?.path).toBe(
      '/v1/projects/peel-test/locations/us-central1/publishers/google/models/gemini-3.1-flash-lite-image:generateContent',
    );
  });

  it('costs come from the catalog prices applied to the answer usage', async () => {
    const { result } = await run(
      generateWorkflow('a fox', { model: 'gemini-3.1-flash-image' }),
      await vertex(tokenEnv()),
    );
    const node = result.nodes.get('gen');
    expect(node?.usage?.imageOutputTokens).toBeGreaterThan(0);
    expect(node?.costUsd).toBe(costFromUsage('gemini-3.1-flash-image', node?.usage as never));
    expect(result.totals.costUsd).toBe(node?.costUsd);
  });

  it('Edit continues the conversation with thought signatures, as on the Gemini API', async () => {
    const { result } = await run(generateEditEdit('gemini-3.1-flash-image'), await vertex(tokenEnv()));
    expect(result.status).toBe('ok');
    const calls = fake.generateRequests();
    expect(calls).toHaveLength(3);
    const body = calls[2]?.body as {
      contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    };
    const contents = body.contents;
    expect(contents.map((turn) => turn.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    const signed = contents
      .filter((turn) => turn.role === 'model')
      .flatMap((turn) => turn.parts.filter((p) => typeof p.thoughtSignature === 'string'));
    expect(signed.length).toBeGreaterThanOrEqual(2);
  });
});

describe('errors', () => {
  it('401 (expired token) stops the run and says how to refresh, without the token', async () => {
    const stale = `ya29.stale-${'x'.repeat(20)}`;
    const { result, events } = await run(generateWorkflow('a fox'), await vertex(tokenEnv('global', stale)));
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('api_key_rejected');
    expect(error?.message).toContain('gcloud auth print-access-token');
    expect(result.error?.code).toBe('api_key_rejected');
    expect(fake.generateRequests()).toHaveLength(1);
    expect(JSON.stringify({ events, error })).not.toContain(stale);
  });

  it('403 permission denied is a credentials problem, named as such', async () => {
    fake.addFault({ kind: 'vertexPermissionDenied' });
    const { result } = await run(generateWorkflow('a fox'), await vertex(tokenEnv()));
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('api_key_rejected');
    expect(error?.message).toMatch(/permission denied: Permission 'aiplatform\.endpoints\.predict' denied/);
  });

  it('a wrong express key names VERTEX_API_KEY, not GEMINI_API_KEY', async () => {
    const wrong = `AQ.${'w'.repeat(30)}`;
    const { result } = await run(generateWorkflow('a fox'), await vertex({ VERTEX_API_KEY: wrong }));
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('api_key_rejected');
    expect(error?.message).toContain('VERTEX_API_KEY');
    expect(error?.message).not.toContain('GEMINI_API_KEY');
    expect(error?.message).not.toContain(wrong);
  });

  it('404: a model not served in this location names the location', async () => {
    const { result } = await run(
      generateWorkflow('a fox', { model: 'gemini-3.1-flash-image' }),
      await vertex(tokenEnv('europe-west4')),
    );
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('model_not_found');
    expect(error?.message).toContain('location "europe-west4"');
    expect(error?.message).toContain('GOOGLE_CLOUD_LOCATION=global');
  });

  it('429 without RetryInfo is a retryable rate limit with no server wait', async () => {
    fake.addFault({ kind: 'vertexExhausted', times: 1 });
    const provider = await vertex(tokenEnv());
    const outcome = await provider.generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'a fox', references: [] },
      { signal: noSignal() },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('rate_limited');
    expect(outcome.error.retryable).toBe(true);
    expect(outcome.error.retryAfterMs).toBeUndefined();
    // The run retries it and succeeds on the second request.
    fake.addFault({ kind: 'vertexExhausted', times: 1 });
    const { result } = await run(generateWorkflow('a fox'), provider);
    expect(result.status).toBe('ok');
    expect(result.totals.calls).toBe(2);
  });

  it('429 with RetryInfo waits what the server asks', async () => {
    fake.addFault({ kind: 'vertexExhausted', times: 1, retryDelaySeconds: 3 });
    const provider = await vertex(tokenEnv());
    const outcome = await provider.generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'a fox', references: [] },
      { signal: noSignal() },
    );
    expect(outcome.ok ? undefined : outcome.error).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 3000,
    });
  });
});

describe('credentials from the environment', () => {
  const base = { VERTEX_BASE_URL: 'http://127.0.0.1:1' };
  it('first found wins: VERTEX_API_KEY, then GOOGLE_CLOUD_ACCESS_TOKEN, then ADC', () => {
    const both = routeSettingsFromEnv('vertex', { ...base, ...tokenEnv(), VERTEX_API_KEY: VERTEX_KEY });
    expect((both.settings as Extract<RouteSettings, { route: 'vertex' }>).credential).toBe('express-key');
    const token = routeSettingsFromEnv('vertex', { ...base, ...tokenEnv() });
    expect((token.settings as Extract<RouteSettings, { route: 'vertex' }>).credential).toBe('access-token');
    const adc = routeSettingsFromEnv('vertex', {
      ...base,
      GOOGLE_CLOUD_PROJECT: 'p',
      CLOUDSDK_CONFIG: '/nonexistent-peel',
    });
    expect((adc.settings as Extract<RouteSettings, { route: 'vertex' }>).credential).toBe('adc');
    expect(adc.missing?.message).toMatch(
      /VERTEX_API_KEY.*GOOGLE_CLOUD_ACCESS_TOKEN.*application-default login/,
    );
  });

  it('the location defaults to global', () => {
    const resolved = routeSettingsFromEnv('vertex', {
      GOOGLE_CLOUD_PROJECT: 'p',
      GOOGLE_CLOUD_ACCESS_TOKEN: TOKEN,
    });
    expect((resolved.settings as Extract<RouteSettings, { route: 'vertex' }>).location).toBe('global');
  });

  it('a token without a project is refused before any call, naming the variable', () => {
    const resolved = routeSettingsFromEnv('vertex', { GOOGLE_CLOUD_ACCESS_TOKEN: TOKEN });
    expect(resolved.missing?.message).toContain('GOOGLE_CLOUD_PROJECT');
  });
});
