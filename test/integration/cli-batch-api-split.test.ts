/**
 * Big --batch-api runs: the requests are split into several Batch API jobs within the job limits,
 * each job is saved in OUT/batch-state.json, and running the same command after a kill picks the
 * sent jobs up without sending any request twice (checked on the fake server's request log).
 * Through the real @google/genai SDK against the fake Gemini server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { promptText } from '../fake-gemini/faults';
import { type FakeGemini, type RecordedRequest, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { readRunRows } from '../helpers/run-rows';

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

/** Tests that spawn and kill a CLI process (tsx start-up, lock take-over) on a loaded machine. */
const SPAWNING_TEST_TIMEOUT_MS = 90_000;

/** A killed process's OUT lock is taken over after 2 s (the least proper-lockfile allows). */
const FAST_LOCK = { PEEL_BATCH_LOCK_STALE_MS: '2000' };

const startRun = (cwd: string, extra: Record<string, string> = {}): ChildProcess =>
  spawn(process.execPath, [join(root, 'bin/peel.mjs'), ...ARGS], {
    cwd,
    env: { ...process.env, ...env, ...SPLIT, ...FAST_LOCK, PEEL_BATCH_POLL_MS: '5000', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const displayNameOf = (create: RecordedRequest | undefined): string =>
  ((create?.body ?? {}) as { batch?: { displayName?: string } }).batch?.displayName ?? '';

/** GET /v1beta/batches (the list, not one job). */
const jobLists = (): RecordedRequest[] =>
  fake.requests.filter((r) => r.method === 'GET' && /\/batches(\?|$)/.test(r.path));

/** Exactly `jobs` creates, each under its own display name, and every request key sent once. */
function expectOneCreatePerJob(jobs: number): void {
  const names = batchCreates().map(displayNameOf);
  expect(names).toHaveLength(jobs);
  expect(new Set(names).size).toBe(jobs);
  const keys = sentKeys();
  expect(keys).toHaveLength(6);
  expect(new Set(keys).size).toBe(6);
  expect(fake.generateRequests()).toHaveLength(0);
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
    // Each job's display name carries the run and a digest of exactly the request keys it holds.
    const state = readJson(join(cwd, 'out', 'batch-state.json'));
    for (const create of creates) {
      const keysHere = inlinedOf(create).map((r) => r.metadata.key);
      const digest = createHash('sha256').update(keysHere.join('\n')).digest('hex').slice(0, 16);
      const model = /models\/([^:]+):batchGenerateContent/.exec(create.path)?.[1];
      expect(displayNameOf(create)).toBe(`peel-${state.runId}-${model}-${digest}`);
    }
    expect(state.status).toBe('finished');
    expect(state.jobs).toHaveLength(3);
    for (const job of state.jobs) expect(job).toMatchObject({ requestCount: 2, collected: true });
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.batchApi.jobs).toHaveLength(3);
    expect(runJson.totals.calls).toBe(6);
    // The failure stays on its row, with its reason; the rows answered by the same and other jobs finish.
    expect(run.stderr.join('\n')).toMatch(/row 3 failed: genStreet: Blocked by Gemini's safety filter/);
    expect(readRunRows(join(cwd, 'out')).map((row) => row.status)).toEqual([
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

  it(
    'killed inside a create whose answer never came (the job exists): the same command finds it by display name and creates nothing twice',
    async () => {
      const cwd = setup();
      // The fake records the first create at once and keeps its answer back: the process waits inside it.
      const release = fake.holdBatchCreates('answer-never');
      const child = startRun(cwd);
      try {
        await waitFor(() => batchCreates().length >= 1);
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((done) => child.once('exit', done));
      release();
      const cutOff = displayNameOf(batchCreates()[0]);
      const state = readJson(join(cwd, 'out', 'batch-state.json'));
      // The intent was saved before the create: its display name, no job name.
      expect(state.jobs).toEqual([expect.objectContaining({ displayName: cutOff, state: 'creating' })]);
      expect(state.jobs[0].name).toBeUndefined();

      const again = await runCli(ARGS, {
        cwd,
        env: { ...env, ...SPLIT, ...FAST_LOCK, PEEL_BATCH_POLL_MS: '20' },
      });
      expect(again.stderr.join('\n')).toMatch(/found by its display name/);
      expect(again.code).toBe(0);
      // One create per job: the one cut off was found, the two never sent were sent once each.
      expectOneCreatePerJob(3);
      expect(readJson(join(cwd, 'out', 'run.json')).totals.calls).toBe(6);
    },
    SPAWNING_TEST_TIMEOUT_MS,
  );

  it(
    'killed while a create is still in flight at Google: the resume waits for it to land instead of sending it again',
    async () => {
      const cwd = setup();
      // The first create reaches the fake but its job lands only when the test says so.
      const land = fake.holdBatchCreates('land-on-release');
      const child = startRun(cwd);
      try {
        await waitFor(() => batchCreates().length >= 1);
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((done) => child.once('exit', done));
      const listsBefore = jobLists().length;
      const resumed = runCli(ARGS, {
        cwd,
        env: { ...env, ...SPLIT, ...FAST_LOCK, PEEL_BATCH_POLL_MS: '20' },
      });
      try {
        // The resume has listed the jobs, not found the one in flight, and must keep waiting.
        await waitFor(() => jobLists().length >= listsBefore + 2);
        expect(batchCreates()).toHaveLength(1);
      } finally {
        land();
      }
      const again = await resumed;
      expect(again.stderr.join('\n')).toMatch(/waiting for 1 batch job create that may still land/);
      expect(again.stderr.join('\n')).toMatch(/found by its display name/);
      expect(again.code).toBe(0);
      expectOneCreatePerJob(3);
      const runJson = readJson(join(cwd, 'out', 'run.json'));
      expect(runJson.status).toBe('ok');
      expect(runJson.totals.calls).toBe(6);
      expect(readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.jpg'))).toHaveLength(10);

      // And once more: nothing new is sent.
      const seen = batchCreates().length;
      expect((await runCli(ARGS, { cwd, env: { ...env, ...SPLIT } })).code).toBe(0);
      expect(batchCreates()).toHaveLength(seen);
    },
    SPAWNING_TEST_TIMEOUT_MS,
  );

  it(
    'a create that did not land in time is sent again under the same display name, and its late copy is cancelled, not paid',
    async () => {
      const cwd = setup();
      const land = fake.holdBatchCreates('land-on-release');
      const child = startRun(cwd);
      try {
        await waitFor(() => batchCreates().length >= 1);
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((done) => child.once('exit', done));
      const late = displayNameOf(batchCreates()[0]);
      // It was sent long ago: no create of it should still land, so its requests are sent again.
      const statePath = join(cwd, 'out', 'batch-state.json');
      const state = readJson(statePath);
      state.jobs[0].createdAt = '2000-01-01T00:00:00.000Z';
      writeFileSync(statePath, JSON.stringify(state));
      const resumed = runCli(ARGS, {
        cwd,
        env: { ...env, ...SPLIT, ...FAST_LOCK, PEEL_BATCH_POLL_MS: '20' },
      });
      try {
        // The resend arrives; only then does the old create land after all (both land on release).
        await waitFor(() => batchCreates().length >= 2);
        expect(displayNameOf(batchCreates()[1])).toBe(late);
      } finally {
        land();
      }
      const again = await resumed;
      const stderr = again.stderr.join('\n');
      expect(stderr).toMatch(/not found at Google; its requests are sent again under the same name/);
      expect(stderr).toMatch(/repeats batches\/\S+ \(same display name [^)]+\): cancelled/);
      expect(again.code).toBe(0);
      // The one display name was sent twice (visible at Google), and one of the two jobs was cancelled.
      const names = batchCreates().map(displayNameOf);
      expect(names.filter((name) => name === late)).toHaveLength(2);
      expect(new Set(names).size).toBe(3);
      const cancels = fake.requests.filter((r) => r.method === 'POST' && r.path.includes(':cancel'));
      expect(cancels).toHaveLength(1);
      const job = readJson(statePath).jobs.find((one: { displayName: string }) => one.displayName === late);
      expect(job).toMatchObject({
        attempts: 2,
        collected: true,
        duplicates: [expect.stringMatching(/^batches\//)],
      });
      expect(cancels[0]?.path).toContain(job.duplicates[0].replace(/^batches\//, ''));
      expect(readJson(join(cwd, 'out', 'run.json')).totals.calls).toBe(6);
    },
    SPAWNING_TEST_TIMEOUT_MS,
  );

  it('in one process, creates that get no answer are looked up by display name and never sent twice', async () => {
    const cwd = setup();
    // Every create is recorded at once and never answered: each call gives up after 300 ms.
    const release = fake.holdBatchCreates('answer-never');
    try {
      const run = await runCli(ARGS, {
        cwd,
        env: { ...env, ...SPLIT, PEEL_BATCH_CREATE_TIMEOUT_MS: '300', PEEL_BATCH_POLL_MS: '20' },
      });
      const stderr = run.stderr.join('\n');
      expect(stderr.match(/the job may exist at Google all the same/g)).toHaveLength(3);
      expect(stderr.match(/found by its display name/g)).toHaveLength(3);
      expect(run.code).toBe(0);
      expectOneCreatePerJob(3);
      expect(readJson(join(cwd, 'out', 'run.json')).totals.calls).toBe(6);
    } finally {
      release();
    }
  });

  it(
    'two processes on one --out: the second waits for the lock and is refused while the first runs',
    async () => {
      const cwd = setup();
      const release = fake.holdBatchCreates('answer-never');
      // A lock that goes stale only after 5 s of no refresh (refreshed every 1.7 s) stays held under load.
      const lock = { PEEL_BATCH_LOCK_STALE_MS: '5000' };
      const first = startRun(cwd, lock);
      try {
        await waitFor(() => batchCreates().length >= 1);
        const second = await runCli(ARGS, { cwd, env: { ...env, ...SPLIT, ...lock } });
        expect(second.code).toBe(2);
        expect(second.stderr.join('\n')).toMatch(/another peel process is sending or collecting batch jobs/);
        expect(batchCreates()).toHaveLength(1);
      } finally {
        first.kill('SIGKILL');
        release();
      }
      await new Promise((done) => first.once('exit', done));
    },
    SPAWNING_TEST_TIMEOUT_MS,
  );

  it(
    'an unfinished run with other options is refused, naming how to finish it',
    async () => {
      const cwd = setup();
      const release = fake.holdBatchCreates('answer-never');
      const child = startRun(cwd);
      try {
        await waitFor(() => batchCreates().length >= 1);
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((done) => child.once('exit', done));
      release();
      const other = await runCli([...ARGS, '--input', 'scene2=a beach at dawn'], {
        cwd,
        env: { ...env, ...FAST_LOCK },
      });
      expect(other.code).toBe(2);
      expect(other.stderr.join('\n')).toMatch(/unfinished --batch-api run with other files or options/);
      expect(batchCreates()).toHaveLength(1);
    },
    SPAWNING_TEST_TIMEOUT_MS,
  );
});
