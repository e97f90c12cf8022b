import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRegistry } from '../nodes/registry';
import { MemoryCache } from '../src/engine/cache';
import { runWorkflow } from '../src/engine/executor';
import { createGeminiProvider } from '../src/providers/index';
import { startFakeGemini } from '../test/fake-gemini/server';
import { runCli } from '../test/helpers/cli';
import { round } from './executor-overhead';
import { syntheticGraph } from './graphs';

const CALLS = 200;
const CONCURRENCY = 8;
const LATENCY_MS = 100;

/** 200 calls at concurrency 8 against a 100 ms fake server, over the ideal ceil(200/8) x 100 ms. */
export async function benchThroughput() {
  const fake = await startFakeGemini({ latencyMs: LATENCY_MS });
  try {
    const ideal = Math.ceil(CALLS / CONCURRENCY) * LATENCY_MS;
    // 200 independent prompt -> generate pairs (depth 2), no edits.
    const workflow = syntheticGraph(CALLS * 2 + 1, 2);
    const provider = createGeminiProvider({ apiKey: 'test-key-123', baseUrl: fake.url });
    // Warm-up: loads the SDK and opens connections, as a long-running app would have.
    await runWorkflow(syntheticGraph(2 * CONCURRENCY + 1, 2), {
      registry: nodeRegistry,
      provider,
      cache: new MemoryCache(),
      concurrency: CONCURRENCY,
    });
    fake.reset();
    const started = performance.now();
    const result = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: new MemoryCache(),
      concurrency: CONCURRENCY,
    });
    const inProcess = performance.now() - started;
    if (result.totals.calls !== CALLS)
      throw new Error(`expected ${CALLS} calls, made ${result.totals.calls}`);

    fake.reset();
    const dir = mkdtempSync(join(tmpdir(), 'peel-bench-'));
    const rows = Array.from({ length: CALLS }, (_, i) => JSON.stringify({ prompt: `batch row ${i}` }));
    writeFileSync(join(dir, 'rows.jsonl'), rows.join('\n'));
    const cliStarted = performance.now();
    const cli = await runCli(
      [
        'run',
        new URL('../examples/text-to-image.json', import.meta.url).pathname,
        '--batch',
        'rows.jsonl',
        '--concurrency',
        String(CONCURRENCY),
        '--out',
        'out',
        '--no-cache',
      ],
      { cwd: dir, env: { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url } },
    );
    const viaCli = performance.now() - cliStarted;
    if (cli.code !== 0) throw new Error(`peel run --batch failed: ${cli.stderr.join('\n')}`);
    return {
      name: `throughput (${CALLS} calls, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency)`,
      figures: {
        idealMs: ideal,
        inProcessMs: round(inProcess),
        inProcessRatio: round(inProcess / ideal),
        cliBatchMs: round(viaCli),
        cliBatchRatio: round(viaCli / ideal),
        cliRequests: fake.generateRequests().length,
      },
      target: 'ratio <= 1.10',
      met: inProcess / ideal <= 1.1 && viaCli / ideal <= 1.1,
    };
  } finally {
    await fake.close();
  }
}
