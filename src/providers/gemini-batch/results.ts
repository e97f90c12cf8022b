/**
 * Reading a finished batch job's answers: inlined responses from the operation JSON, or the
 * lines of a responses file. Each answer is mapped by the online provider's own response
 * mapping, then priced at the batch rate.
 */
import { costFromUsage } from '../../engine/cost';
import type { HashBytes } from '../../engine/hash-bytes';
import type { ImageCallResult, ImageRequest, ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import { buildGeminiRequest } from '../gemini/request';
import { mapGeminiResponse } from '../gemini/response';
import type { WireResponse } from '../gemini/wire';

export interface RpcStatus {
  code?: number;
  message?: string;
}

/** One answer of a batch: a GenerateContentResponse, or the google.rpc.Status of a failed item. */
export type BatchItem = { response: WireResponse } | { error: RpcStatus };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function itemOf(value: Record<string, unknown>): BatchItem {
  if (isRecord(value.response)) return { response: value.response as WireResponse };
  const error = isRecord(value.error) ? value.error : {};
  return {
    error: {
      ...(typeof error.code === 'number' ? { code: error.code } : {}),
      message:
        typeof error.message === 'string'
          ? error.message
          : 'the batch answered neither a response nor an error',
    },
  };
}

/** Inlined answers of an operation as the REST API sends it (`metadata.output` or `response`). */
export function itemsFromOperation(operation: unknown): Map<string, BatchItem> | undefined {
  if (!isRecord(operation)) return undefined;
  const metadata = isRecord(operation.metadata) ? operation.metadata : {};
  const output = isRecord(metadata.output)
    ? metadata.output
    : isRecord(operation.response)
      ? operation.response
      : {};
  const outer = isRecord(output.inlinedResponses) ? output.inlinedResponses : undefined;
  const list = outer?.inlinedResponses;
  if (!Array.isArray(list)) return undefined;
  const items = new Map<string, BatchItem>();
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const key = isRecord(entry.metadata) ? entry.metadata.key : undefined;
    if (typeof key === 'string') items.set(key, itemOf(entry));
  }
  return items;
}

/** A responses file: one `{"key": .., "response" | "error": ..}` per line. Unreadable lines are skipped. */
export function itemsFromJsonl(text: string): Map<string, BatchItem> {
  const items = new Map<string, BatchItem>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (isRecord(parsed) && typeof parsed.key === 'string') items.set(parsed.key, itemOf(parsed));
  }
  return items;
}

/** google.rpc.Code of a failed batch item, as the engine's error codes. */
function fromRpcStatus(status: RpcStatus): ProviderError {
  const said = status.message ?? 'no message';
  const fail = (code: ProviderError['code'], what: string): ProviderError => ({
    code,
    message: `${what} (batch item: ${said})`,
    retryable: false,
  });
  switch (status.code) {
    case 3:
      return fail('invalid_request', 'Gemini rejected the request');
    case 4:
      return fail('timeout', 'Gemini did not answer this request in time');
    case 5:
      return fail('model_not_found', 'Gemini did not find what the request named');
    case 7:
    case 16:
      return fail('api_key_rejected', 'Gemini refused the request (permission denied)');
    case 8:
      return fail('rate_limited', 'Gemini ran out of quota for this request');
    case 13:
    case 14:
      return fail('unavailable', 'Gemini failed to answer this request');
    default:
      return fail('bad_response', 'the batch request failed');
  }
}

/**
 * Maps one batch answer to the result the online provider would have given for `request`, with
 * costs at the batch price. A missing answer is an error, never a silent success.
 */
export async function mapBatchItem(
  item: BatchItem | undefined,
  request: ImageRequest,
  jobName: string,
  hashBytes?: HashBytes,
): Promise<Result<ImageCallResult, ProviderError>> {
  if (!item) {
    return err({
      code: 'bad_response',
      message: `batch job ${jobName} has no answer for this request`,
      retryable: false,
    });
  }
  if ('error' in item) return err(fromRpcStatus(item.error));
  const built = buildGeminiRequest(request);
  if (!built.ok) return built;
  const mapped = await mapGeminiResponse(item.response, {
    model: request.model,
    userTurn: built.value.userTurn,
    textAnswer: request.answer !== undefined,
    hashBytes,
  });
  if (mapped.ok) {
    return ok({
      ...mapped.value,
      costUsd: costFromUsage(request.model, mapped.value.usage, { batch: true }),
    });
  }
  const usage = mapped.error.usage;
  return err({
    ...mapped.error,
    retryable: false,
    ...(usage ? { costUsd: costFromUsage(request.model, usage, { batch: true }) } : {}),
  });
}
