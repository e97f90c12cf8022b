import { setMaxListeners } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchBatchScaling } from './batch-scaling';
import { benchCacheRerun } from './cache-rerun';
import { benchExecutorOverhead } from './executor-overhead';
import { benchHashing } from './hashing';
import type { BenchResult } from './result';
import { benchThroughput } from './throughput';

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node ${process.version}`;

async function main() {
  setMaxListeners(10_000);
  const only = process.argv.slice(2);
  const benches: Array<[string, () => Promise<BenchResult | BenchResult[]>]> = [
    ['executor', benchExecutorOverhead],
    ['throughput', benchThroughput],
    ['cache', benchCacheRerun],
    ['batch', benchBatchScaling],
    ['hashing', benchHashing],
  ];
  benches.push(['browser', async () => (await import('./browser-benches')).benchBrowser()]);
  benches.push(['image-tools', async () => (await import('./image-tools')).benchImageTools()]);
  const results: BenchResult[] = [];
  for (const [key, bench] of benches) {
    if (only.length > 0 && !only.includes(key)) continue;
    process.stderr.write(`running ${key}...\n`);
    try {
      const outcome = await bench();
      results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
    } catch (cause) {
      results.push({
        name: key,
        figures: { error: cause instanceof Error ? cause.message : String(cause) },
        target: '-',
        met: false,
      });
    }
  }
  const lines = ['| benchmark | figures | target | met |', '|---|---|---|---|'];
  for (const result of results) {
    const figures = Object.entries(result.figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(`| ${result.name} | ${figures} | ${result.target} | ${result.met ? 'yes' : 'NO'} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n\nmachine: ${machine}\n`);
  const here = new URL('.', import.meta.url).pathname;
  // A partial run (`npm run bench -- batch`) keeps the other benches' last figures.
  if (only.length > 0 && existsSync(join(here, 'results.json'))) {
    const previous = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8')) as {
      results?: BenchResult[];
    };
    const fresh = new Set(results.map((result) => result.name));
    results.unshift(...(previous.results ?? []).filter((result) => !fresh.has(result.name)));
  }
  writeFileSync(
    join(here, 'results.json'),
    `${JSON.stringify({ machine, at: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

await main();
