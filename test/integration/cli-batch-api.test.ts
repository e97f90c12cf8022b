/**
 * `peel run --batch-api`, `peel batch status` and `peel batch fetch` through the real
 * @google/genai SDK against the fake Gemini server (jobs finish on their second GET).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { promptText } from '../fake-gemini/faults';
import { type FakeGemini, type RecordedRequest, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { readRunRows } from '../helpers/run-rows';

const KEY = 'test-key-123';
const examples = resolve(__dirname, '../../examples');
const productScenes = join(examples, 'product-scenes.json');
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

/** A 5-row CSV that varies only scene1: genBeach reads no column, so it is the same in every row. */
function writeScenesCsv(cwd: string): string {
  const lines = ['scene1', ...SCENES.map((scene) => `"the product in ${scene}, product photography"`)];
  writeFileSync(join(cwd, 'rows.csv'), `${lines.join('\n')}\n`);
  return join(cwd, 'rows.csv');
}

const batchCreates = (): RecordedRequest[] =>
  fake.requests.filter((r) => r.method === 'POST' && r.path.includes(':batchGenerateContent'));

interface InlinedRequest {
  request: { contents: Array<{ role: string; parts: unknown[] }> };
  metadata: { key: string };
}
/** The create request's body, as the fake recorded it. */
const bodyOf = (create: RecordedRequest | undefined) =>
  (create?.body ?? {}) as {
    batch: { inputConfig: { fileName?: string; requests?: { requests: InlinedRequest[] } } };
  };
const inlinedOf = (create: RecordedRequest | undefined): InlinedRequest[] =>
  bodyOf(create).batch.inputConfig.requests?.requests ?? [];

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

interface NodeRecordJson {
  id: string;
  status: string;
  costUsd: number;
  files: string[];
  error?: { message: string };
}
interface RowJson {
  row: number;
  status: string;
  nodes: NodeRecordJson[];
}
const nodeOf = (row: RowJson | undefined, id: string): NodeRecordJson | undefined =>
  row?.nodes.find((node) => node.id === id);

/** Every file under `dir` (the cache, the output, the state) as text, for secret checks. */
function allFilesText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? allFilesText(path) : readFileSync(path).toString('latin1');
  }
  return text;
}

/**
 * Starts a --batch-api run and stops it (as Ctrl+C would) as soon as the fake has the job; the
 * long first poll wait keeps the job unread until then.
 */
async function runUntilJobCreated(cwd: string) {
  const csv = writeScenesCsv(cwd);
  const controller = new AbortController();
  const watcher = setInterval(() => {
    if (batchCreates().length > 0) controller.abort(new Error('interrupted'));
  }, 2);
  return runCli(['run', productScenes, '--batch', csv, '--batch-api', '--out', 'out'], {
    cwd,
    env: { ...env, PEEL_BATCH_POLL_MS: '5000' },
    signal: controller.signal,
  }).finally(() => clearInterval(watcher));
}

