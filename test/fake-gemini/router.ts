/** Routes one HTTP request of the fake Gemini REST API. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControl } from './control';
import { apiKeyInvalid, invalidArgument, modelNotFound, unregisteredCaller } from './errors';
import { writeGenerate } from './generate-http';
import { isGone, preflight, readBody, sendHtml404, sendJson, sleep } from './http-util';
import { findModel, listModelsPage, modelInfo } from './models';
import {
  handleOpenRouterAuth,
  handleOpenRouterChat,
  handleOpenRouterKeys,
  OPENROUTER_AUTH,
  OPENROUTER_CHAT,
  OPENROUTER_KEYS,
} from './openrouter';
import { decideGenerate } from './outcome';
import type { FakeState } from './state';
import type { RecordedRequest } from './types';
import { handleVertex, VERTEX_PATH } from './vertex';

const V = '(v1beta|v1|v1alpha)';
const ROUTES = {
  generate: new RegExp(
    `^/${V}/models/([^/:]+):(generateContent|streamGenerateContent|batchGenerateContent)$`,
  ),
  model: new RegExp(`^/${V}/models/([^/:]+)$`),
  models: new RegExp(`^/${V}/models$`),
  batches: new RegExp(`^/${V}/batches$`),
  batch: new RegExp(`^/${V}/batches/([^/:]+)$`),
  batchCancel: new RegExp(`^/${V}/batches/([^/:]+):cancel$`),
  uploadFiles: new RegExp(`^/upload/${V}/files$`),
  files: new RegExp(`^/${V}/files$`),
  file: new RegExp(`^/${V}/files/([^/:]+)$`),
  download: new RegExp(`^(?:/download)?/${V}/files/([^/:]+):download$`),
};

function parseBody(raw: Buffer, req: IncomingMessage): { ok: true; value: unknown } | { ok: false } {
  if (raw.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) };
  } catch {
    const type = String(req.headers['content-type'] ?? '');
    return type.includes('json') ? { ok: false } : { ok: true, value: { byteLength: raw.length } };
  }
}

function keyOf(req: IncomingMessage, url: URL): string | undefined {
  const h = req.headers['x-goog-api-key'];
  return (Array.isArray(h) ? h[0] : h) ?? url.searchParams.get('key') ?? undefined;
}

export async function route(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.on('error', () => {});
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return preflight(req, res);
  const url = new URL(req.url ?? '/', 'http://fake.local');
  const path = url.pathname;
  const raw = await readBody(req);
  const isUploadSession = ROUTES.uploadFiles.test(path) && url.searchParams.has('upload_id');
  const parsed = isUploadSession
    ? { ok: true as const, value: { byteLength: raw.length } }
    : parseBody(raw, req);
  const body = parsed.ok ? parsed.value : undefined;
  if (path.startsWith('/__fake/')) return handleControl(state, method, path, body, res);
  if (!parsed.ok && (VERTEX_PATH.test(path) || OPENROUTER_CHAT.test(path))) {
    return sendJson(res, 400, invalidArgument('Invalid JSON payload received. Unexpected token.').body);
  }
  const vertex = method === 'POST' ? VERTEX_PATH.exec(path) : null;
  if (vertex) return handleVertex(state, vertex, req, res, url, body);
  if (method === 'POST' && OPENROUTER_CHAT.test(path)) return handleOpenRouterChat(state, req, res, body);
  if (method === 'GET' && OPENROUTER_AUTH.test(path)) return handleOpenRouterAuth(state, url, res);
  if (method === 'POST' && OPENROUTER_KEYS.test(path)) return handleOpenRouterKeys(state, body, res);

  const gen = ROUTES.generate.exec(path);
  const modelInPath = gen?.[2] ?? ROUTES.model.exec(path)?.[2];
  const apiKey = keyOf(req, url);
  const recorded: RecordedRequest = {
    method,
    path: req.url ?? path,
    ...(modelInPath !== undefined ? { model: modelInPath } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    body,
    receivedAt: Date.now(),
  };
  state.requests.push(recorded);

  if (!isUploadSession) {
    // The upload session URL itself authorises the upload; everything else needs the key.
    const authError =
      apiKey === undefined ? unregisteredCaller() : apiKey !== state.apiKey ? apiKeyInvalid() : undefined;
    if (authError) {
      await sleep(state.latencyMs);
      return sendJson(res, authError.status, authError.body);
    }
  }
  if (!parsed.ok) {
    await sleep(state.latencyMs);
    return sendJson(res, 400, invalidArgument('Invalid JSON payload received. Unexpected token.').body);
  }

  if (gen && method === 'POST') {
    const [, apiVersion = 'v1beta', modelId = '', rpc = ''] = gen;
    if (rpc === 'batchGenerateContent') {
      await sleep(state.latencyMs);
      const hold = state.batchCreateHold;
      // Held by the test: as at Google, a create goes on whether or not its caller is still there.
      if (hold?.mode === 'land-on-release') await hold.released;
      if (hold?.dropped) return void res.destroy();
      const out = state.batches.create(modelId, apiVersion, body, apiKey, raw.length);
      if (hold?.mode === 'answer-never') await hold.released;
      return sendJson(res, out.status, out.body);
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

  await sleep(state.latencyMs);
  if (isGone(res)) return;
  return routeResources(state, method, path, url, body, raw, req, res);
}

function routeResources(
  state: FakeState,
  method: string,
  path: string,
  url: URL,
  body: unknown,
  raw: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const q = url.searchParams;
  const reply = (out: { status: number; body: unknown }) => sendJson(res, out.status, out.body);
  const at = (re: RegExp, verb: string) => (method === verb ? re.exec(path) : null);

  const model = at(ROUTES.model, 'GET');
  if (model) {
    const [, v = 'v1beta', id = ''] = model;
    const spec = findModel(id);
    return spec ? sendJson(res, 200, modelInfo(id, spec)) : reply(modelNotFound(id, v));
  }
  if (at(ROUTES.models, 'GET')) {
    return sendJson(res, 200, listModelsPage(q.get('pageSize'), q.get('pageToken')));
  }
  if (at(ROUTES.batches, 'GET')) return reply(state.batches.list(q));
  const batchGet = at(ROUTES.batch, 'GET');
  if (batchGet) return reply(state.batches.get(batchGet[2] ?? ''));
  const batchDelete = at(ROUTES.batch, 'DELETE');
  if (batchDelete) return reply(state.batches.remove(batchDelete[2] ?? ''));
  const cancel = at(ROUTES.batchCancel, 'POST');
  if (cancel) return reply(state.batches.cancel(cancel[2] ?? ''));
  const upload = at(ROUTES.uploadFiles, 'POST');
  if (upload) {
    const uploadId = q.get('upload_id');
    if (uploadId) return state.files.upload(req, res, uploadId, raw);
    return state.files.start(req, res, body, upload[1] ?? 'v1beta');
  }
  if (at(ROUTES.files, 'GET')) return state.files.list(res, q);
  const fileGet = at(ROUTES.file, 'GET');
  if (fileGet) return state.files.getResource(res, fileGet[2] ?? '');
  const fileDelete = at(ROUTES.file, 'DELETE');
  if (fileDelete) return state.files.remove(res, fileDelete[2] ?? '');
  const download = at(ROUTES.download, 'GET');
  if (download) return state.files.download(res, download[2] ?? '', q);
  return sendHtml404(res, path);
}
