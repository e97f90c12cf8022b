/**
 * The providers' error mapping, branch by branch, with the exact words a user reads: Gemini's
 * google.rpc bodies (key reasons, quotas, statuses), thrown network errors, the Vertex AI wording
 * and OpenRouter's statuses. Inputs are shaped like what the SDK and fetch hand over (an Error
 * with a numeric `status` and the JSON body as message); the SDK itself is exercised against the
 * fake server in test/integration/provider-*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fromHttpError, keyRejected, providerErrorFromThrown } from '../../../src/providers/gemini/errors';
import { parseDurationMs, parseRpcError } from '../../../src/providers/gemini/rpc-error';
import { fromOpenRouterError, retryAfterMs } from '../../../src/providers/openrouter/errors';
import { type VertexCredentialKind, vertexErrorFromThrown } from '../../../src/providers/vertex/errors';

const context = { model: 'gemini-3-pro-image', apiVersion: 'v1beta', aborted: false };
const apiError = (status: number, body: unknown) =>
  Object.assign(new Error(typeof body === 'string' ? body : JSON.stringify(body)), {
    name: 'ApiError',
    status,
  });
const rpcBody = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, status, message, details },
});
const errorInfo = (reason: string) => ({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason });

describe('parseRpcError', () => {
  it('keeps the message, the status, the first ErrorInfo reason, every quota id and the retry delay', () => {
    const body = rpcBody(429, 'RESOURCE_EXHAUSTED', 'quota', [
      'not a record',
      errorInfo('RATE_LIMIT_EXCEEDED'),
      errorInfo('SECOND_REASON'),
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaId: 'PerMinute' }, { quotaId: '' }, 'x', { quotaId: 'PerDay' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' },
      { '@type': 'type.googleapis.com/google.rpc.Help', reason: 'IGNORED' },
    ]);
    expect(parseRpcError(429, JSON.stringify(body))).toEqual({
      httpStatus: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'quota',
      reason: 'RATE_LIMIT_EXCEEDED',
      quotaIds: ['PerMinute', 'PerDay'],
      retryDelayMs: 2500,
    });
  });

  it('a body that is not JSON, or JSON without an error object, is kept as trimmed text', () => {
    expect(parseRpcError(502, '  <html>bad gateway</html>\n')).toEqual({
      httpStatus: 502,
      message: '<html>bad gateway</html>',
      quotaIds: [],
    });
    expect(parseRpcError(500, ' {"error":"flat"} ')).toEqual({
      httpStatus: 500,
      message: '{"error":"flat"}',
      quotaIds: [],
    });
    expect(parseRpcError(500, '[1]')).toEqual({ httpStatus: 500, message: '[1]', quotaIds: [] });
  });

  it('empty or missing fields are left out; details that are not a list, or a bad delay, are ignored', () => {
    expect(parseRpcError(400, JSON.stringify({ error: { message: '', status: '', details: {} } }))).toEqual({
      httpStatus: 400,
      message: '',
      quotaIds: [],
    });
    const odd = rpcBody(429, 'RESOURCE_EXHAUSTED', 'm', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: 'soon' },
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: 'none' },
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo' },
      { reason: 'NO_TYPE' },
    ]);
    expect(parseRpcError(429, JSON.stringify(odd))).toEqual({
      httpStatus: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'm',
      quotaIds: [],
    });
  });

  it('reads protobuf durations only', () => {
    expect(parseDurationMs('34s')).toBe(34_000);
    expect(parseDurationMs(' 0.250s ')).toBe(250);
    expect(parseDurationMs('1.0005s')).toBe(1001);
    for (const bad of ['', 's', '1', '1.s', '.5s', '1.5 s', '-1s', '1sx', 'x1s'])
      expect(parseDurationMs(bad)).toBeUndefined();
  });
});

describe('Gemini: fromHttpError', () => {
  const map = (status: number, body: unknown) => providerErrorFromThrown(apiError(status, body), context);

  it('a key reason on 400, 401 or 403 is named in plain words and stops the run', () => {
    for (const status of [400, 401, 403]) {
      expect(
        map(
          status,
          rpcBody(status, 'INVALID_ARGUMENT', 'API key not valid.', [errorInfo('API_KEY_INVALID')]),
        ),
      ).toEqual({
        code: 'api_key_rejected',
        message:
          'API key rejected: the key is not valid (mistyped, deleted, or not a Gemini API key). Enter a new key (Settings) or set GEMINI_API_KEY.',
        retryable: false,
        stopsRun: true,
      });
    }
    expect(map(403, rpcBody(403, 'PERMISSION_DENIED', 'x', [errorInfo('SERVICE_DISABLED')])).message).toBe(
      "API key rejected: the Gemini API (Generative Language API) is not enabled in the key's Google Cloud project. Enter a new key (Settings) or set GEMINI_API_KEY.",
    );
    // The same reason on another status is not about the key.
    expect(map(500, rpcBody(500, 'INTERNAL', 'boom', [errorInfo('API_KEY_INVALID')])).code).toBe(
      'unavailable',
    );
    // An unknown reason on 400 is a plain invalid request.
    expect(map(400, rpcBody(400, 'INVALID_ARGUMENT', 'bad field', [errorInfo('SOMETHING_ELSE')]))).toEqual({
      code: 'invalid_request',
      message: 'Gemini rejected the request: bad field',
      retryable: false,
    });
  });

  it('401 and 403 without a known reason quote Google', () => {
    expect(map(401, rpcBody(401, 'UNAUTHENTICATED', 'Request had invalid credentials.')).message).toBe(
      'API key rejected: Google did not accept it (Request had invalid credentials.). Enter a new key (Settings) or set GEMINI_API_KEY.',
    );
    expect(map(403, rpcBody(403, 'PERMISSION_DENIED', '')).message).toBe(
      'API key rejected: permission denied (PERMISSION_DENIED). Enter a new key (Settings) or set GEMINI_API_KEY.',
    );
    expect(map(403, { error: {} }).message).toBe(
      'API key rejected: permission denied (HTTP 403). Enter a new key (Settings) or set GEMINI_API_KEY.',
    );
  });

  it('404 names the model; a retired one gets its shutdown date and its replacement', () => {
    expect(map(404, rpcBody(404, 'NOT_FOUND', 'models/x is not found'))).toEqual({
      code: 'model_not_found',
      message:
        'model "gemini-3-pro-image" does not exist in Gemini API v1beta (404 NOT_FOUND): check the model id, or list the models your key can use (peel models, or Settings > Check models)',
      retryable: false,
    });
    const retired = providerErrorFromThrown(apiError(404, 'gone'), {
      ...context,
      model: 'gemini-2.5-flash-image',
    });
    expect(retired.message).toBe(
      'model "gemini-2.5-flash-image" does not exist in Gemini API v1beta (404 NOT_FOUND): Google shut it down on 2026-10-02; switch the node to gemini-3.1-flash-image (output and price differ)',
    );
    const noDate = providerErrorFromThrown(apiError(404, 'gone'), {
      ...context,
      model: 'gemini-2.5-flash-image-preview',
    });
    expect(noDate.message).toBe(
      'model "gemini-2.5-flash-image-preview" does not exist in Gemini API v1beta (404 NOT_FOUND): Google shut it down; switch the node to gemini-3.1-flash-image (output and price differ)',
    );
  });

  it('413 is an image too large; 408 and 5xx are retryable and say which status', () => {
    expect(map(413, rpcBody(413, '', 'Request payload size exceeds the limit'))).toEqual({
      code: 'image_too_large',
      message:
        'Gemini refused the request as too large (Request payload size exceeds the limit); use fewer or smaller images',
      retryable: false,
    });
    for (const status of [408, 500, 502, 503, 504]) {
      expect(map(status, rpcBody(status, 'UNAVAILABLE', 'try later'))).toEqual({
        code: 'unavailable',
        message: `Gemini is unavailable (${status} UNAVAILABLE: try later)`,
        retryable: true,
      });
    }
    expect(map(503, 'overloaded').message).toBe('Gemini is unavailable (503: overloaded)');
    expect(map(599, 'odd')).toEqual({
      code: 'unavailable',
      message: 'Gemini failed (599: odd)',
      retryable: true,
    });
    expect(map(499, 'client closed')).toEqual({
      code: 'invalid_request',
      message: 'Gemini rejected the request: client closed',
      retryable: false,
    });
  });

  it('429: a minute quota waits; a day quota or a wait over a minute stops the run', () => {
    const quota = (quotaId: string, retryDelay?: string) =>
      rpcBody(429, 'RESOURCE_EXHAUSTED', 'quota', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId }] },
        ...(retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : []),
      ]);
    expect(map(429, quota('GenerateRequestsPerMinutePerProject', '60s'))).toEqual({
      code: 'rate_limited',
      message: 'rate limit reached for gemini-3-pro-image (requests per minute)',
      retryable: true,
      retryAfterMs: 60_000,
    });
    expect(map(429, quota('GenerateRequestsPerMinutePerProject'))).toEqual({
      code: 'rate_limited',
      message: 'rate limit reached for gemini-3-pro-image (requests per minute)',
      retryable: true,
    });
    expect(map(429, quota('GenerateRequestsPerMinutePerProject', '60.001s'))).toEqual({
      code: 'daily_quota',
      message:
        'daily quota exhausted for gemini-3-pro-image: no more calls are possible until it resets. Try again tomorrow, pick another model, or use a key with billing enabled.',
      retryable: false,
      stopsRun: true,
    });
    expect(map(429, quota('GenerateRequestsperdayPerProject', '1s')).message).toBe(
      'daily quota exhausted for gemini-3-pro-image (GenerateRequestsperdayPerProject): no more calls are possible until it resets. Try again tomorrow, pick another model, or use a key with billing enabled.',
    );
  });

  it('keyRejected wraps any reason in the same advice', () => {
    expect(keyRejected('because')).toEqual({
      code: 'api_key_rejected',
      message: 'API key rejected: because. Enter a new key (Settings) or set GEMINI_API_KEY.',
      retryable: false,
      stopsRun: true,
    });
    expect(fromHttpError({ httpStatus: 418, message: '', quotaIds: [] }, context).message).toBe(
      'Gemini rejected the request: HTTP 418',
    );
  });
});

describe('Gemini: providerErrorFromThrown without an HTTP answer', () => {
  it('an abort wins over everything; the provider timeout rounds to seconds', () => {
    expect(
      providerErrorFromThrown(apiError(500, 'x'), { ...context, aborted: true, timedOutAfterMs: 5 }),
    ).toEqual({
      code: 'cancelled',
      message: 'cancelled',
    });
    expect(providerErrorFromThrown(new Error('x'), { ...context, timedOutAfterMs: 2_499 })).toEqual({
      code: 'timeout',
      message: 'Gemini did not answer within 2 s',
      retryable: true,
    });
    expect(providerErrorFromThrown(new Error('x'), { ...context, timedOutAfterMs: 0 }).code).toBe('timeout');
  });

  it('a status outside 400-599, or not a number, is not an HTTP answer', () => {
    for (const status of [399, 600, '500']) {
      const thrown = Object.assign(new Error('odd'), { status });
      expect(providerErrorFromThrown(thrown, context)).toEqual({
        code: 'bad_response',
        message: 'unexpected failure talking to Gemini: Error: odd',
        retryable: false,
      });
    }
    expect(providerErrorFromThrown(Object.assign(new Error('x'), { status: 400 }), context).code).toBe(
      'invalid_request',
    );
    expect(providerErrorFromThrown(Object.assign(new Error('x'), { status: 599 }), context).code).toBe(
      'unavailable',
    );
    // Not an Error at all: a plain object with a status is no HTTP answer either.
    expect(providerErrorFromThrown({ status: 500, message: 'x' }, context).code).toBe('bad_response');
  });

  it('describes the cause chain (four deep at most) with error codes; names network failures', () => {
    const socket = Object.assign(new Error('other side closed'), {
      name: 'SocketError',
      code: 'UND_ERR_SOCKET',
    });
    const thrown = new TypeError('terminated', { cause: socket });
    expect(providerErrorFromThrown(thrown, context)).toEqual({
      code: 'network',
      message:
        'the connection to Gemini failed (TypeError: terminated <- SocketError: other side closed [UND_ERR_SOCKET])',
      retryable: true,
    });
    const deep = new Error('a', {
      cause: new Error('b', { cause: new Error('c', { cause: new Error('d', { cause: 'e' }) }) }),
    });
    expect(providerErrorFromThrown(deep, context).message).toBe(
      'unexpected failure talking to Gemini: Error: a <- Error: b <- Error: c <- Error: d',
    );
    expect(providerErrorFromThrown(new Error('x', { cause: 'plain words' }), context).message).toBe(
      'unexpected failure talking to Gemini: Error: x <- plain words',
    );
    expect(providerErrorFromThrown(Object.assign(new Error('x'), { code: 42 }), context).message).toBe(
      'unexpected failure talking to Gemini: Error: x',
    );
    expect(providerErrorFromThrown(undefined, context).message).toBe(
      'unexpected failure talking to Gemini: unknown error',
    );
    expect(providerErrorFromThrown(null, context).message).toBe(
      'unexpected failure talking to Gemini: unknown error',
    );
    expect(providerErrorFromThrown('text', context).message).toBe(
      'unexpected failure talking to Gemini: text',
    );
    for (const words of [
      'Failed to fetch',
      'NetworkError when attempting',
      'Load failed',
      'Unexpected end of JSON input',
      'getaddrinfo EAI_AGAIN',
    ]) {
      expect(providerErrorFromThrown(new TypeError(words), context).code).toBe('network');
    }
  });
});

describe('Vertex AI wording', () => {
  const vertex = {
    ...context,
    apiVersion: 'v1',
    credential: 'adc' as VertexCredentialKind,
    project: 'p1',
    location: 'us-central1',
  };
  const map = (status: number, body: unknown, extra: Partial<typeof vertex> = {}) =>
    vertexErrorFromThrown(apiError(status, body), { ...vertex, ...extra });

  it('401, an API_KEY_ reason and a 403 say how to refresh that kind of credential', () => {
    expect(map(401, rpcBody(401, 'UNAUTHENTICATED', 'expired token'))).toEqual({
      code: 'api_key_rejected',
      message:
        'Vertex AI rejected the credentials (expired token): refresh Application Default Credentials with `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid service-account key',
      retryable: false,
      stopsRun: true,
    });
    expect(
      map(400, rpcBody(400, 'INVALID_ARGUMENT', 'bad key', [errorInfo('API_KEY_INVALID')]), {
        credential: 'express-key',
      }).message,
    ).toBe(
      'Vertex AI rejected the credentials (API_KEY_INVALID: bad key): check VERTEX_API_KEY (a Vertex AI express-mode key from the Google Cloud console) or enter a new key in Settings',
    );
    expect(map(403, rpcBody(403, 'PERMISSION_DENIED', 'no'), { credential: 'access-token' }).message).toBe(
      'Vertex AI rejected the credentials (permission denied: no): access tokens expire after about an hour: refresh it with `export GOOGLE_CLOUD_ACCESS_TOKEN=$(gcloud auth print-access-token)`',
    );
  });

  it('a disabled API on 403 says to enable it, in the project when known', () => {
    const disabled = map(403, rpcBody(403, 'PERMISSION_DENIED', 'x', [errorInfo('SERVICE_DISABLED')]));
    expect(disabled).toEqual({
      code: 'api_key_rejected',
      message:
        'the Vertex AI API is not enabled in project p1 (x): enable aiplatform.googleapis.com in the Google Cloud console',
      retryable: false,
      stopsRun: true,
    });
    expect(
      map(403, rpcBody(403, '', 'API has not been used in project 7'), { project: undefined }).message,
    ).toBe(
      'the Vertex AI API is not enabled in project (the key’s project) (API has not been used in project 7): enable aiplatform.googleapis.com in the Google Cloud console',
    );
    expect(map(403, rpcBody(403, '', 'it IS DISABLED')).code).toBe('api_key_rejected');
    expect(map(403, rpcBody(403, '', 'it IS DISABLED')).message).toMatch(/^the Vertex AI API is not enabled/);
  });

  it('404 names the location and suggests "global" only away from it', () => {
    expect(map(404, rpcBody(404, 'NOT_FOUND', 'nope'))).toEqual({
      code: 'model_not_found',
      message:
        'model "gemini-3-pro-image" is not available on Vertex AI in location "us-central1" of project p1 (nope); Gemini image models are often served only in "global": try GOOGLE_CLOUD_LOCATION=global',
      retryable: false,
    });
    expect(map(404, rpcBody(404, 'NOT_FOUND', 'nope'), { location: 'global' }).message).toBe(
      'model "gemini-3-pro-image" is not available on Vertex AI in location "global" of project p1 (nope); check the model id',
    );
    expect(map(404, rpcBody(404, 'NOT_FOUND', ''), { location: undefined, project: undefined }).message).toBe(
      'model "gemini-3-pro-image" is not available on Vertex AI in the global endpoint (express mode) (NOT_FOUND); check the model id',
    );
    expect(map(404, {}, { location: undefined, project: undefined }).message).toBe(
      'model "gemini-3-pro-image" is not available on Vertex AI in the global endpoint (express mode) ({}); check the model id',
    );
  });

  it('the shared Gemini mapping, with Vertex AI named in place of Gemini', () => {
    expect(map(503, rpcBody(503, 'UNAVAILABLE', 'busy')).message).toBe(
      'Vertex AI is unavailable (503 UNAVAILABLE: busy)',
    );
    expect(map(599, 'odd').message).toBe('Vertex AI failed (599: odd)');
    expect(map(400, rpcBody(400, 'INVALID_ARGUMENT', 'bad')).message).toBe(
      'Vertex AI rejected the request: bad',
    );
    expect(
      map(
        429,
        rpcBody(429, 'RESOURCE_EXHAUSTED', 'q', [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'PerDay' }] },
        ]),
      ).message,
    ).toBe(
      'daily quota exhausted for gemini-3-pro-image (PerDay): no more calls are possible until it resets. Try again tomorrow, pick another model, or ask for a higher Vertex AI quota.',
    );
    expect(vertexErrorFromThrown(new TypeError('fetch failed'), vertex).message).toBe(
      'the connection to Vertex AI failed (TypeError: fetch failed)',
    );
    expect(vertexErrorFromThrown(new Error('odd'), vertex).message).toBe(
      'unexpected failure talking to Vertex AI: Error: odd',
    );
    expect(vertexErrorFromThrown(new Error('x'), { ...vertex, timedOutAfterMs: 3000 }).message).toBe(
      'Vertex AI did not answer within 3 s',
    );
    // An HTTP error that arrives after the caller aborted is a cancel, not an HTTP answer.
    expect(vertexErrorFromThrown(apiError(401, 'x'), { ...vertex, aborted: true })).toEqual({
      code: 'cancelled',
      message: 'cancelled',
    });
    expect(vertexErrorFromThrown(apiError(401, 'x'), { ...vertex, timedOutAfterMs: 1000 }).code).toBe(
      'timeout',
    );
    for (const status of [399, 600]) {
      expect(vertexErrorFromThrown(Object.assign(new Error('odd'), { status }), vertex).code).toBe(
        'bad_response',
      );
    }
    expect(vertexErrorFromThrown({ status: 401 }, vertex).code).toBe('bad_response');
  });
});

describe('OpenRouter', () => {
  const map = (status: number, error: unknown, retryAfter?: number) =>
    fromOpenRouterError(status, error, 'google/gemini-3-pro-image', retryAfter);

  it('each documented status, with OpenRouter’s words quoted', () => {
    expect(map(401, { code: 401, message: ' No auth ' })).toEqual({
      code: 'api_key_rejected',
      message:
        'OpenRouter rejected the key (No auth): check OPENROUTER_API_KEY, or sign in with OpenRouter again (Settings)',
      retryable: false,
      stopsRun: true,
    });
    expect(map(402, { message: 'Insufficient credits' })).toEqual({
      code: 'credits_exhausted',
      message:
        "OpenRouter: out of credits (Insufficient credits). Add credits at openrouter.ai/settings/credits or raise the key's limit; no more calls are possible until then.",
      retryable: false,
      stopsRun: true,
    });
    expect(map(403, { message: 'flagged', metadata: { reasons: ['violence', 7, 'hate'] } })).toEqual({
      code: 'safety_blocked',
      message:
        "Blocked by OpenRouter's moderation (violence, hate): the input was flagged (flagged); rephrase the prompt",
      retryable: false,
    });
    expect(map(403, { message: 'flagged', metadata: { reasons: 'violence' } }).message).toBe(
      "Blocked by OpenRouter's moderation: the input was flagged (flagged); rephrase the prompt",
    );
    expect(map(403, { message: 'flagged', metadata: [] }).message).toBe(
      "Blocked by OpenRouter's moderation: the input was flagged (flagged); rephrase the prompt",
    );
    expect(map(404, { message: 'No endpoints' })).toEqual({
      code: 'model_not_found',
      message:
        'OpenRouter does not know the model for "google/gemini-3-pro-image" (No endpoints); pick another model or route',
      retryable: false,
    });
    expect(map(408, {})).toEqual({
      code: 'timeout',
      message: 'OpenRouter timed out (HTTP 408)',
      retryable: true,
    });
    expect(map(413, { message: 'big' })).toEqual({
      code: 'image_too_large',
      message: 'OpenRouter refused the request as too large (big); use fewer or smaller images',
      retryable: false,
    });
    expect(map(502, { message: 'down' })).toEqual({
      code: 'unavailable',
      message: 'OpenRouter: the model is down or answered badly (502: down)',
      retryable: true,
    });
    expect(map(503, { message: 'none' })).toEqual({
      code: 'unavailable',
      message: 'OpenRouter: no provider is available for this model right now (503: none)',
      retryable: true,
    });
    expect(map(500, { message: 'oops' })).toEqual({
      code: 'unavailable',
      message: 'OpenRouter failed (500: oops)',
      retryable: true,
    });
    expect(map(400, { message: 'bad' })).toEqual({
      code: 'invalid_request',
      message: 'OpenRouter rejected the request (400: bad)',
      retryable: false,
    });
    expect(map(499, '   ').message).toBe('OpenRouter rejected the request (499: HTTP 499)');
  });

  it('the code inside the body wins over the HTTP status (errors can arrive inside a 200)', () => {
    expect(map(200, { code: 402, message: 'credits' }).code).toBe('credits_exhausted');
    expect(map(200, { code: '402', message: 'credits' }).code).toBe('invalid_request');
    expect(map(200, null).message).toBe('OpenRouter rejected the request (200: HTTP 200)');
    expect(map(200, { message: '   ' }).message).toBe('OpenRouter rejected the request (200: HTTP 200)');
    expect(map(200, { message: 5 }).message).toBe('OpenRouter rejected the request (200: HTTP 200)');
  });

  it('429 carries Retry-After when the server sent one', () => {
    expect(map(429, { message: 'slow down' }, 1500)).toEqual({
      code: 'rate_limited',
      message: 'rate limit reached on OpenRouter for google/gemini-3-pro-image (slow down)',
      retryable: true,
      retryAfterMs: 1500,
    });
    expect(map(429, { message: 'slow down' })).toEqual({
      code: 'rate_limited',
      message: 'rate limit reached on OpenRouter for google/gemini-3-pro-image (slow down)',
      retryable: true,
    });
  });

  it('Retry-After in seconds or as an HTTP date, never negative', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('0.4', now)).toBe(400);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Wed, 02 Dec 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 02 Dec 2026 11:59:00 GMT', now)).toBe(0);
    // V8 reads "-3" as a date in year -3: long past, so no wait (never a negative one).
    expect(retryAfterMs('-3', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
