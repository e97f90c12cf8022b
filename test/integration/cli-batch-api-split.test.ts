/**
 * Big --batch-api runs: the requests are split into several Batch API jobs within the job limits,
 * each job is saved in OUT/batch-state.json, and running the same command after a kill picks the
 * sent jobs up without sending any request twice (checked on the fake server's request log).
 * Through the real @google/genai SDK against the fake Gemini server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { promptText } from '../fake-gemini/faults';
import { type FakeGemini, type RecordedRequest, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const KEY = 'test-key-123';
const root = resolve(__dirname, '../..');
const productScenes = join(root, 'examples', 'product-scenes.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const SCENES = [
  'a rooftop garden',
  'a marble kitchen',
  'an active volcano',
  'a snowy cabin',
  'a desert road',
];

/** 5 rows that vary scene1 only: 5 genStreet requests + 1 genBeach shared by every row = 6. */
function setup(): string {
  const cwd = tempDir('peel-split-');
  const lines = ['scene1', ...SCENES.map((scene) => `"the product in ${scene}, product photography"`)];
  writeFileSync(join(cwd, 'rows.csv'), `${lines.join('\n')}\n`);
  return cwd;
}

const ARGS = ['run', productScenes, '--batch', 'rows.csv', '--batch-api', '--out', 'out'];
/** At most 2 requests a job: the 6 requests need 3 jobs. */
const SPLIT = { PEEL_BATCH_MAX_REQUESTS_PER_JOB: '2' };

const batchCreates = (): RecordedRequest[] =>
  fake.requests.filter((r) => r.method === 'POST' && r.path.includes(':batchGenerateContent'));

interface Inlined {
  request: unknown;
  metadata: { key: string };
}
const inlinedOf = (create: RecordedRequest): Inlined[] =>
  (create.body as { batch: { inputConfig: { requests?: { requests: Inlined[] } } } }).batch.inputConfig
    .requests?.requests ?? [];
const sentKeys = (): string[] =>
  batchCreates().flatMap((create) => inlinedOf(create).map((r) => r.metadata.key));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

