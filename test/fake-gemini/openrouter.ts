/**
 * OpenRouter's chat completions for Gemini image models, and its OAuth PKCE endpoints, on the
 * same fake. Shapes read on 2026-12-02 from openrouter.ai/docs (image-generation, usage
 * accounting, errors-and-debugging, oauth); see README for what could not be confirmed.
 *   POST /api/v1/chat/completions   Authorization: Bearer <openrouterKey>
 *   GET  /auth?callback_url=&code_challenge=&code_challenge_method=S256  redirects back with ?code=
 *   POST /api/v1/auth/keys  { code, code_verifier, code_challenge_method }  ->  { key, user_id }
 * The answer is made by the Gemini fake (same images, thought parts dropped) and re-shaped.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { catalogModel } from '../../src/engine/catalog';
import { commonHeaders, sendJson, sleep } from './http-util';
import { asArray, asRecord, asString, isRecord, type Json } from './json';
import { findModel } from './models';
import { decideGenerate } from './outcome';
import type { FakeState } from './state';
import type { FaultKind, RecordedRequest } from './types';

export const OPENROUTER_CHAT = /^\/api\/v1\/chat\/completions$/;
export const OPENROUTER_KEYS = /^\/api\/v1\/auth\/keys$/;
export const OPENROUTER_AUTH = /^\/auth$/;

/** USD per 1M tokens: the catalog's list prices plus 5%, so tests can tell usage.cost from token math. */
function pricesOf(modelId: string): { input: number; text: number; image: number } {
  const prices = catalogModel(modelId)?.prices;
  return {
    input: (prices?.inputPerMillion ?? 0) * 1.05,
    text: (prices?.textOutputPerMillion ?? 0) * 1.05,
    image: (prices?.imageOutputPerMillion ?? 0) * 1.05,
  };
}

const errorBody = (code: number, message: string, metadata?: Json): Json => ({
  error: { code, message, ...(metadata ? { metadata } : {}) },
});

const FAULT_ERRORS: Partial<Record<FaultKind, { status: number; body: Json }>> = {
  orUnauthorized: { status: 401, body: errorBody(401, 'User not found.') },
  orCredits: {
    status: 402,
    body: errorBody(402, 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', {
      limit_source: 'openrouter_credits',
    }),
  },
  orModeration: {
    status: 403,
    body: errorBody(403, 'Input was flagged by moderation', {
      reasons: ['violence'],
      flagged_input: 'a pict...',
      provider_name: 'Google',
      model_slug: 'google/gemini',
    }),
  },
  orTimeout: { status: 408, body: errorBody(408, 'Request timed out') },
  orRateLimit: { status: 429, body: errorBody(429, 'Rate limit exceeded: too many requests') },
  orBadGateway: { status: 502, body: errorBody(502, 'Provider returned error', { provider_name: 'Google' }) },
  orNoProvider: {
    status: 503,
    body: errorBody(503, 'No allowed providers are available for the selected model.'),
  },
  // Errors once the model started come with HTTP 200 (docs: errors-and-debugging).
  orErrorIn200: {
    status: 200,
    body: errorBody(502, 'Provider returned error', { provider_name: 'Google AI Studio' }),
  },
};

function header(req: IncomingMessage, name: string): string | undefined {
  const h = req.headers[name];
  return Array.isArray(h) ? h[0] : h;
}

/** OpenRouter content parts to Gemini parts; undefined when a part is malformed. */
function toGeminiParts(content: unknown): Json[] | string {
  if (typeof content === 'string') return [{ text: content }];
  const parts: Json[] = [];
  for (const raw of asArray(content)) {
    const part = asRecord(raw);
    if (part.type === 'text' && typeof part.text === 'string') parts.push({ text: part.text });
    else if (part.type === 'image_url') {
      const url = asString(asRecord(part.image_url).url) ?? '';
      const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
      if (!m) return 'image_url must be a base64 data URL in this fake';
      parts.push({ inlineData: { mimeType: m[1], data: m[2] } });
    } else return `unsupported content part type ${JSON.stringify(part.type)}`;
  }
  return parts;
}

function reshape(gemini: Json, modelRoute: string, modelId: string): { body: Json; cost: number } {
  const candidate = asRecord(asArray(gemini.candidates)[0]);
  const parts = asArray(asRecord(candidate.content).parts).map(asRecord);
  const images = parts
    .filter((p) => isRecord(p.inlineData) && p.thought !== true)
    .map((p) => {
      const data = asRecord(p.inlineData);
      return {
        type: 'image_url',
        image_url: { url: `data:${asString(data.mimeType)};base64,${asString(data.data)}` },
      };
    });
  const text = parts
    .filter((p) => typeof p.text === 'string' && p.thought !== true)
    .map((p) => p.text as string)
    .join('');
  const u = asRecord(gemini.usageMetadata);
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const imageTokens = asArray(u.candidatesTokensDetails)
    .map(asRecord)
    .filter((d) => d.modality === 'IMAGE')
    .reduce((sum, d) => sum + n(d.tokenCount), 0);
  const reasoning = n(u.thoughtsTokenCount);
  const prompt = n(u.promptTokenCount);
  const completion = n(u.candidatesTokenCount) + reasoning;
  const price = pricesOf(modelId);
  const cost =
    Math.round(
      ((prompt * price.input + imageTokens * price.image + (completion - imageTokens) * price.text) /
        1_000_000) *
        1e9,
    ) / 1e9;
  const native = asString(candidate.finishReason) ?? 'STOP';
  const finish = native === 'STOP' ? 'stop' : /SAFETY|PROHIBITED/.test(native) ? 'content_filter' : 'stop';
  return {
    cost,
    body: {
      id: `gen-${Math.floor(Date.now() / 1000)}-${randomBytes(10).toString('base64url')}`,
      provider: 'Google AI Studio',
      model: modelRoute,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      choices: [
        {
          logprobs: null,
          finish_reason: finish,
          native_finish_reason: native,
          index: 0,
          message: {
            role: 'assistant',
            content: text,
            refusal: null,
            reasoning: null,
            ...(images.length > 0 ? { images } : {}),
          },
        },
      ],
      usage: {
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: prompt + completion,
        cost,
        is_byok: false,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        cost_details: { upstream_inference_cost: null },
        completion_tokens_details: { reasoning_tokens: reasoning, image_tokens: imageTokens },
      },
    },
  };
}

