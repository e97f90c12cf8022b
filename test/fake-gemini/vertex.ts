/**
 * Vertex AI's generateContent paths on the same fake (shapes checked 2026-12-02 against the
 * @google/genai 2.32 source and cloud.google.com/vertex-ai/generative-ai/docs/model-reference):
 *   /{v1|v1beta1}/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent  (bearer token)
 *   /{v1|v1beta1}/publishers/google/models/{m}:generateContent                              (express key)
 * Auth: `Authorization: Bearer <accessToken>` on project paths; `x-goog-api-key` (or `?key=`) with
 * the Vertex key on express paths. Gemini 3 image models answer only in `global` (Google's model
 * pages list "Supported regions: global"); regional locations serve the 2.5 models.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RpcError, rpcError } from './errors';
import { writeGenerate } from './generate-http';
import { sendJson, sleep } from './http-util';
import { findModel } from './models';
import { decideGenerate } from './outcome';
import type { FakeState } from './state';
import type { FaultKind, RecordedRequest } from './types';

export const VERTEX_PATH =
  /^\/(v1|v1beta1)\/(?:projects\/([^/]+)\/locations\/([^/]+)\/)?publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const SERVICE = 'aiplatform.googleapis.com';

export function unauthenticated(reason: 'CREDENTIALS_MISSING' | 'ACCESS_TOKEN_EXPIRED'): RpcError {
  return rpcError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason,
        domain: 'googleapis.com',
        metadata: {
          service: SERVICE,
          method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent',
        },
      },
    ],
  );
}

export function permissionDenied(resource: string): RpcError {
  return rpcError(
    403,
    'PERMISSION_DENIED',
    `Permission 'aiplatform.endpoints.predict' denied on resource '//${SERVICE}/${resource}' (or it may not exist).`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'IAM_PERMISSION_DENIED',
        domain: 'aiplatform.googleapis.com',
        metadata: { permission: 'aiplatform.endpoints.predict', resource },
      },
    ],
  );
}

export function vertexKeyInvalid(): RpcError {
  const message = 'API key not valid. Please pass a valid API key.';
  return rpcError(400, 'INVALID_ARGUMENT', message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: SERVICE },
    },
  ]);
}

export function publisherModelNotFound(resource: string): RpcError {
  return rpcError(
    404,
    'NOT_FOUND',
    `Publisher Model \`${resource}\` was not found or your project does not have access to it. Please ensure you are using a valid model version.`,
  );
}

/** Vertex's 429 usually carries no RetryInfo; `retryDelaySeconds` on the fault adds one. */
export function vertexExhausted(retryDelaySeconds?: number): RpcError {
  return rpcError(
    429,
    'RESOURCE_EXHAUSTED',
    'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.',
    retryDelaySeconds === undefined
      ? undefined
      : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` }],
  );
}

/**
 * Served from the global location only, as the Gemini 3 Pro / 3.1 Flash image previews were on
 * Vertex. That the GA ids keep this, and that Flash-Lite Image is regional, is unverified.
 */
const GLOBAL_ONLY = new Set([
  'gemini-3-pro-image',
  'gemini-3.1-flash-image',
  'gemini-3-pro-image-preview',
  'gemini-3.1-flash-image-preview',
]);
const isGlobalOnly = (modelId: string) => GLOBAL_ONLY.has(modelId);

function header(req: IncomingMessage, name: string): string | undefined {
  const h = req.headers[name];
  return Array.isArray(h) ? h[0] : h;
}

/** Vertex-only fault kinds answered before the model runs. */
function vertexFault(
  kind: FaultKind | undefined,
  resource: string,
  retryDelaySeconds?: number,
): RpcError | undefined {
  if (kind === 'vertexUnauthenticated') return unauthenticated('ACCESS_TOKEN_EXPIRED');
  if (kind === 'vertexPermissionDenied') return permissionDenied(resource);
  if (kind === 'vertexExhausted') return vertexExhausted(retryDelaySeconds);
  return undefined;
}

export async function handleVertex(
  state: FakeState,
  match: RegExpExecArray,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: unknown,
): Promise<void> {
  const [, apiVersion = 'v1', project, location, modelId = '', rpc = 'generateContent'] = match;
  const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const apiKey = header(req, 'x-goog-api-key') ?? url.searchParams.get('key') ?? undefined;
  const recorded: RecordedRequest = {
    method: req.method ?? 'POST',
    path: req.url ?? '',
    model: modelId,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(bearer !== undefined ? { bearer } : {}),
    route: 'vertex',
    body,
    receivedAt: Date.now(),
  };
  state.requests.push(recorded);
  const fail = async (error: RpcError) => {
    await sleep(state.latencyMs);
    sendJson(res, error.status, error.body);
  };
  const resource = project
    ? `projects/${project}/locations/${location}/publishers/google/models/${modelId}`
    : `publishers/google/models/${modelId}`;
  if (project) {
    if (bearer === undefined) return fail(unauthenticated('CREDENTIALS_MISSING'));
    if (bearer !== state.accessToken) return fail(unauthenticated('ACCESS_TOKEN_EXPIRED'));
  } else if (apiKey === undefined) {
    return fail(unauthenticated('CREDENTIALS_MISSING'));
  } else if (apiKey !== state.vertexApiKey) {
    return fail(vertexKeyInvalid());
  }
  const peek = state.faults.peek(recorded);
  const early = vertexFault(peek?.kind, resource, peek?.retryDelaySeconds);
  if (early) {
    state.faults.take(recorded);
    return fail(early);
  }
  const spec = findModel(modelId);
  if (!spec || (location && location !== 'global' && isGlobalOnly(modelId))) {
    return fail(publisherModelNotFound(resource));
  }
  const stream = rpc === 'streamGenerateContent';
  const outcome = decideGenerate({
    modelId,
    apiVersion,
    rpc: stream ? 'StreamGenerateContent' : 'GenerateContent',
    body,
    recorded,
    faults: state.faults,
  });
  return writeGenerate(res, outcome, stream, state.latencyMs);
}
