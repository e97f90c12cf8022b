/**
 * Shared set-up for the provider integration tests: the fake Gemini server, the real provider
 * pointed at it, small workflows, a fast retry policy, and a TCP relay that reports when the
 * client closes its connection (to prove an abort reached the socket).
 */
import { createServer, Socket } from 'node:net';
import { nodeRegistry } from '../../nodes/registry';
import { MemoryAssetStore } from '../../src/engine/assets';
import type { RunEvent } from '../../src/engine/events';
import { type RunOptions, type RunResult, runWorkflow } from '../../src/engine/executor';
import { makeTestPng } from '../../src/engine/image/test-images';
import type { ImageProvider } from '../../src/engine/provider';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/engine/retry-policy';
import type { ImageValue } from '../../src/engine/values';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../src/engine/workflow';
import { createGeminiProvider } from '../../src/providers/gemini';
import { DEFAULT_API_KEY, type FakeGemini, startFakeGemini } from '../fake-gemini/server';

export { DEFAULT_API_KEY, type FakeGemini, startFakeGemini };

export function geminiFor(fake: { url: string }, apiKey = DEFAULT_API_KEY): ImageProvider {
  return createGeminiProvider({ apiKey, baseUrl: fake.url, apiVersion: 'v1beta' });
}

/** The engine's real policy with no jitter, so waits are exactly the floor the test asserts. */
export function fastPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, baseDelayMs: 20, maxDelayMs: 200, random: () => 0, ...overrides };
}

export const noSignal = (): AbortSignal => new AbortController().signal;

const at = (x: number) => ({ x, y: 0 });

export function node(id: string, type: string, params: Record<string, unknown>, x = 0): WorkflowNode {
  return { id, type, position: at(x), params };
}

export function edge(source: string, sourcePort: string, target: string, targetPort: string): WorkflowEdge {
  return { source, sourcePort, target, targetPort };
}

export function workflow(nodes: WorkflowNode[], edges: WorkflowEdge[]): Workflow {
  return { format: 'peel.workflow', version: 1, name: 'provider test', nodes, edges };
}

/** prompt → generate. */
export function generateWorkflow(prompt: string, params: Record<string, unknown> = {}, id = 'gen'): Workflow {
  return workflow(
    [
      node('p', 'prompt', { text: prompt }),
      node(id, 'generate', { model: 'gemini-3.1-flash-image', ...params }, 300),
    ],
    [edge('p', 'text', id, 'prompt')],
  );
}

/** Two independent prompt → generate branches. */
export function twoGenerates(promptA: string, promptB: string): Workflow {
  return workflow(
    [
      node('pa', 'prompt', { text: promptA }),
      node('a', 'generate', { model: 'gemini-3.1-flash-image' }, 300),
      node('pb', 'prompt', { text: promptB }),
      node('b', 'generate', { model: 'gemini-3.1-flash-image' }, 300),
    ],
    [edge('pa', 'text', 'a', 'prompt'), edge('pb', 'text', 'b', 'prompt')],
  );
}

/** prompt → generate → edit → edit, each edit continuing the conversation. */
export function generateEditEdit(model: string): Workflow {
  return workflow(
    [
      node('p', 'prompt', { text: 'a small wooden sailboat on a calm lake' }),
      node('gen', 'generate', { model, aspectRatio: '1:1' }, 300),
      node('e1', 'edit', { model, instruction: 'make the sail bright red' }, 600),
      node('e2', 'edit', { model, instruction: 'add a lighthouse on the far shore' }, 900),
    ],
    [
      edge('p', 'text', 'gen', 'prompt'),
      edge('gen', 'image', 'e1', 'image'),
      edge('e1', 'image', 'e2', 'image'),
    ],
  );
}

export interface RecordedRun {
  result: RunResult;
  events: RunEvent[];
}

export async function run(
  flow: Workflow,
  provider: ImageProvider,
  options: Partial<Omit<RunOptions, 'registry' | 'provider'>> = {},
): Promise<RecordedRun> {
  const events: RunEvent[] = [];
  const result = await runWorkflow(flow, {
    registry: nodeRegistry,
    provider,
    retryPolicy: fastPolicy(),
    assets: new MemoryAssetStore(),
    ...options,
    onEvent: (event) => events.push(event),
  });
  return { result, events };
}

export function referencePng(
  rgba: readonly [number, number, number, number],
  width = 3,
  height = 2,
): ImageValue {
  return new MemoryAssetStore().put(makeTestPng({ width, height, rgba }), 'image/png');
}

/** A TCP relay in front of the fake server that sees connections the client gives up on. */
export interface SocketWatch {
  url: string;
  /** Connections the client closed before the server had sent a single byte of its answer. */
  closedBeforeAnswer: number;
  close(): Promise<void>;
}

export async function watchSockets(target: { url: string }): Promise<SocketWatch> {
  const { hostname, port } = new URL(target.url);
  const sockets = new Set<Socket>();
  const watch: SocketWatch = { url: '', closedBeforeAnswer: 0, close: async () => {} };
  const server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    let answered = false;
    upstream.connect(Number(port), hostname);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      answered = true;
      client.write(chunk);
    });
    client.on('close', () => {
      if (!answered) watch.closedBeforeAnswer++;
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  watch.url = `http://127.0.0.1:${address.port}`;
  watch.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return watch;
}
