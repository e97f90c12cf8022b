import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestHash } from '../fake-gemini/responses';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const examples = resolve(__dirname, '../../examples');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface Part {
  text?: string;
  inlineData?: { mimeType: string; data: string };
}
interface Sent {
  model?: string;
  body: {
    contents?: Array<{ parts?: Part[] }>;
    generationConfig?: { responseModalities?: string[] };
  };
}
const sent = () => fake.generateRequests() as unknown as Sent[];
const partsOf = (request: Sent): Part[] => (request.body.contents ?? []).flatMap((turn) => turn.parts ?? []);
const promptOf = (request: Sent): string =>
  partsOf(request)
    .map((part) => part.text ?? '')
    .join(' ');
const isImageCall = (request: Sent) =>
  request.body.generationConfig?.responseModalities?.includes('IMAGE') === true;

/** The request hash the fake wrote into an image it answered (a PNG tEXt chunk or a JPEG comment). */
function fakeHashIn(base64: string): string | undefined {
  const text = Buffer.from(base64, 'base64').toString('latin1');
  return /fake-gemini-hash[\0:]([0-9a-f]{64})/.exec(text)?.[1];
}

/** "Brief to variations" with its Pick exposed as `best`. */
function workflowWithExposedPick(cwd: string): string {
  const workflow = JSON.parse(readFileSync(join(examples, 'brief-to-variations.json'), 'utf8'));
  const pick = workflow.nodes.find((node: { type: string }) => node.type === 'pick');
  pick.exposeAs = 'best';
  const file = join(cwd, 'pick-exposed.json');
  writeFileSync(file, JSON.stringify(workflow));
  return file;
}

describe('peel run: a Pick index from --input', () => {
  it('--input best=3 sends the third variation to the edit, not the first', async () => {
    const cwd = tempDir();
    const file = workflowWithExposedPick(cwd);
    const run = await runCli(['run', file, '--input', 'best=3', '--out', 'out'], { cwd, env });
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const images = sent().filter(isImageCall);
    // 5 variations (prompts from the text model's list) and one edit carrying the picked image.
    const variations = images.filter((request) => !partsOf(request).some((part) => part.inlineData));
    const edits = images.filter((request) => partsOf(request).some((part) => part.inlineData));
    expect(variations).toHaveLength(5);
    expect(edits).toHaveLength(1);
    const sentImage = partsOf(edits[0] as Sent).find((part) => part.inlineData)?.inlineData;
    const madeBy = fakeHashIn(sentImage?.data ?? '');
    expect(madeBy).toBeDefined();
    const source = variations.find((request) => requestHash(request.model ?? '', request.body) === madeBy);
    expect(source).toBeDefined();
    // The text model's third idea made the image the edit received.
    expect(promptOf(source as Sent)).toMatch(/Idea 3 \(/);
    const record = JSON.parse(readFileSync(join(cwd, 'out', 'run.json'), 'utf8'));
    const statusOf = (id: string) => record.nodes.find((one: { id: string }) => one.id === id)?.status;
    expect([statusOf('pick'), statusOf('refine')]).toEqual(['ran', 'ran']);
  });

  it('a batch column sets the index per row', async () => {
    const cwd = tempDir();
    const file = workflowWithExposedPick(cwd);
    writeFileSync(join(cwd, 'rows.csv'), 'best\n2\n4\n');
    const run = await runCli(['run', file, '--batch', join(cwd, 'rows.csv'), '--out', 'out'], { cwd, env });
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const images = sent().filter(isImageCall);
    const edits = images.filter((request) => partsOf(request).some((part) => part.inlineData));
    const variations = images.filter((request) => !partsOf(request).some((part) => part.inlineData));
    // Both rows share the text call and the variations (cached); each edits its own pick.
    expect(edits).toHaveLength(2);
    const picked = edits.map((edit) => {
      const data = partsOf(edit).find((part) => part.inlineData)?.inlineData?.data ?? '';
      const source = variations.find(
        (request) => requestHash(request.model ?? '', request.body) === fakeHashIn(data),
      );
      return /Idea (\d) \(/.exec(source ? promptOf(source) : '')?.[1];
    });
    expect(picked.sort()).toEqual(['2', '4']);
  });

  it('a JSONL batch may give the index as a number', async () => {
    const cwd = tempDir();
    const file = workflowWithExposedPick(cwd);
    writeFileSync(join(cwd, 'rows.jsonl'), '{"best": 5}\n');
    const run = await runCli(['run', file, '--batch', join(cwd, 'rows.jsonl'), '--out', 'out'], { cwd, env });
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const images = sent().filter(isImageCall);
    const edit = images.find((request) => partsOf(request).some((part) => part.inlineData));
    const data = partsOf(edit as Sent).find((part) => part.inlineData)?.inlineData?.data ?? '';
    const source = images.find(
      (request) => requestHash(request.model ?? '', request.body) === fakeHashIn(data),
    );
    expect(promptOf(source as Sent)).toMatch(/Idea 5 \(/);
  });

  it.each([
    ['0', '"0"'],
    ['-2', '"-2"'],
    ['2.5', '"2.5"'],
    ['best', '"best"'],
  ])(
    '--input best=%s is refused before any call (exit 2), naming the input and the value',
    async (value, shown) => {
      const cwd = tempDir();
      const file = workflowWithExposedPick(cwd);
      const run = await runCli(['run', file, '--input', `best=${value}`, '--out', 'out'], { cwd, env });
      expect(run.code).toBe(2);
      const stderr = run.stderr.join('\n');
      expect(stderr).toContain('input "best"');
      expect(stderr).toContain(shown);
      expect(stderr).toMatch(/counting from 1/);
      expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    },
  );

  it('an index past the most items that can arrive is refused before any call', async () => {
    const cwd = tempDir();
    const file = workflowWithExposedPick(cwd);
    // The text model writes at most 5 prompts: a 9th variation can never exist.
    const run = await runCli(['run', file, '--input', 'best=9', '--out', 'out'], { cwd, env });
    expect(run.code).toBe(2);
    expect(run.stderr.join('\n')).toMatch(
      /index 9 is past the end: at most 5 items can arrive; choose 1 to 5/,
    );
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
