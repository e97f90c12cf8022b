import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BatchJob, GoogleGenAI, JobState } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readPng } from '../fake-gemini/inspect';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';

let fake: FakeGemini;
let ai: GoogleGenAI;
let dir: string;
// The non-thinking image model answers a PNG.
const MODEL = 'gemini-3.1-flash-lite-image';

beforeAll(async () => {
  fake = await startFakeGemini();
  ai = new GoogleGenAI({ apiKey: 'test-key-123', apiVersion: 'v1beta', httpOptions: { baseUrl: fake.url } });
  dir = await mkdtemp(join(tmpdir(), 'fake-gemini-batch-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

async function poll(name: string): Promise<{ job: BatchJob; states: (JobState | undefined)[] }> {
  const states: (JobState | undefined)[] = [];
  for (let i = 0; i < 5; i++) {
    const job = await ai.batches.get({ name });
    states.push(job.state);
    if (job.state === JobState.JOB_STATE_SUCCEEDED) return { job, states };
  }
  throw new Error(`batch never finished: ${states.join(', ')}`);
}

const request = (text: string) => ({ contents: [{ role: 'user', parts: [{ text }] }] });

describe('fake Gemini batch API', () => {
  it('runs an inline batch PENDING -> RUNNING -> SUCCEEDED, with faults per request', async () => {
    fake.addFault({ kind: 'rateLimit', match: (r) => JSON.stringify(r.body).includes('fail me') });
    const created = await ai.batches.create({
      model: MODEL,
      src: [
        { ...request('a cat'), metadata: { key: 'k1' } },
        { ...request('fail me'), metadata: { key: 'k2' } },
        { ...request('a dog'), metadata: { key: 'k3' } },
      ],
      config: { displayName: 'inline run' },
    });
    expect(created.state).toBe(JobState.JOB_STATE_PENDING);
    expect(created.name).toMatch(/^batches\/[a-z0-9]+$/);
    expect(created.displayName).toBe('inline run');
    const { job, states } = await poll(created.name ?? '');
    expect(states).toEqual([JobState.JOB_STATE_RUNNING, JobState.JOB_STATE_SUCCEEDED]);
    const out = job.dest?.inlinedResponses ?? [];
    expect(out.map((r) => r.metadata?.key)).toEqual(['k1', 'k2', 'k3']);
    const img = out[0]?.response?.candidates?.[0]?.content?.parts?.find((p) => p.inlineData)?.inlineData;
    expect(readPng(Buffer.from(img?.data ?? '', 'base64')).width).toBe(64);
    expect(out[1]?.error).toMatchObject({ code: 8 }); // RESOURCE_EXHAUSTED as google.rpc.Status
    expect(out[2]?.response?.candidates?.[0]?.finishReason).toBe('STOP');
    const raw = await fetch(`${fake.url}/v1beta/${created.name}?key=test-key-123`);
    expect((await raw.json()).metadata.batchStats).toEqual({
      requestCount: '3',
      successfulRequestCount: '2',
      failedRequestCount: '1',
    });
  });

  it('runs a file batch: resumable upload, responsesFile, JSONL download', async () => {
    const jsonl = ['one', 'two']
      .map((t) => JSON.stringify({ key: `r-${t}`, request: request(`a ${t}`) }))
      .join('\n');
    const file = await ai.files.upload({
      file: new Blob([jsonl]),
      config: { mimeType: 'application/jsonl', displayName: 'requests' },
    });
    expect(file).toMatchObject({
      mimeType: 'application/jsonl',
      sizeBytes: String(jsonl.length),
      state: 'ACTIVE',
    });
    expect((await ai.files.get({ name: file.name ?? '' })).displayName).toBe('requests');
    const uploads = fake.requests.filter((r) => r.path.startsWith('/upload/v1beta/files'));
    expect(uploads.map((r) => r.path.includes('upload_id='))).toEqual([false, true]);

    const created = await ai.batches.create({ model: MODEL, src: file.name ?? '' });
    const { job } = await poll(created.name ?? '');
    const resultName = job.dest?.fileName ?? '';
    expect(resultName).toMatch(/^files\/batch-/);

    const downloadPath = join(dir, 'out.jsonl');
    await ai.files.download({ file: resultName, downloadPath });
    const lines = (await readFile(downloadPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.key)).toEqual(['r-one', 'r-two']);
    const data = lines[0].response.candidates[0].content.parts.find(
      (p: { inlineData?: unknown }) => p.inlineData,
    );
    readPng(Buffer.from(data.inlineData.data, 'base64'));
    const id = resultName.replace('files/', '');
    const direct = await fetch(`${fake.url}/download/v1beta/files/${id}:download?alt=media`, {
      headers: { 'x-goog-api-key': 'test-key-123' },
    });
    expect((await direct.text()).trim().split('\n')).toHaveLength(2);
  });

  it('lists with paging, cancels and deletes', async () => {
    const names: string[] = [];
    for (const t of ['x', 'y', 'z']) {
      names.push((await ai.batches.create({ model: MODEL, src: [request(t)] })).name ?? '');
    }
    const pager = await ai.batches.list({ config: { pageSize: 2 } });
    expect(pager.page).toHaveLength(2);
    const all: string[] = [];
    for await (const job of pager) all.push(job.name ?? '');
    expect(all.sort()).toEqual([...names].sort());
    await ai.batches.cancel({ name: names[0] ?? '' });
    expect((await ai.batches.get({ name: names[0] ?? '' })).state).toBe(JobState.JOB_STATE_CANCELLED);
    await ai.batches.delete({ name: names[1] ?? '' });
    await expect(ai.batches.get({ name: names[1] ?? '' })).rejects.toMatchObject({ status: 404 });
    await expect(ai.batches.create({ model: 'gemini-nope', src: [request('q')] })).rejects.toMatchObject({
      status: 404,
    });
  });
});
