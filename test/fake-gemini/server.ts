/**
 * A wire-faithful fake of the Gemini REST API (generateContent, streamGenerateContent,
 * models, batches, files) on 127.0.0.1, for driving the real @google/genai SDK in tests:
 *   new GoogleGenAI({ apiKey, apiVersion: 'v1beta', httpOptions: { baseUrl: fake.url } })
 * Bodies follow the real samples in /work/shared/gemini-wire-samples.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { send } from './http-util';
import { addExtraModel, clearExtraModels } from './models';
import { route } from './router';
import { FakeState, isGenerateCall } from './state';
import type { FakeGemini, FakeGeminiOptions } from './types';

export type {
  BatchCreateHoldMode,
  FakeGemini,
  FakeGeminiOptions,
  FaultKind,
  FaultRule,
  RecordedRequest,
} from './types';
export { FAULT_KINDS, isFaultKind } from './types';

export const DEFAULT_API_KEY = 'test-key-123';

function crash(res: ServerResponse, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  send(
    res,
    500,
    JSON.stringify({ error: { code: 500, message: `fake-gemini bug: ${message}`, status: 'INTERNAL' } }),
    'application/json',
  );
}

export async function startFakeGemini(opts: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const state = new FakeState(opts.apiKey ?? DEFAULT_API_KEY, opts.latencyMs ?? 0, {
    accessToken: opts.accessToken,
    vertexApiKey: opts.vertexApiKey,
    openrouterKey: opts.openrouterKey,
  });
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(state, req, res).catch((err: unknown) => crash(res, err));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;

  return {
    url: state.url,
    requests: state.requests,
    generateRequests: () => state.requests.filter(isGenerateCall),
    addFault: (rule) => state.faults.add(rule),
    clearFaults: () => state.faults.clear(),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    reset: () => {
      clearExtraModels();
      state.reset();
    },
    addModels: (ids) => {
      for (const id of ids) addExtraModel(id);
    },
    holdBatchCreates: (mode) => state.holdBatchCreates(mode),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung requests and keep-alive connections would keep close() waiting forever.
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      }),
  };
}
