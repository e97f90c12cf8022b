/**
 * Test/e2e control endpoints (no key needed):
 *   POST /__fake/faults   JSON FaultRule (+ optional matchPromptIncludes / matchModel), or an array of them;
 *                         rawError takes raw: { status?, contentType?, body } and answers with exactly that
 *   DELETE /__fake/faults clear faults;  GET /__fake/faults  list rules with uses left
 *   POST /__fake/models   {"add": [ids]} serve models the catalog lacks (cleared by reset)
 *   POST /__fake/reset    clear requests, faults, batches, files, added models
 *   POST /__fake/latency  {"ms": n}
 *   GET /__fake/requests  recorded requests, inlineData.data replaced by its length
 */
import type { ServerResponse } from 'node:http';
import { matcherFromJson } from './faults';
import { sendJson } from './http-util';
import { asArray, asRecord, isRecord, shrinkInlineData } from './json';
import { addExtraModel, clearExtraModels } from './models';
import type { FakeState } from './state';
import { type FaultRule, isFaultKind } from './types';

function ruleFromJson(value: unknown): FaultRule | string {
  const o = asRecord(value);
  if (!isFaultKind(o.kind)) return `unknown fault kind ${JSON.stringify(o.kind)}`;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const raw = isRecord(o.raw) && typeof o.raw.body === 'string' ? o.raw : undefined;
  return {
    ...(raw
      ? {
          raw: {
            body: raw.body as string,
            status: num(raw.status),
            contentType: typeof raw.contentType === 'string' ? raw.contentType : undefined,
          },
        }
      : {}),
    kind: o.kind,
    times: num(o.times),
    retryDelaySeconds: num(o.retryDelaySeconds),
    delayMs: num(o.delayMs),
    match: matcherFromJson(o),
  };
}

export function handleControl(
  state: FakeState,
  method: string,
  path: string,
  body: unknown,
  res: ServerResponse,
) {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'POST /__fake/faults': {
      const rules = (Array.isArray(body) ? asArray(body) : [body]).map(ruleFromJson);
      const bad = rules.find((r): r is string => typeof r === 'string');
      if (bad !== undefined) return sendJson(res, 400, { error: bad });
      for (const r of rules) if (typeof r !== 'string') state.faults.add(r);
      return sendJson(res, 200, { faults: state.faults.list() });
    }
    case 'GET /__fake/faults':
      return sendJson(res, 200, { faults: state.faults.list() });
    case 'DELETE /__fake/faults':
      state.faults.clear();
      return sendJson(res, 200, { faults: [] });
    case 'POST /__fake/models': {
      // {"add": ["gemini-x-image"]}: models Google would list that the catalog lacks.
      const add = isRecord(body) ? asArray(body.add) : [];
      if (add.length === 0 || add.some((id) => typeof id !== 'string'))
        return sendJson(res, 400, { error: 'expected {"add": ["model-id", ...]}' });
      for (const id of add) addExtraModel(id as string);
      return sendJson(res, 200, { added: add });
    }
    case 'POST /__fake/reset':
      clearExtraModels();
      state.reset();
      return sendJson(res, 200, { ok: true });
    case 'POST /__fake/latency': {
      const ms = isRecord(body) ? Number(body.ms) : Number.NaN;
      if (!Number.isFinite(ms) || ms < 0)
        return sendJson(res, 400, { error: 'expected {"ms": number >= 0}' });
      state.latencyMs = ms;
      return sendJson(res, 200, { latencyMs: ms });
    }
    case 'GET /__fake/requests':
      return sendJson(res, 200, shrinkInlineData(state.requests));
    default:
      return sendJson(res, 404, { error: `no control endpoint ${route}` });
  }
}
