/**
 * The no-key-leak property, carried past the provider's messages to everything written or shown:
 * a key pasted into a CSV cell, or echoed back by a server inside a successful answer, must not
 * reach run.json, the cache folder, --json lines, stderr, events, or an exported image's
 * embedded workflow. The key is any length: a short one is known exactly and removed too.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { exportWorkflowJson } from '../../../src/engine/export';
import { extractWorkflowText } from '../../../src/engine/image/embedded-workflow';
import type { Workflow } from '../../../src/engine/workflow';
import { createGeminiProvider } from '../../../src/providers/gemini';
import { startFakeGemini } from '../../fake-gemini/server';
import { runCli, tempDir } from '../../helpers/cli';
import { tinyPng } from '../../helpers/tiny-png';

/** What the server answers: a real success body whose text part repeats `echo`. */
let echo = '';
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          candidates: [
            {
              content: {
                role: 'model',
                parts: [
                  { text: `Here you go. Your key is ${echo}; as JSON ${JSON.stringify({ key: echo })}` },
                  { inlineData: { mimeType: 'image/png', data: Buffer.from(tinyPng(7)).toString('base64') } },
                ],
              },
              finishReason: 'STOP',
            },
          ],
          usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1300, totalTokenCount: 1310 },
          modelVersion: 'gemini-2.5-flash-image',
        }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

/**
 * Keys of any length, including short ones. The "k-" prefix keeps a key from matching field
 * names or numbers by chance, so a hit is a real leak.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
const anyLengthKey = fc
  .array(fc.constantFrom(...ALNUM), { minLength: 4, maxLength: 40 })
  .map((chars) => `k-${chars.join('')}`);

const leaks = (text: string, key: string) =>
  text.includes(key) || text.includes(JSON.stringify(key).slice(1, -1));

const flow: Workflow = {
  format: 'peel.workflow',
  version: 1,
  name: 'leak',
  nodes: [
    { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a cat' }, exposeAs: 'prompt' },
    { id: 'g', type: 'generate', position: { x: 1, y: 0 }, params: {} },
    { id: 'out', type: 'export', position: { x: 2, y: 0 }, params: { filename: 'img-{row}-{n}' } },
  ],
  edges: [
    { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
    { source: 'g', sourcePort: 'image', target: 'out', targetPort: 'images' },
  ],
};

/** Every text file under `dir`, recursively (the cache's entries, run.json). */
function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(json|jsonl)$/.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

describe('no key in anything written or shown', () => {
  it('a server echoing the key in a successful answer: events, results and cache entries hold no key', async () => {
    await fc.assert(
      fc.asyncProperty(anyLengthKey, async (key) => {
        echo = key;
        const events: RunEvent[] = [];
        const cache = new MemoryCache();
        const result = await runWorkflow(flow, {
          registry: nodeRegistry,
          provider: createGeminiProvider({ apiKey: key, baseUrl }),
          assets: new MemoryAssetStore(),
          cache,
          onEvent: (event) => events.push(event),
        });
        expect(result.status).toBe('ok');
        const text = result.nodes.get('g')?.outputs?.text;
        expect(typeof text === 'string' && text.includes('Your key is')).toBe(true);
        const seen = JSON.stringify({
          events,
          nodes: [...result.nodes.entries()],
          cache: [...cache.entries.values()],
        });
        expect(leaks(seen, key)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('peel run --batch with the key in a CSV cell and echoed by the server: run.json, cache, --json, stderr and exported images hold no key', async () => {
    const examples = resolve(__dirname, '../../../examples');
    expect(readdirSync(examples).length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(anyLengthKey, fc.boolean(), async (key, json) => {
        echo = key;
        const cwd = tempDir('peel-leak-');
        writeFileSync(join(cwd, 'wf.json'), JSON.stringify(flow));
        writeFileSync(join(cwd, 'rows.csv'), `prompt\n"a cat, key ${key}"\n"a dog"\n`);
        const outcome = await runCli(
          [
            'run',
            'wf.json',
            '--batch',
            'rows.csv',
            '--out',
            'out',
            '--cache',
            'cache',
            ...(json ? ['--json'] : []),
          ],
          { cwd, env: { GEMINI_API_KEY: key, GEMINI_BASE_URL: baseUrl } },
        );
        expect(outcome.code).toBe(0);
        // Row inputs are recorded per row in run.jsonl (run.json keeps bounded totals).
        const rowLines = readFileSync(join(cwd, 'out', 'run.jsonl'), 'utf8');
        expect(rowLines).toContain('a cat, key ');
        const written = [
          join(cwd, 'out', 'run.json'),
          join(cwd, 'out', 'run.jsonl'),
          join(cwd, 'out', 'index.html'),
          ...textFiles(join(cwd, 'cache')),
        ].map((path) => readFileSync(path, 'utf8'));
        const shown = [...outcome.stdout, ...outcome.stderr];
        for (const text of [...written, ...shown]) expect(leaks(text, key)).toBe(false);
        const images = readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.png'));
        expect(images).toHaveLength(2);
        for (const name of images) {
          const embedded = extractWorkflowText(new Uint8Array(readFileSync(join(cwd, 'out', name))));
          expect(embedded.ok && embedded.value !== null).toBe(true);
          if (embedded.ok && embedded.value !== null) expect(leaks(embedded.value, key)).toBe(false);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('peel run --batch-api: OUT/batch-state.json holds no key, however it came (an --input value, a key-shaped text, an answer echoing it)', async () => {
    const googleShaped = `AIza${'Q'.repeat(35)}`;
    await fc.assert(
      fc.asyncProperty(anyLengthKey, async (key) => {
        const fake = await startFakeGemini({ apiKey: key });
        try {
          const cwd = tempDir('peel-leak-batch-');
          writeFileSync(join(cwd, 'wf.json'), JSON.stringify(flow));
          writeFileSync(join(cwd, 'rows.csv'), `prompt\n"a cat, key ${key}"\n"a dog"\n`);
          // The second row's answer is an error whose text repeats the key (in the state's failures).
          fake.addFault({
            kind: 'rawError',
            raw: { status: 400, body: `bad request for key=${key} (${key})` },
            match: (request) => JSON.stringify(request.body).includes('a dog'),
          });
          const outcome = await runCli(
            [
              ...['run', 'wf.json', '--batch', 'rows.csv', '--batch-api', '--out', 'out', '--cache', 'cache'],
              ...['--input', `prompt=a bird ${key} ${googleShaped}`],
            ],
            { cwd, env: { GEMINI_API_KEY: key, GEMINI_BASE_URL: fake.url, PEEL_BATCH_POLL_MS: '1' } },
          );
          expect(outcome.stderr.join('\n')).toMatch(/batch job: batches\//);
          const state = readFileSync(join(cwd, 'out', 'batch-state.json'), 'utf8');
          expect(JSON.parse(state).jobs.length).toBeGreaterThan(0);
          expect(leaks(state, key)).toBe(false);
          expect(state).not.toContain(googleShaped);
          for (const line of [...outcome.stdout, ...outcome.stderr]) expect(leaks(line, key)).toBe(false);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 6 },
    );
  });

  it('an exported workflow loses the configured key however short it is', () => {
    const shortKey = 'k-7Qz';
    const workflow: Workflow = {
      ...flow,
      nodes: flow.nodes.map((node) =>
        node.id === 'p' ? { ...node, params: { text: `a cat ${shortKey}` } } : node,
      ),
    };
    const text = exportWorkflowJson(workflow, { embedImages: false, secrets: [shortKey] });
    expect(text).not.toContain(shortKey);
    expect(text).toContain('a cat ');
  });
});