describe('peel run --batch-api', () => {
  it('sends the rows as one batch job, deduplicates shared nodes, writes files and costs at half price', async () => {
    const cwd = tempDir();
    const csv = writeScenesCsv(cwd);
    const run = await runCli(['run', productScenes, '--batch', csv, '--batch-api', '--out', 'out'], {
      cwd,
      env,
    });
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(0);
    const creates = batchCreates();
    expect(creates).toHaveLength(1);
    // 5 genStreet (one per scene) + 1 genBeach (the same in every row).
    const requests = inlinedOf(creates[0]);
    expect(requests).toHaveLength(6);
    expect(new Set(requests.map((r) => r.metadata.key)).size).toBe(6);
    const prompts = requests.map((r) => promptText(r.request));
    expect(SCENES).toHaveLength(5);
    for (const scene of SCENES) expect(prompts.filter((p) => p.includes(scene))).toHaveLength(1);
    expect(prompts.filter((p) => p.includes('warm sand'))).toHaveLength(1);
    const jobName = /batch job: (batches\/\S+)/.exec(run.stderr.join('\n'))?.[1];
    expect(jobName).toMatch(/^batches\//);

    const out = join(cwd, 'out');
    const runJson = readJson(join(out, 'run.json'));
    expect(runJson.status).toBe('ok');
    // Bounded, as a live batch's: counts and files; the rows themselves are in run.jsonl.
    expect(runJson.rows).toMatchObject({ total: 5, ran: 5, ok: 5, failed: 0, alreadyDone: 0 });
    expect(runJson.rowRecords).toBe('run.jsonl');
    expect(runJson.files.count).toBe(10);
    expect(runJson.totals).toMatchObject({ calls: 6, cachedNodes: 4 });
    expect(runJson.batchApi.jobs).toEqual([
      expect.objectContaining({
        name: jobName,
        level: 1,
        requests: 6,
        input: 'inline',
        state: 'JOB_STATE_SUCCEEDED',
      }),
    ]);
    // 3.1 Flash Image answers JPEG; the extension follows the image's type.
    const images = readdirSync(out).filter((name) => name.endsWith('.jpg'));
    expect(images).toHaveLength(10);
    const rows = readRunRows(out);
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5]);
    for (const row of rows) {
      expect(row.status).toBe('ok');
      expect(nodeOf(row, 'out')?.files).toHaveLength(2);
    }
    expect(readJson(join(out, 'batch-state.json')).status).toBe('finished');

    // The same rows online: the same 6 requests, at twice the price.
    const online = tempDir();
    const normal = await runCli(['run', productScenes, '--batch', csv, '--out', 'out'], { cwd: online, env });
    expect(normal.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(6);
    const normalJson = readJson(join(online, 'out', 'run.json'));
    expect(normalJson.totals.calls).toBe(6);
    expect(normalJson.totals.costUsd).toBeGreaterThan(0);
    expect(runJson.totals.costUsd).toBeCloseTo(normalJson.totals.costUsd / 2, 5);
    const batchRow1 = nodeOf(rows[0], 'genStreet');
    const onlineRow1 = nodeOf(readRunRows(join(online, 'out'))[0], 'genStreet');
    expect(batchRow1?.status).toBe('ran');
    expect(batchRow1?.costUsd).toBeCloseTo((onlineRow1?.costUsd ?? 0) / 2, 5); // each side rounded to the micro-dollar;

    // The key reaches the server, and nothing else.
    expect(allFilesText(cwd)).not.toContain(KEY);
    expect([...run.stdout, ...run.stderr].join('\n')).not.toContain(KEY);
  });

  it('streams run.jsonl as rows finish: a pass cut short resumes without a duplicate line or a second charge, and a finished run adds nothing', async () => {
    const cwd = tempDir();
    const csv = writeScenesCsv(cwd);
    const argv = ['run', productScenes, '--batch', csv, '--batch-api', '--out', 'out'];
    expect((await runCli(argv, { cwd, env })).code).toBe(0);
    const out = join(cwd, 'out');
    const journal = join(out, 'run.jsonl');
    const full = readFileSync(journal, 'utf8');
    const lines = full.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(5);
    const paid = readRunRows(out).reduce((sum, row) => sum + row.totals.costUsd, 0);
    expect(paid).toBeGreaterThan(0);
    // index.html is built from run.jsonl: every image of every row.
    expect(readFileSync(join(out, 'index.html'), 'utf8').match(/<figure class="card"/g)).toHaveLength(10);
    const statePath = join(out, 'batch-state.json');
    const finishedState = readJson(statePath);

    // Run again when done: nothing sent, no line added, run.json says every row was done before.
    const seen = fake.requests.length;
    const again = await runCli(argv, { cwd, env });
    expect(again.code).toBe(0);
    expect(fake.requests).toHaveLength(seen);
    expect(readFileSync(journal, 'utf8')).toBe(full);
    expect(readJson(join(out, 'run.json')).rows).toMatchObject({ total: 5, ran: 0, alreadyDone: 5 });
    expect(readFileSync(join(out, 'index.html'), 'utf8').match(/<figure class="card"/g)).toHaveLength(10);

    // As if the final pass had been stopped after its first two rows (row 1 paid for the shared
    // genBeach): the same command writes rows 3-5 only, and credits genBeach to no row again.
    writeFileSync(journal, `${lines.slice(0, 2).join('\n')}\n`);
    writeFileSync(statePath, JSON.stringify({ ...finishedState, status: 'interrupted' }));
    const resumed = await runCli(argv, { cwd, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr.join('\n')).toMatch(/resume: 2 of 5 rows already written/);
    expect(fake.requests).toHaveLength(seen);
    const after = readRunRows(out);
    expect(after.map((row) => row.row)).toEqual([1, 2, 3, 4, 5]);
    expect(after.reduce((sum, row) => sum + row.totals.costUsd, 0)).toBeCloseTo(paid, 6);
    expect(readJson(join(out, 'run.json')).rows).toMatchObject({ total: 5, ran: 3, alreadyDone: 2 });
  });

  it('isolates a blocked row: that node fails, the other rows finish, exit 1 names the row', async () => {
    const cwd = tempDir();
    const csv = writeScenesCsv(cwd);
    fake.addFault({ kind: 'imageSafety', match: (r) => promptText(r.body).includes('volcano') });
    const run = await runCli(['run', productScenes, '--batch', csv, '--batch-api', '--out', 'out'], {
      cwd,
      env,
    });
    expect(run.code).toBe(1);
    expect(fake.generateRequests()).toHaveLength(0);
    expect(batchCreates()).toHaveLength(1);
    const stderr = run.stderr.join('\n');
    expect(stderr).toMatch(/row 3 failed: genStreet: Blocked by Gemini's safety filter \(IMAGE_SAFETY\)/);
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.failures).toEqual([
      expect.objectContaining({
        row: 3,
        status: 'failed',
        reasons: [expect.stringMatching(/^genStreet: Blocked by Gemini's safety filter/)],
      }),
    ]);
    const rows = readRunRows(join(cwd, 'out'));
    expect(rows.map((row) => row.status)).toEqual(['ok', 'ok', 'failed', 'ok', 'ok']);
    expect(nodeOf(rows[2], 'genStreet')?.status).toBe('failed');
    expect(nodeOf(rows[2], 'genBeach')?.status).toMatch(/ran|cached/);
    // The blocked row still exports what it got.
    expect(nodeOf(rows[2], 'out')?.files).toHaveLength(1);
    expect(nodeOf(rows[3], 'out')?.files).toHaveLength(2);
  });

  it('a second identical run makes zero requests', async () => {
    const cwd = tempDir();
    const csv = writeScenesCsv(cwd);
    const argv = (out: string) => ['run', productScenes, '--batch', csv, '--batch-api', '--out', out];
    expect((await runCli(argv('out'), { cwd, env })).code).toBe(0);
    const seen = fake.requests.length;
    const again = await runCli(argv('out2'), { cwd, env });
    expect(again.code).toBe(0);
    expect(fake.requests).toHaveLength(seen);
    const runJson = readJson(join(cwd, 'out2', 'run.json'));
    expect(runJson.totals).toEqual({ calls: 0, cachedNodes: 10, costUsd: 0 });
    expect(runJson.batchApi.jobs).toEqual([]);
    expect(readdirSync(join(cwd, 'out2')).filter((name) => name.endsWith('.jpg'))).toHaveLength(10);
  });

  it('resumes after the process stopped: status, then fetch without a second batch create', async () => {
    const cwd = tempDir();
    const first = await runUntilJobCreated(cwd);
    expect(first.code).toBe(130);
    const stderr = first.stderr.join('\n');
    const job = /batch job: (batches\/\S+)/.exec(stderr)?.[1] ?? '';
    expect(job).toMatch(/^batches\//);
    expect(stderr).toContain(`peel batch fetch ${job} --out ${join(cwd, 'out')}`);
    expect(existsSync(join(cwd, 'out', 'run.json'))).toBe(false);
    const state = readJson(join(cwd, 'out', 'batch-state.json'));
    expect(state.status).toBe('interrupted');
    expect(state.jobs).toEqual([expect.objectContaining({ name: job, requestCount: 6 })]);
    expect(JSON.stringify(state)).not.toContain(KEY);

    const status = await runCli(['batch', 'status', job], { cwd, env });
    expect(status.code).toBe(0);
    expect(status.stdout[0]).toMatch(new RegExp(`^${job}: JOB_STATE_(RUNNING|SUCCEEDED)`));
    expect(status.stdout.join('\n')).toMatch(/requests: 6 total/);

    const fetched = await runCli(['batch', 'fetch', job, '--out', 'out'], { cwd, env });
    expect(fetched.stderr.join('\n')).not.toMatch(/error/);
    expect(fetched.code).toBe(0);
    expect(batchCreates()).toHaveLength(1);
    expect(fake.generateRequests()).toHaveLength(0);
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.status).toBe('ok');
    expect(runJson.totals).toMatchObject({ calls: 6, cachedNodes: 4 });
    expect(readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.jpg'))).toHaveLength(10);
    expect(readJson(join(cwd, 'out', 'batch-state.json')).status).toBe('finished');
    expect(allFilesText(cwd)).not.toContain(KEY);

    const unknown = await runCli(['batch', 'fetch', 'batches/unknown', '--out', 'out'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.join('\n')).toContain(
      `batches/unknown is not a job of the run in ${join(cwd, 'out')}`,
    );

    // Fetching a finished run again sends nothing new.
    const seen = fake.requests.length;
    expect((await runCli(['batch', 'fetch', job, '--out', 'out'], { cwd, env })).code).toBe(0);
    expect(fake.requests).toHaveLength(seen);
  });

  it('finds a job by its display name when the process ended before saving the job name', async () => {
    const cwd = tempDir();
    expect((await runUntilJobCreated(cwd)).code).toBe(130);
    const statePath = join(cwd, 'out', 'batch-state.json');
    const state = readJson(statePath);
    const job = state.jobs[0];
    // As if the process had died inside the create call: the job exists, its name was never saved.
    delete job.name;
    job.state = 'creating';
    writeFileSync(statePath, JSON.stringify(state));
    const fetched = await runCli(['batch', 'fetch', job.displayName, '--out', 'out'], { cwd, env });
    expect(fetched.code).toBe(0);
    expect(fetched.stderr.join('\n')).toMatch(/batch job: batches\/\S+ \(found by its display name/);
    expect(batchCreates()).toHaveLength(1);
    expect(readJson(join(cwd, 'out', 'run.json')).totals).toMatchObject({ calls: 6, cachedNodes: 4 });
  });

  it('uploads a JSONL input file when the inlined requests pass the size limit', async () => {
    const cwd = tempDir();
    const csv = writeScenesCsv(cwd);
    const run = await runCli(['run', productScenes, '--batch', csv, '--batch-api', '--out', 'out'], {
      cwd,
      env: { ...env, PEEL_BATCH_INLINE_LIMIT_BYTES: '1000' },
    });
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(fake.requests.some((r) => r.method === 'POST' && r.path.startsWith('/upload/v1beta/files'))).toBe(
      true,
    );
    const creates = batchCreates();
    expect(creates).toHaveLength(1);
    const inputConfig = bodyOf(creates[0]).batch.inputConfig;
    expect(inputConfig.fileName).toMatch(/^files\//);
    expect(inputConfig.requests).toBeUndefined();
    // The answers come back as a responses file.
    expect(fake.requests.some((r) => r.path.includes(':download'))).toBe(true);
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.batchApi.jobs[0]).toMatchObject({ input: 'file', requests: 6 });
    expect(runJson.totals).toMatchObject({ calls: 6, cachedNodes: 4 });
    expect(readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.jpg'))).toHaveLength(10);
  });

  it('goes level by level through generate -> edit -> edit, one job per level', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'ideas.csv'), 'idea\na red kite over a hill\na paper boat in a puddle\n');
    const run = await runCli(
      [
        'run',
        join(examples, 'generate-edit-edit.json'),
        '--batch',
        'ideas.csv',
        '--batch-api',
        '--out',
        'out',
      ],
      { cwd, env },
    );
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(0);
    const creates = batchCreates();
    expect(creates).toHaveLength(3);
    const levels = creates.map((create) => inlinedOf(create));
    expect(levels.map((level) => level.length)).toEqual([2, 2, 2]);
    // Each Edit continues the conversation: gen's turn pair, then edit1's, before the new instruction.
    expect(levels.map((level) => level[0]?.request.contents.length)).toEqual([1, 3, 5]);
    expect(promptText(levels[1]?.[0]?.request)).toContain('make the sail bright red');
    expect(promptText(levels[2]?.[0]?.request)).toContain('add a lighthouse');
    const runJson = readJson(join(cwd, 'out', 'run.json'));
    expect(runJson.batchApi.jobs.map((job: { level: number }) => job.level)).toEqual([1, 2, 3]);
    expect(runJson.totals).toMatchObject({ calls: 6, cachedNodes: 0 });
    const rows = readRunRows(join(cwd, 'out'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('ok');
      expect(nodeOf(row, 'out')?.files).toHaveLength(3);
    }
  });
});
