import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGemini } from '../test/fake-gemini/server';
import { promptGenerateExport } from '../test/helpers/workflows';
import { round } from './executor-overhead';
import type { BenchResult } from './result';

const LATENCY_MS = 20;
const CONCURRENCY = 32;
const SIZES = [2_000, 20_000];

interface ChildRun {
  wallMs: number;
  maxRssMb: number;
  cpuMs: number;
  code: number | null;
}

/** One `peel run --batch` in its own process against the fake server: wall time, peak RSS, CPU. */
export async function runBatchChild(rows: number, fakeUrl: string): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'peel-bench-batch-'));
  try {
    const workflow = promptGenerateExport(['x']);
    // One file per row, named by its row (a template without {row} makes every row probe the
    // taken names first, which is not what this measures).
    for (const node of workflow.nodes) if (node.type === 'export') node.params = { filename: 'sku-{row}' };
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(workflow));
    const lines = Array.from({ length: rows }, (_, i) => `product ${i + 1} on a plain background`);
    writeFileSync(join(dir, 'rows.csv'), `prompt0\n${lines.join('\n')}\n`);
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        new URL('./batch-child.mjs', import.meta.url).pathname,
        'run',
        'wf.json',
        '--batch',
        'rows.csv',
        '--out',
        'out',
        '--cache',
        'cache',
        '--concurrency',
        String(CONCURRENCY),
      ],
      {
        cwd: dir,
        env: { ...process.env, GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fakeUrl },
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      },
    );
    let usage = '';
    let stderr = '';
    child.stdio[3]?.on('data', (chunk) => {
      usage += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      stderr = (stderr + String(chunk)).slice(-2000);
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`batch of ${rows} rows exited ${code}: ${stderr}`);
    const parsed = JSON.parse(usage.trim()) as { maxRssKb: number; userUs: number; systemUs: number };
    return {
      wallMs,
      maxRssMb: parsed.maxRssKb / 1024,
      cpuMs: (parsed.userUs + parsed.systemUs) / 1000,
      code,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Batch scaling: 2,000 and 20,000 rows, one call a row, 20 ms fake latency, concurrency 32, each in
 * a fresh CLI process. Goals: peak RSS at 20,000 within 60 MB of 2,000 (flat memory), and
 * time(20,000) <= 10.5 x time(2,000) (time per row does not grow with the batch).
 */
export async function benchBatchScaling(): Promise<BenchResult[]> {
  const fake = await startFakeGemini({ latencyMs: LATENCY_MS });
  try {
    const startup = await runBatchChild(1, fake.url);
    fake.reset();
    const runs: Array<[number, ChildRun]> = [];
    for (const rows of SIZES) {
      runs.push([rows, await runBatchChild(rows, fake.url)]);
      fake.reset();
    }
    const [small, large] = runs.map(([, run]) => run) as [ChildRun, ChildRun];
    const results: BenchResult[] = runs.map(([rows, run]) => ({
      name: `batch scaling: ${rows.toLocaleString('en')} rows`,
      figures: {
        'wall s': round(run.wallMs / 1000, 1),
        'ideal + start-up s': round((Math.ceil(rows / CONCURRENCY) * LATENCY_MS + startup.wallMs) / 1000, 1),
        'peak RSS MB': round(run.maxRssMb, 0),
        'CPU ms/row': round((run.cpuMs - startup.cpuMs) / rows, 2),
      },
      target: 'see the two goals below',
      met: true,
    }));
    results.push({
      name: 'batch scaling: memory',
      figures: { 'RSS(20k) - RSS(2k) MB': round(large.maxRssMb - small.maxRssMb, 0) },
      target: '<= 60 MB',
      met: large.maxRssMb - small.maxRssMb <= 60,
    });
    results.push({
      name: 'batch scaling: time',
      figures: {
        'time(20k) / time(2k)': round(large.wallMs / small.wallMs, 2),
        'start-up s': round(startup.wallMs / 1000, 1),
      },
      target: '<= 10.5',
      met: large.wallMs / small.wallMs <= 10.5,
    });
    return results;
  } finally {
    await fake.close();
  }
}
