/**
 * Maps whatever the SDK throws to a ProviderError: HTTP errors (the SDK's ApiError, whose message
 * is the google.rpc JSON body), network failures, and aborts. The engine decides about retries
 * from `retryable`, `retryAfterMs` and `stopsRun`; this file only says what happened.
 */
import { retirementOf } from '../../engine/catalog';
import { currentReplacement } from '../../engine/model-upgrade';
import type { ProviderError } from '../../engine/provider';
import { parseRpcError, type RpcErrorInfo } from './rpc-error';

export interface FailureContext {
  model: string;
  apiVersion: string;
  /** The caller's signal aborted (cancel, or the engine's per-attempt timeout). */
  aborted: boolean;
  /** The provider's own `timeoutMs` fired. */
  timedOutAfterMs?: number;
}

/** A per-minute wait longer than this can only be a daily (or longer) quota. */
const LONGEST_PER_MINUTE_WAIT_MS = 60_000;

const KEY_REASONS: Record<string, string> = {
  API_KEY_INVALID: 'the key is not valid (mistyped, deleted, or not a Gemini API key)',
  API_KEY_EXPIRED: 'the key has expired',
  API_KEY_HTTP_REFERRER_BLOCKED:
    'the key is restricted to certain websites, and this request did not come from one',
  API_KEY_SERVICE_BLOCKED: "the key's API restrictions do not allow the Gemini API (Generative Language API)",
  API_KEY_IP_ADDRESS_BLOCKED: 'the key is restricted to other IP addresses',
  API_KEY_ANDROID_APP_BLOCKED: 'the key is restricted to an Android app',
  API_KEY_IOS_APP_BLOCKED: 'the key is restricted to an iOS app',
  SERVICE_DISABLED:
    "the Gemini API (Generative Language API) is not enabled in the key's Google Cloud project",
  CONSUMER_SUSPENDED: "the key's Google Cloud project has been suspended",
};

export function keyRejected(reasonInPlainWords: string): ProviderError {
  return {
    code: 'api_key_rejected',
    message: `API key rejected: ${reasonInPlainWords}. Enter a new key (Settings) or set GEMINI_API_KEY.`,
    retryable: false,
    stopsRun: true,
  };
}

interface HttpError {
  status: number;
  message: string;
}

