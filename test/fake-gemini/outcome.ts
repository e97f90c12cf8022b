/** Decides the answer to one generate request (HTTP or batch item): fault, error or success. */
import {
  apiKeyInvalid,
  internal,
  invalidArgument,
  modelNotFound,
  overloaded,
  quotaExceeded,
  type RpcError,
  referrerBlocked,
  serviceBlocked,
} from './errors';
import type { FaultQueue } from './faults';
import { asArray, asRecord } from './json';
import { findModel } from './models';
import { isRpcError, readGenerateRequest } from './request';
import {
  type GenerateBody,
  type GenerateContext,
  imageSafetyBody,
  noImageBody,
  promptBlockBody,
  requestHash,
  successBody,
  textOnlyBody,
} from './responses';
import { textAnswer, textAnswerBody } from './text-answers';
import type { FaultKind, FaultRule, RecordedRequest } from './types';

export type Outcome =
  | { kind: 'ok'; answer: GenerateBody; delayMs: number; resetMidBody?: boolean }
  | { kind: 'error'; error: RpcError; delayMs: number }
  | { kind: 'raw'; status: number; contentType: string; body: string; delayMs: number }
  | { kind: 'hang' };

export interface GenerateCall {
  modelId: string;
  apiVersion: string;
  /** RPC name for error texts: GenerateContent, StreamGenerateContent or BatchGenerateContent. */
  rpc: string;
  body: unknown;
  recorded: RecordedRequest;
  faults: FaultQueue;
}

function errorFault(kind: FaultKind, rule: FaultRule, call: GenerateCall): RpcError | undefined {
  switch (kind) {
    case 'rateLimit':
      return quotaExceeded(call.modelId, false, rule.retryDelaySeconds ?? 1);
    case 'dailyQuota':
      return quotaExceeded(call.modelId, true, rule.retryDelaySeconds ?? 20000);
    case 'unavailable503':
      return overloaded();
    case 'internal500':
      return internal();
    case 'apiKeyInvalid':
      return apiKeyInvalid();
    case 'referrerBlocked':
      return referrerBlocked();
    case 'serviceBlocked':
      return serviceBlocked(call.apiVersion, call.rpc);
    case 'notFound':
      return modelNotFound(call.modelId, call.apiVersion);
    default:
      return undefined;
  }
}

function bodyFault(kind: FaultKind, ctx: GenerateContext): GenerateBody | undefined {
  switch (kind) {
    case 'imageSafety':
      return imageSafetyBody(ctx);
    case 'noImage':
      return noImageBody(ctx);
    case 'promptBlock':
      return promptBlockBody(ctx);
    case 'textOnly':
      return textOnlyBody(ctx);
    case 'badBase64':
      return successBody(ctx, { badBase64: true });
    default:
      return undefined;
  }
}

/**
 * Order: a fault answering with an error status (or hang) wins; then unknown model (404);
 * then validation (400); then 200-status faults; then success. A 200-status fault is
 * consumed even when the request then fails validation, as a real call would be counted.
 */
export function decideGenerate(call: GenerateCall): Outcome {
  const rule = call.faults.take(call.recorded);
  const delayMs = rule?.delayMs ?? 0;
  if (rule?.kind === 'hang') return { kind: 'hang' };
  if (rule?.kind === 'rawError') {
    const raw = rule.raw ?? { body: '' };
    return {
      kind: 'raw',
      status: raw.status ?? 500,
      contentType: raw.contentType ?? 'text/plain',
      body: raw.body,
      delayMs,
    };
  }
  const faultError = rule ? errorFault(rule.kind, rule, call) : undefined;
  if (faultError) return { kind: 'error', error: faultError, delayMs };
  const spec = findModel(call.modelId);
  if (!spec) return { kind: 'error', error: modelNotFound(call.modelId, call.apiVersion), delayMs };
  if (spec.kind === 'text' && asksForImage(call.body)) {
    // Wording not confirmed against the real API (see README); the status and shape are.
    return {
      kind: 'error',
      error: invalidArgument('Model does not support the requested response modalities: image'),
      delayMs,
    };
  }
  const info = readGenerateRequest(call.body, call.modelId, spec);
  if (isRpcError(info)) return { kind: 'error', error: info, delayMs };
  const ctx: GenerateContext = {
    modelId: call.modelId,
    spec,
    info,
    hash: requestHash(call.modelId, call.body),
  };
  const faulty = rule ? bodyFault(rule.kind, ctx) : undefined;
  if (faulty) return { kind: 'ok', answer: faulty, delayMs };
  if (spec.kind === 'text') {
    const text = textAnswer(call.body, ctx);
    if (typeof text !== 'string') return { kind: 'error', error: text, delayMs };
    return { kind: 'ok', answer: textAnswerBody(ctx, text), delayMs };
  }
  return { kind: 'ok', answer: successBody(ctx), delayMs, resetMidBody: rule?.kind === 'resetMidBody' };
}

function asksForImage(body: unknown): boolean {
  const config = asRecord(asRecord(body).generationConfig);
  return asArray(config.responseModalities).some((m) => String(m).toUpperCase() === 'IMAGE');
}