export async function handleOpenRouterChat(
  state: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const request = asRecord(body);
  const modelRoute = asString(request.model) ?? '';
  const headers: Record<string, string> = {};
  for (const name of ['http-referer', 'x-title', 'x-openrouter-title', 'content-type']) {
    const value = header(req, name);
    if (value !== undefined) headers[name] = value;
  }
  const recorded: RecordedRequest = {
    method: req.method ?? 'POST',
    path: req.url ?? '',
    model: modelRoute,
    ...(bearer !== undefined ? { bearer } : {}),
    route: 'openrouter',
    headers,
    body,
    receivedAt: Date.now(),
  };
  state.requests.push(recorded);
  const reply = async (status: number, json: Json, extra: Record<string, string> = {}) => {
    await sleep(state.latencyMs);
    sendJson(res, status, json, extra);
  };
  if (bearer === undefined) return reply(401, errorBody(401, 'No auth credentials found'));
  if (bearer !== state.openrouterKey) return reply(401, errorBody(401, 'User not found.'));
  const rule = state.faults.peek(recorded);
  const faulty = rule ? FAULT_ERRORS[rule.kind] : undefined;
  if (rule && faulty) {
    state.faults.take(recorded);
    const retryAfter = rule.kind === 'orRateLimit' && rule.retryDelaySeconds !== undefined;
    return reply(
      faulty.status,
      faulty.body,
      retryAfter ? { 'Retry-After': String(rule.retryDelaySeconds) } : {},
    );
  }
  const geminiId = modelRoute.startsWith('google/') ? modelRoute.slice('google/'.length) : '';
  const spec = findModel(geminiId);
  if (!spec) return reply(400, errorBody(400, `${modelRoute} is not a valid model ID`));
  const messages = asArray(request.messages).map(asRecord);
  const contents: Json[] = [];
  for (const message of messages) {
    const parts = toGeminiParts(message.content);
    if (typeof parts === 'string') return reply(400, errorBody(400, parts));
    contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts });
  }
  const modalities = asArray(request.modalities);
  if (!modalities.includes('image')) {
    return reply(
      400,
      errorBody(400, 'this fake only answers image requests: send modalities ["image","text"]'),
    );
  }
  const config = asRecord(request.image_config);
  const imageConfig: Json = {};
  if (typeof config.aspect_ratio === 'string') imageConfig.aspectRatio = config.aspect_ratio;
  if (typeof config.image_size === 'string') imageConfig.imageSize = config.image_size;
  const geminiBody: Json = {
    contents,
    generationConfig: {
      responseModalities: modalities.includes('text') ? ['TEXT', 'IMAGE'] : ['IMAGE'],
      ...(Object.keys(imageConfig).length > 0 ? { imageConfig } : {}),
    },
  };
  const outcome = decideGenerate({
    modelId: geminiId,
    apiVersion: 'v1beta',
    rpc: 'GenerateContent',
    body: geminiBody,
    recorded,
    faults: state.faults,
  });
  if (outcome.kind === 'hang') return;
  await sleep(outcome.delayMs);
  if (outcome.kind === 'error') {
    const status = outcome.error.status;
    return reply(
      status,
      errorBody(status, outcome.error.body.error.message, { provider_name: 'Google AI Studio' }),
    );
  }
  if (outcome.kind === 'raw') {
    // A test-given body (the rawError fault), sent exactly as given.
    res.writeHead(outcome.status, { 'content-type': outcome.contentType });
    res.end(outcome.body);
    return;
  }
  const { body: answer, cost } = reshape(outcome.answer.body, modelRoute, geminiId);
  recorded.costUsd = cost;
  return reply(200, answer);
}

/** The consent page: the fake user always approves and is sent back with a one-time code. */
export function handleOpenRouterAuth(state: FakeState, url: URL, res: ServerResponse): void {
  const callback = url.searchParams.get('callback_url');
  if (!callback) {
    sendJson(res, 400, errorBody(400, 'callback_url is required'));
    return;
  }
  const code = randomBytes(12).toString('base64url');
  state.oauthCodes.set(code, {
    challenge: url.searchParams.get('code_challenge') ?? '',
    method: url.searchParams.get('code_challenge_method') ?? 'plain',
  });
  const target = new URL(callback);
  target.searchParams.set('code', code);
  res.writeHead(302, commonHeaders({ Location: target.toString() }));
  res.end();
}

export function handleOpenRouterKeys(state: FakeState, body: unknown, res: ServerResponse): void {
  const request = asRecord(body);
  const code = asString(request.code) ?? '';
  const verifier = asString(request.code_verifier) ?? '';
  const issued = state.oauthCodes.get(code);
  if (!issued) {
    sendJson(res, 403, errorBody(403, 'Invalid code'));
    return;
  }
  state.oauthCodes.delete(code);
  const expected =
    issued.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  if (issued.challenge !== '' && expected !== issued.challenge) {
    sendJson(res, 403, errorBody(403, 'Invalid code_verifier'));
    return;
  }
  sendJson(res, 200, { key: state.openrouterKey, user_id: 'user_fake' });
}