function asHttpError(thrown: unknown): HttpError | undefined {
  if (!(thrown instanceof Error)) return undefined;
  const status = (thrown as Error & { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600
    ? { status, message: thrown.message }
    : undefined;
}

export function providerErrorFromThrown(thrown: unknown, context: FailureContext): ProviderError {
  if (context.aborted) return { code: 'cancelled', message: 'cancelled' };
  if (context.timedOutAfterMs !== undefined) {
    return {
      code: 'timeout',
      message: `Gemini did not answer within ${Math.round(context.timedOutAfterMs / 1000)} s`,
      retryable: true,
    };
  }
  const http = asHttpError(thrown);
  if (http) return fromHttpError(parseRpcError(http.status, http.message), context);
  const detail = describeThrown(thrown);
  if (looksLikeNetworkFailure(detail)) {
    return { code: 'network', message: `the connection to Gemini failed (${detail})`, retryable: true };
  }
  return {
    code: 'bad_response',
    message: `unexpected failure talking to Gemini: ${detail}`,
    retryable: false,
  };
}

export function fromHttpError(rpc: RpcErrorInfo, context: FailureContext): ProviderError {
  const google = rpc.message || rpc.status || `HTTP ${rpc.httpStatus}`;
  const reasonWords = rpc.reason ? KEY_REASONS[rpc.reason] : undefined;
  if (reasonWords && (rpc.httpStatus === 400 || rpc.httpStatus === 401 || rpc.httpStatus === 403)) {
    return keyRejected(reasonWords);
  }
  switch (rpc.httpStatus) {
    case 401:
      return keyRejected(`Google did not accept it (${google})`);
    case 403:
      return keyRejected(`permission denied (${google})`);
    case 404:
      return modelNotFound(context);
    case 413:
      return {
        code: 'image_too_large',
        message: `Gemini refused the request as too large (${google}); use fewer or smaller images`,
        retryable: false,
      };
    case 429:
      return fromQuotaError(rpc, context);
    case 408:
    case 500:
    case 502:
    case 503:
    case 504:
      return {
        code: 'unavailable',
        message: `Gemini is unavailable (${rpc.httpStatus}${rpc.status ? ` ${rpc.status}` : ''}: ${google})`,
        retryable: true,
      };
  }
  // Stryker disable next-line EqualityOperator: 500 itself is handled in the switch above, so > 500 is the same
  if (rpc.httpStatus >= 500) {
    return { code: 'unavailable', message: `Gemini failed (${rpc.httpStatus}: ${google})`, retryable: true };
  }
  return { code: 'invalid_request', message: `Gemini rejected the request: ${google}`, retryable: false };
}

/** Names the model and, when the catalog knows it was retired, the date and what to switch to. */
function modelNotFound(context: FailureContext): ProviderError {
  const retirement = retirementOf(context.model);
  const replacement = currentReplacement(context.model);
  const switchTo = replacement
    ? `switch the node to ${replacement} (output and price differ)`
    : // Stryker disable next-line StringLiteral: not reached: every retired model in the catalog has a current replacement, and overrides cannot retire a model
      'pick a current model';
  const why = retirement
    ? `Google shut it down${retirement.shutdown ? ` on ${retirement.shutdown}` : ''}; ${switchTo}`
    : 'check the model id, or list the models your key can use (peel models, or Settings > Check models)';
  return {
    code: 'model_not_found',
    message: `model "${context.model}" does not exist in Gemini API ${context.apiVersion} (404 NOT_FOUND): ${why}`,
    retryable: false,
  };
}

function fromQuotaError(rpc: RpcErrorInfo, context: FailureContext): ProviderError {
  const dailyQuota = rpc.quotaIds.find((id) => /PerDay/i.test(id));
  const longWait = (rpc.retryDelayMs ?? 0) > LONGEST_PER_MINUTE_WAIT_MS;
  if (dailyQuota || longWait) {
    return {
      code: 'daily_quota',
      message: `daily quota exhausted for ${context.model}${dailyQuota ? ` (${dailyQuota})` : ''}: no more calls are possible until it resets. Try again tomorrow, pick another model, or use a key with billing enabled.`,
      retryable: false,
      stopsRun: true,
    };
  }
  return {
    code: 'rate_limited',
    message: `rate limit reached for ${context.model} (requests per minute)`,
    retryable: true,
    ...(rpc.retryDelayMs !== undefined ? { retryAfterMs: rpc.retryDelayMs } : {}),
  };
}

/** Message, code and causes, e.g. "TypeError: terminated (SocketError: other side closed, UND_ERR_SOCKET)". */
function describeThrown(thrown: unknown): string {
  const pieces: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as Error & { code?: unknown }).code;
      pieces.push(`${current.name}: ${current.message}${typeof code === 'string' ? ` [${code}]` : ''}`);
      current = (current as Error & { cause?: unknown }).cause;
    } else {
      pieces.push(String(current));
      break;
    }
  }
  return pieces.join(' <- ') || 'unknown error';
}

/**
 * Node's fetch says "fetch failed" / "terminated" with a socket error as cause; browsers say
 * "Failed to fetch" (Chrome), "NetworkError ..." (Firefox) or "Load failed" (Safari); a body cut
 * short surfaces as a JSON SyntaxError once the SDK parses what arrived.
 */
const NETWORK_WORDS =
  /fetch failed|terminated|ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|socket hang up|other side closed|UND_ERR|network|Failed to fetch|Load failed|Unexpected end of JSON|Unterminated string in JSON|Incomplete JSON|aborted/i;

function looksLikeNetworkFailure(detail: string): boolean {
  return NETWORK_WORDS.test(detail);
}
