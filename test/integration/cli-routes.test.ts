/**
 * `peel run --route gemini|vertex|openrouter` end to end against the fake server: every example
 * on every route, request shapes, costs, route switching from the cache, and refusals.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { costFromUsage, roundUsd } from '../../src/engine/cost';
import { routeModelId } from '../../src/engine/route-models';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const examples = resolve(__dirname, '../../examples');
const EXAMPLES = [
  'text-to-image.json',
  'product-scenes.json',
  'generate-edit-edit.json',
  'brand-mascot.json',
];
const TOKEN = 'test-token-456';
const VERTEX_KEY = 'test-vertex-key-789';
const OR_KEY = 'test-or-key-321';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

type Env = Record<string, string>;
const geminiEnv = (): Env => ({ GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url });
const vertexTokenEnv = (): Env => ({
  PEEL_ROUTE: 'vertex',
  GOOGLE_CLOUD_PROJECT: 'peel-test',
  GOOGLE_CLOUD_ACCESS_TOKEN: TOKEN,
  VERTEX_BASE_URL: fake.url,
});
const vertexExpressEnv = (): Env => ({
  PEEL_ROUTE: 'vertex',
  VERTEX_API_KEY: VERTEX_KEY,
  VERTEX_BASE_URL: fake.url,
});
const openrouterEnv = (): Env => ({
  PEEL_ROUTE: 'openrouter',
  OPENROUTER_API_KEY: OR_KEY,
  OPENROUTER_BASE_URL: `${fake.url}/api/v1`,
});

interface ExampleNode {
  id: string;
  type: string;
  params: { model?: string };
}
const modelNodes = (file: string): ExampleNode[] =>
  (JSON.parse(readFileSync(join(examples, file), 'utf8')) as { nodes: ExampleNode[] }).nodes.filter(
    (node) => typeof node.params.model === 'string',
  );

interface RunJson {
  route?: string;
  totals: { calls: number; cachedNodes: number; costUsd: number; route?: string };
  nodes: Array<{
    id: string;
    type: string;
    cached: boolean;
    costUsd: number;
    route?: string;
    usage: never;
    notes?: string[];
  }>;
}
const readRunJson = (dir: string): RunJson => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));

describe.each(EXAMPLES)('%s on every route', (file) => {
  const models = modelNodes(file);

  it('vertex (bearer token, global): project paths, bearer auth, Gemini ids, catalog prices', async () => {
    const cwd = tempDir();
    const out = await runCli(['run', join(examples, file), '--out', 'out'], { cwd, env: vertexTokenEnv() });
    expect(out.stderr.join('\n')).not.toMatch(/error/);
    expect(out.code).toBe(0);
    const calls = fake.generateRequests();
    expect(calls).toHaveLength(models.length);
    for (const call of calls) {
      expect(call.route).toBe('vertex');
      expect(call.bearer).toBe(TOKEN);
      expect(call.path).toMatch(
        /^\/v1\/projects\/peel-test\/locations\/global\/publishers\/google\/models\/[^/]+:generateContent$/,
      );
    }
    expect(calls.map((call) => call.model).sort()).toEqual(models.map((node) => node.params.model).sort());
    const run = readRunJson(join(cwd, 'out'));
    expect(run.route).toBe('vertex');
    expect(run.totals.route).toBe('vertex');
    let sum = 0;
    for (const node of models) {
      const record = run.nodes.find((n) => n.id === node.id);
      expect(record?.route).toBe('vertex');
      const expected = costFromUsage(node.params.model as string, record?.usage as never);
      expect(record?.costUsd).toBe(expected);
      sum += expected ?? 0;
    }
    expect(run.totals.costUsd).toBeCloseTo(roundUsd(sum), 6);
  });

  it('vertex (express key): publisher paths with the key header', async () => {
    const cwd = tempDir();
    const out = await runCli(['run', join(examples, file), '--out', 'out'], { cwd, env: vertexExpressEnv() });
    expect(out.code).toBe(0);
    const calls = fake.generateRequests();
    expect(calls).toHaveLength(models.length);
    for (const call of calls) {
      expect(call.path).toMatch(/^\/v1\/publishers\/google\/models\/[^/]+:generateContent$/);
      expect(call.apiKey).toBe(VERTEX_KEY);
    }
  });

  it('openrouter: chat completions with mapped ids, bearer key, attribution, cost from usage.cost', async () => {
    const cwd = tempDir();
    const out = await runCli(['run', join(examples, file), '--out', 'out'], { cwd, env: openrouterEnv() });
    expect(out.stderr.join('\n')).not.toMatch(/error/);
    expect(out.code).toBe(0);
    const calls = fake.generateRequests();
    expect(calls).toHaveLength(models.length);
    for (const call of calls) {
      expect(call.path).toBe('/api/v1/chat/completions');
      expect(call.bearer).toBe(OR_KEY);
      expect(call.headers?.['x-title']).toBe('Peel');
      expect((call.body as { modalities: string[] }).modalities).toEqual(['image', 'text']);
    }
    expect(calls.map((call) => call.model).sort()).toEqual(
      models.map((node) => routeModelId('openrouter', node.params.model as string)).sort(),
    );
    const run = readRunJson(join(cwd, 'out'));
    expect(run.totals.route).toBe('openrouter');
    const billed = calls.reduce((total, call) => total + (call.costUsd ?? Number.NaN), 0);
    expect(run.totals.costUsd).toBeCloseTo(billed, 5);
    const edits = run.nodes.filter((node) => node.type === 'edit');
    for (const edit of edits) expect(edit.notes).toEqual(['conversation not kept on this route']);
  });
});

describe('the route is not part of the cache key', () => {
  it.each(EXAMPLES)('%s: after a gemini run, vertex and openrouter runs make zero calls', async (file) => {
    const cwd = tempDir();
    const first = await runCli(['run', join(examples, file), '--out', 'a'], { cwd, env: geminiEnv() });
    expect(first.code).toBe(0);
    const paid = fake.generateRequests().length;
    expect(paid).toBe(modelNodes(file).length);
    for (const env of [vertexTokenEnv(), openrouterEnv(), vertexExpressEnv()]) {
      const again = await runCli(['run', join(examples, file), '--out', 'b'], { cwd, env });
      expect(again.code).toBe(0);
      expect(readRunJson(join(cwd, 'b')).totals).toMatchObject({ calls: 0, cachedNodes: paid, costUsd: 0 });
    }
    expect(fake.generateRequests()).toHaveLength(paid);
  });
});

describe('route settings from the command line and the environment', () => {
  const wf = join(examples, 'text-to-image.json');

  it('--dry-run names the route, endpoint host and credential kind, never the credential', async () => {
    const cwd = tempDir();
    const secretToken = `ya29.${'s'.repeat(40)}`;
    const vertex = await runCli(['run', wf, '--dry-run', '--route', 'vertex'], {
      cwd,
      env: {
        GOOGLE_CLOUD_PROJECT: 'acme',
        GOOGLE_CLOUD_LOCATION: 'europe-west4',
        GOOGLE_CLOUD_ACCESS_TOKEN: secretToken,
      },
    });
    expect(vertex.code).toBe(0);
    const text = vertex.stderr.join('\n');
    expect(text).toContain('route: vertex (Vertex AI); endpoint europe-west4-aiplatform.googleapis.com');
    expect(text).toContain(
      'bearer access token (GOOGLE_CLOUD_ACCESS_TOKEN); project acme, location europe-west4',
    );
    expect(text).not.toContain(secretToken);
    const or = await runCli(['run', wf, '--dry-run'], {
      cwd,
      env: { PEEL_ROUTE: 'openrouter', OPENROUTER_API_KEY: 'sk-or-v1-secretvalue' },
    });
    expect(or.stderr.join('\n')).toContain(
      'route: openrouter (OpenRouter); endpoint openrouter.ai; credential: OpenRouter API key',
    );
    expect(or.stderr.join('\n')).not.toContain('secretvalue');
    const express = await runCli(['run', wf, '--dry-run', '--route', 'vertex', '--json'], {
      cwd,
      env: { VERTEX_API_KEY: 'vk-secret' },
    });
    const plan = JSON.parse(express.stdout[0] ?? '{}');
    expect(plan.route).toMatchObject({ route: 'vertex', host: 'aiplatform.googleapis.com' });
    expect(express.stdout.join('\n')).not.toContain('vk-secret');
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('--route wins over PEEL_ROUTE; an unknown route exits 2', async () => {
    const cwd = tempDir();
    const both = await runCli(['run', wf, '--dry-run', '--route', 'gemini'], {
      cwd,
      env: { PEEL_ROUTE: 'openrouter' },
    });
    expect(both.stderr.join('\n')).toContain('route: gemini (Gemini API)');
    const bad = await runCli(['run', wf, '--dry-run', '--route', 'bedrock'], { cwd, env: {} });
    expect(bad.code).toBe(2);
    expect(bad.stderr.join('\n')).toContain('--route is gemini, vertex or openrouter, got "bedrock"');
  });

  it.each([
    ['vertex', {}, /GOOGLE_CLOUD_PROJECT/],
    [
      'vertex',
      { GOOGLE_CLOUD_PROJECT: 'p', CLOUDSDK_CONFIG: '/nonexistent-peel-gcloud' },
      /VERTEX_API_KEY.*GOOGLE_CLOUD_ACCESS_TOKEN/,
    ],
    ['openrouter', {}, /OPENROUTER_API_KEY is not set/],
  ] as const)(
    'missing %s credentials exit 2 before any call, naming the variables',
    async (route, env, words) => {
      const cwd = tempDir();
      const out = await runCli(['run', wf, '--route', route], { cwd, env: { ...env } });
      expect(out.code).toBe(2);
      expect(out.stderr.join('\n')).toMatch(words);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('--batch-api exits 2 on vertex and openrouter and says why; plain --batch works there', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'rows.csv'), 'prompt\na red fox\na blue whale\n');
    const vertex = await runCli(['run', wf, '--batch', 'rows.csv', '--batch-api', '--route', 'vertex'], {
      cwd,
      env: vertexTokenEnv(),
    });
    expect(vertex.code).toBe(2);
    expect(vertex.stderr.join('\n')).toMatch(/Cloud Storage or BigQuery/);
    const or = await runCli(['run', wf, '--batch', 'rows.csv', '--batch-api'], { cwd, env: openrouterEnv() });
    expect(or.code).toBe(2);
    expect(or.stderr.join('\n')).toMatch(/OpenRouter has no batch API/);
    expect(fake.requests).toHaveLength(0);
    const plain = await runCli(['run', wf, '--batch', 'rows.csv', '--out', 'out'], {
      cwd,
      env: openrouterEnv(),
    });
    expect(plain.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(2);
    expect(readRunJson(join(cwd, 'out')).totals.route).toBe('openrouter');
  });
});
