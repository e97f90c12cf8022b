/**
 * The error mapping's edges that the main mapping tests left open (found by mutation testing):
 * google.rpc bodies with nulls, non-string fields and misplaced details; the exact shape of the
 * error values (no `status` or `retryAfterMs` key holding undefined); Google's own words quoted
 * unchanged on the Vertex AI route; a `status` that is not a number; a missing OpenRouter error
 * body; `Retry-After: 0` whatever the clock says.
 */
import { describe, expect, it } from 'vitest';
import { providerErrorFromThrown } from '../../../src/providers/gemini/errors';
import { parseRpcError } from '../../../src/providers/gemini/rpc-error';
import { fromOpenRouterError, retryAfterMs } from '../../../src/providers/openrouter/errors';
import { vertexErrorFromThrown } from '../../../src/providers/vertex/errors';

const context = { model: 'gemini-3-pro-image', apiVersion: 'v1beta', aborted: false };
const vertex = {
  ...context,
  apiVersion: 'v1',
  credential: 'adc' as const,
  project: 'p1',
  location: 'global',
};
const apiError = (status: unknown, body: unknown) =>
  Object.assign(new Error(typeof body === 'string' ? body : JSON.stringify(body)), {
    name: 'ApiError',
    status,
  });
const type = (name: string) => `type.googleapis.com/google.rpc.${name}`;
const parse = (status: number, body: unknown) => parseRpcError(status, JSON.stringify(body));

describe('parseRpcError edges', () => {
  it('an error that is null is no error object: the body is kept as text', () => {
    expect(parse(500, { error: null })).toStrictEqual({
      httpStatus: 500,
      message: '{"error":null}',
      quotaIds: [],
    });
  });

  it('fields that are not strings, or are empty, are left out, with no key for them', () => {
    const info = parse(400, {
      error: {
        message: 42,
        status: '',
        details: [
          { '@type': type('ErrorInfo'), reason: 7 },
          { '@type': 12, reason: 'UNTYPED' },
        ],
      },
    });
    expect(info).toStrictEqual({ httpStatus: 400, message: '', quotaIds: [] });
    expect(Object.keys(info)).toEqual(['httpStatus', 'message', 'quotaIds']);
    expect(Object.keys(parse(400, { error: { message: 'm', status: 7 } }))).toEqual([
      'httpStatus',
      'message',
      'quotaIds',
    ]);
  });

  it('null details and null quota violations are skipped', () => {
    const body = {
      error: {
        status: 'RESOURCE_EXHAUSTED',
        message: 'quota',
        details: [
          null,
          { '@type': type('QuotaFailure'), violations: [null, { quotaId: 'PerDay' }] },
          { '@type': type('ErrorInfo'), reason: 'RATE_LIMIT_EXCEEDED' },
        ],
      },
    };
    expect(parse(429, body)).toStrictEqual({
      httpStatus: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'quota',
      reason: 'RATE_LIMIT_EXCEEDED',
      quotaIds: ['PerDay'],
    });
  });

  it('violations and a retry delay count only inside their own detail types', () => {
    const body = {
      error: {
        message: 'm',
        details: [
          { '@type': type('BadRequest'), violations: [{ quotaId: 'NotAQuota' }], retryDelay: '9s' },
          { '@type': type('Help'), retryDelay: '8s' },
        ],
      },
    };
    expect(parse(400, body)).toStrictEqual({ httpStatus: 400, message: 'm', quotaIds: [] });
  });

  it('a later RetryInfo with an unreadable delay keeps the delay already read', () => {
    const body = {
      error: {
        message: 'slow down',
        details: [
          { '@type': type('RetryInfo'), retryDelay: '3s' },
          { '@type': type('RetryInfo'), retryDelay: 'soon' },
          { '@type': type('RetryInfo') },
        ],
      },
    };
    expect(parse(429, body).retryDelayMs).toBe(3000);
  });
});

describe('Gemini mapping: the exact error value', () => {
  it('a minute quota without RetryInfo has no retryAfterMs key at all', () => {
    const error = providerErrorFromThrown(apiError(429, { error: { message: 'slow' } }), context);
    expect(error).toStrictEqual({
      code: 'rate_limited',
      message: 'rate limit reached for gemini-3-pro-image (requests per minute)',
      retryable: true,
    });
  });
});

describe('Vertex AI mapping edges', () => {
  it('a body with neither message nor status names the HTTP status', () => {
    expect(vertexErrorFromThrown(apiError(401, { error: {} }), vertex).message).toBe(
      'Vertex AI rejected the credentials (HTTP 401): refresh Application Default Credentials with `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid service-account key',
    );
  });

  it('a status that is a string, not a number, is not an HTTP answer', () => {
    const error = vertexErrorFromThrown(apiError('500', { error: { message: 'boom' } }), vertex);
    expect(error.code).toBe('bad_response');
    expect(error.message).not.toContain('Vertex AI failed');
  });

  it("only the mapping's own opening words are renamed; Google's words inside stay as they were", () => {
    const google = 'Gemini is unavailable; Gemini failed; Gemini rejected; Gemini did not answer';
    expect(vertexErrorFromThrown(apiError(400, { error: { message: google } }), vertex).message).toBe(
      `Vertex AI rejected the request: ${google}`,
    );
    expect(
      vertexErrorFromThrown(apiError(503, { error: { message: google, status: 'UNAVAILABLE' } }), vertex)
        .message,
    ).toBe(`Vertex AI is unavailable (503 UNAVAILABLE: ${google})`);
  });
});

describe('OpenRouter mapping edges', () => {
  it('no error body at all still maps by the HTTP status', () => {
    expect(fromOpenRouterError(500, undefined, 'm')).toStrictEqual({
      code: 'unavailable',
      message: 'OpenRouter failed (500: HTTP 500)',
      retryable: true,
    });
    expect(fromOpenRouterError(403, undefined, 'm').message).toBe(
      "Blocked by OpenRouter's moderation: the input was flagged (HTTP 403); rephrase the prompt",
    );
  });

  it('429 without Retry-After has no retryAfterMs key at all', () => {
    expect(fromOpenRouterError(429, { message: 'slow down' }, 'm')).toStrictEqual({
      code: 'rate_limited',
      message: 'rate limit reached on OpenRouter for m (slow down)',
      retryable: true,
    });
  });

  it('Retry-After: 0 means no wait even on a clock set before 2000 (where V8 reads "0" as a date)', () => {
    expect(retryAfterMs('0', 0)).toBe(0);
  });
});