async function waitFor(check: () => boolean, timeoutMs = 40_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('peel run --batch-api splits a large batch into several jobs', () => {
  it('sends 6 requests as 3 jobs of at most 2, every request once, and reports a blocked row by itself', async () => {
    const cwd = setup();
    fake.addFault({ kind: 'imageSafety', match: (r) => promptText(r.body).includes('volcano') });
    const run = await runCli(ARGS, { cwd, env: { ...env, ...SPLIT } });
    expect(run.code).toBe(1);
    expect(fake.generateRequests()).toHaveLength(0);
    const creates = batchCreates();
    expect(creates).toHaveLength(3);
    expect(creates.map((create) => inlinedOf(create).length)).toEqual([2, 2, 2]);
    const keys = sentKeys();
    expect(new Set(keys).size).toBe(6);
    // Each job is named as a part of the same level.
    const names = creates.map(
      (create) => (create.body as { batch: { displayName: string } }).batch.displayName,
    );
    expect(names.map((name) => name.replace(/^.*-(part\d+of\d+)$/, '$1'))).toEqual([
      'part1of3',
      'part2of3',
      'part3of3',
    ]);
    const state = readJson(join(cwd, 'out', 'batch-state.json'));
    expect(state.status).toBe('finished');
    expect(state.jobs).toHaveLength(3);
    for (const job of state.jobs) expect(job).toMatchObject({ requestCount: 2, collected: true });
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.batchApi.jobs).toHaveLength(3);
    expect(runJson.totals.calls).toBe(6);
    // The failure stays on its row, with its reason; the rows answered by the same and other jobs finish.
    expect(run.stderr.join('\n')).toMatch(/row 3 failed: genStreet: Blocked by Gemini's safety filter/);
    expect(runJson.rows.map((row: { status: string }) => row.status)).toEqual([
      'ok',
      'ok',
      'failed',
      'ok',
      'ok',
    ]);
    // The contact sheet is written as for a normal batch: every image, and the failed row with its reason.
    const sheet = readFileSync(join(cwd, 'out', 'index.html'), 'utf8');
    expect(sheet.match(/<figure class="card"/g)).toHaveLength(9);
    expect(sheet).toMatch(/<li class="failure" data-status="failed"[^>]*>.*row 3.*IMAGE_SAFETY/);
  });

  it('a byte limit splits too: a job never passes PEEL_BATCH_MAX_JOB_BYTES unless one request alone does', async () => {
    const cwd = setup();
    const run = await runCli(ARGS, { cwd, env: { ...env, PEEL_BATCH_MAX_JOB_BYTES: '1' } });
    expect(run.code).toBe(0);
    // Every request is larger than 1 byte: one job each, nothing dropped.
    expect(batchCreates().map((create) => inlinedOf(create).length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(sentKeys()).size).toBe(6);
  });

  it('with room for one open job at a time, the next job is sent only after the previous one is collected', async () => {
    const cwd = setup();
    const run = await runCli(ARGS, { cwd, env: { ...env, ...SPLIT, PEEL_BATCH_MAX_OPEN_JOBS: '1' } });
    expect(run.code).toBe(0);
    const creates = batchCreates();
    expect(creates).toHaveLength(3);
    // Between two creates, the first job was read until done (the fake finishes a job on its 2nd GET).
    const log = fake.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`);
    const createAt = log.flatMap((line, index) => (line.includes(':batchGenerateContent') ? [index] : []));
    for (let i = 1; i < createAt.length; i++) {
      const between = log.slice(createAt[i - 1], createAt[i]).filter((line) => /^GET .*batches\//.test(line));
      expect(between.length).toBeGreaterThanOrEqual(2);
    }
    expect(readJson(join(cwd, 'out', 'run.json')).status).toBe('ok');
  });

  it('killed while sending the jobs, the same command finishes the run with no request sent twice', async () => {
    const cwd = setup();
    // Slow answers keep the process inside its job creates long enough to kill it there.
    fake.setLatency(300);
    const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/peel.mjs'), ...ARGS], {
      cwd,
      env: { ...process.env, ...env, ...SPLIT, PEEL_BATCH_POLL_MS: '5000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitFor(() => batchCreates().length >= 2);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((done) => child.once('exit', done));
    const sentBeforeKill = batchCreates().length;
    expect(sentBeforeKill).toBeGreaterThanOrEqual(2);
    expect(sentBeforeKill).toBeLessThan(3);
    const state = readJson(join(cwd, 'out', 'batch-state.json'));
    expect(state.status).toBe('running');
    expect(state.jobs.length).toBeGreaterThanOrEqual(2);
    // A create the fake received goes on after the client died (as at Google); let it land.
    await new Promise((done) => setTimeout(done, 600));
    fake.setLatency(0);

    const again = await runCli(ARGS, { cwd, env: { ...env, ...SPLIT } });
    expect(again.stderr.join('\n')).toMatch(/resume: \d batch jobs? already sent/);
    expect(again.code).toBe(0);
    // The jobs sent before the kill were found (by name, or by display name for the one cut off
    // inside its create call); only the job never sent was sent now.
    expect(batchCreates()).toHaveLength(3);
    const keys = sentKeys();
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    expect(fake.generateRequests()).toHaveLength(0);
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.status).toBe('ok');
    expect(runJson.totals.calls).toBe(6);
    expect(readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.jpg'))).toHaveLength(10);
    expect(readJson(join(cwd, 'out', 'batch-state.json')).status).toBe('finished');

    // And once more: nothing new is sent.
    const seen = batchCreates().length;
    expect((await runCli(ARGS, { cwd, env: { ...env, ...SPLIT } })).code).toBe(0);
    expect(batchCreates()).toHaveLength(seen);
  });

  it('an unfinished run with other options is refused, naming how to finish it', async () => {
    const cwd = setup();
    fake.setLatency(300);
    const child = spawn(process.execPath, [join(root, 'bin/peel.mjs'), ...ARGS], {
      cwd,
      env: { ...process.env, ...env, ...SPLIT, PEEL_BATCH_POLL_MS: '5000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitFor(() => batchCreates().length >= 1);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((done) => child.once('exit', done));
    fake.setLatency(0);
    const other = await runCli([...ARGS, '--input', 'scene2=a beach at dawn'], { cwd, env });
    expect(other.code).toBe(2);
    expect(other.stderr.join('\n')).toMatch(/unfinished --batch-api run with other files or options/);
    expect(batchCreates()).toHaveLength(1);
  });
});
