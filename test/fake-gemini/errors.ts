/** google.rpc error bodies, shaped like the real ones in /work/shared/gemini-wire-samples. */

export interface RpcError {
  status: number;
  body: { error: { code: number; message: string; status: string; details?: unknown[] } };
}

const SERVICE = 'generativelanguage.googleapis.com';

export function rpcError(code: number, status: string, message: string, details?: unknown[]): RpcError {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

export function invalidArgument(message: string, details?: unknown[]): RpcError {
  return rpcError(400, 'INVALID_ARGUMENT', message, details);
}

/** Like the real "Base64 decoding failed" error on a bytes field. */
export function badBytesField(field: string, value: string): RpcError {
  const shown = value.length > 64 ? `${value.slice(0, 64)}...` : value;
  const message = `Invalid value at '${field}' (TYPE_BYTES), Base64 decoding failed for "${shown}"`;
  return invalidArgument(message, [
    {
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field, description: message }],
    },
  ]);
}

export function apiKeyInvalid(): RpcError {
  const message = 'API key not valid. Please pass a valid API key.';
  return invalidArgument(message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: SERVICE },
    },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
  ]);
}

/** Real answer to a call without any key. */
export function unregisteredCaller(): RpcError {
  return rpcError(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

export function referrerBlocked(): RpcError {
  const message = 'Requests from referer <empty> are blocked.';
  return rpcError(403, 'PERMISSION_DENIED', message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_HTTP_REFERRER_BLOCKED',
      domain: 'googleapis.com',
      metadata: { consumer: 'projects/123456789012', service: SERVICE, httpReferrer: '<empty>' },
    },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
  ]);
}

/** `method` is e.g. 'GenerateContent' or 'StreamGenerateContent'. */
export function serviceBlocked(apiVersion: string, method: string): RpcError {
  const methodName = `google.ai.generativelanguage.${apiVersion}.GenerativeService.${method}`;
  const message = `Requests to this API ${SERVICE} method ${methodName} are blocked.`;
  return rpcError(403, 'PERMISSION_DENIED', message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_SERVICE_BLOCKED',
      domain: 'googleapis.com',
      metadata: { consumer: 'projects/123456789012', service: SERVICE, apiName: SERVICE, methodName },
    },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
  ]);
}

export function modelNotFound(model: string, apiVersion: string, method = 'generateContent'): RpcError {
  const message = `models/${model} is not found for API version ${apiVersion}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`;
  return rpcError(404, 'NOT_FOUND', message, [
    {
      '@type': 'type.googleapis.com/google.rpc.DebugInfo',
      detail: `[ORIGINAL ERROR] generic::not_found: ${message} [google.rpc.error_details_ext] { message: ${JSON.stringify(message)} }`,
    },
  ]);
}

export function entityNotFound(): RpcError {
  return rpcError(404, 'NOT_FOUND', 'Requested entity was not found.');
}

export function overloaded(): RpcError {
  return rpcError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
}

export function internal(): RpcError {
  return rpcError(
    500,
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  );
}

/** 429 RESOURCE_EXHAUSTED with QuotaFailure + RetryInfo (per-minute or per-day quota). */
export function quotaExceeded(model: string, perDay: boolean, retryDelaySeconds: number): RpcError {
  const quotaId = perDay
    ? 'GenerateRequestsPerDayPerProjectPerModel-FreeTier'
    : 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier';
  const quotaMetric = `${SERVICE}/generate_content_free_tier_requests`;
  const limit = perDay ? '100' : '10';
  const message =
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n' +
    `* Quota exceeded for metric: ${quotaMetric}, limit: ${limit}, model: ${model}\n` +
    `Please retry in ${retryDelaySeconds}s.`;
  return rpcError(429, 'RESOURCE_EXHAUSTED', message, [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        { quotaMetric, quotaId, quotaDimensions: { location: 'global', model }, quotaValue: limit },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
  ]);
}
