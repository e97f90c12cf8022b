/**
 * Reads a google.rpc error body (`{ error: { code, message, status, details[] } }`), which the
 * SDK hands over as the JSON text of its ApiError message. Only the details Peel acts on are
 * kept: ErrorInfo.reason, QuotaFailure quota ids and RetryInfo.retryDelay.
 */

export interface RpcErrorInfo {
  httpStatus: number;
  /** e.g. RESOURCE_EXHAUSTED, PERMISSION_DENIED. */
  status?: string;
  /** Google's own message, or the raw body when it was not JSON. */
  message: string;
  /** ErrorInfo.reason, e.g. API_KEY_INVALID. */
  reason?: string;
  quotaIds: string[];
  retryDelayMs?: number;
}

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringField = (record: JsonRecord, key: string): string | undefined => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** "1.5s", "34s", "0.250s" (protobuf Duration JSON) to milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  return Math.round(Number.parseFloat(match[1]) * 1000);
}

export function parseRpcError(httpStatus: number, rawMessage: string): RpcErrorInfo {
  let body: unknown;
  try {
    body = JSON.parse(rawMessage);
  } catch {
    // Not JSON (a gateway's HTML page, plain text): kept as text just below.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (!error) return { httpStatus, message: rawMessage.trim(), quotaIds: [] };
  const info: RpcErrorInfo = {
    httpStatus,
    message: stringField(error, 'message') ?? '',
    quotaIds: [],
  };
  const status = stringField(error, 'status');
  if (status !== undefined) info.status = status;
  // Stryker disable next-line ArrayDeclaration: an entry in place of none is skipped like any entry without a type
  const details = Array.isArray(error.details) ? error.details.filter(isRecord) : [];
  for (const detail of details) {
    const type = stringField(detail, '@type');
    if (type?.endsWith('google.rpc.ErrorInfo')) {
      const reason = stringField(detail, 'reason');
      if (reason && !info.reason) info.reason = reason;
    } else if (type?.endsWith('google.rpc.QuotaFailure') && Array.isArray(detail.violations)) {
      for (const violation of detail.violations.filter(isRecord)) {
        const quotaId = stringField(violation, 'quotaId');
        if (quotaId) info.quotaIds.push(quotaId);
      }
    } else if (type?.endsWith('google.rpc.RetryInfo')) {
      const delay = stringField(detail, 'retryDelay');
      // Stryker disable next-line StringLiteral: any text that is not a duration reads as no delay, as '' does
      const ms = parseDurationMs(delay ?? '');
      if (ms !== undefined) info.retryDelayMs = ms;
    }
  }
  return info;
}
