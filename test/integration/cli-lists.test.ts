import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { tinyPng } from '../helpers/tiny-png';

const examples = resolve(__dirname, '../../examples');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const readRunJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
const imagesIn = (dir: string) => readdirSync(dir).filter((name) => /\.(png|jpg|webp)$/.test(name));
interface Sent {
  model?: string;
  body: {
    generationConfig?: { responseModalities?: string[]; responseMimeType?: string; responseSchema?: unknown };
  };
}
const sent = () => fake.generateRequests() as unknown as Sent[];
const textCalls = () => sent().filter((r) => r.body.generationConfig?.responseModalities?.join() === 'TEXT');
const imageCalls = () => sent().filter((r) => r.body.generationConfig?.responseModalities?.includes('IMAGE'));

describe('peel run: lists, templates, text models (fake Gemini)', () => {
  it('"Product × scenes": 2 products × 3 scenes = 6 image calls; a 4th scene makes exactly 2 more', async () => {
    const cwd = tempDir();
    const file = join(examples, 'product-x-scenes.json');
    const first = await runCli(['run', file, '--out', 'out'], { cwd, env });
    expect(first.stderr.join('\n')).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(imageCalls()).toHaveLength(6);
    const files = imagesIn(join(cwd, 'out')).sort();
    expect(files).toHaveLength(6);
    // {item}-{i}: the scene and product text, then the element index.
    expect(files.some((name) => name.startsWith('on-a-wet-city-street-at-night-neon-refl'))).toBe(true);
    const run = readRunJson(join(cwd, 'out'));
    const shots = run.nodes.filter((node: { of?: string }) => node.of === 'shots');
    expect(shots.map((node: { element: number }) => node.element).sort()).toEqual([1, 2, 3, 4, 5, 6]);

    const workflow = JSON.parse(readFileSync(file, 'utf8'));
    const scenes = workflow.nodes.find((node: { id: string }) => node.id === 'scenes');
    scenes.params.items.push('floating in a swimming pool, top view');
    const grown = join(cwd, 'grown.json');
    writeFileSync(grown, JSON.stringify(workflow));
    const second = await runCli(['run', grown, '--out', 'out2'], { cwd, env });
    expect(second.code).toBe(0);
    expect(imageCalls()).toHaveLength(8);
    expect(readRunJson(join(cwd, 'out2')).totals).toMatchObject({ calls: 2 });
    expect(imagesIn(join(cwd, 'out2'))).toHaveLength(8);
  });

  it('"Brief to variations": 1 text call (structured output) + 5 variations + 1 edit; a re-run makes 0', async () => {
    const cwd = tempDir();
    const file = join(examples, 'brief-to-variations.json');
    const dry = await runCli(['run', file, '--dry-run'], { cwd, env });
    expect(dry.code).toBe(0);
    expect(dry.stderr.join('\n')).toMatch(/estimate: up to 7 model calls \(1 known now/);
    const first = await runCli(['run', file, '--out', 'out'], { cwd, env });
    expect(first.stderr.join('\n')).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(textCalls()).toHaveLength(1);
    const config = textCalls()[0]?.body.generationConfig;
    expect(config?.responseMimeType).toBe('application/json');
    expect(config?.responseSchema).toMatchObject({ type: 'ARRAY', items: { type: 'STRING' }, maxItems: '5' });
    // 5 variations and the edit of the picked one.
    expect(imageCalls()).toHaveLength(6);
    const run = readRunJson(join(cwd, 'out'));
    expect(run.totals.calls).toBe(7);
    expect(imagesIn(join(cwd, 'out')).filter((name) => name.startsWith('variation-'))).toHaveLength(5);

    const again = await runCli(['run', file, '--out', 'out2'], { cwd, env });
    expect(again.code).toBe(0);
    expect(sent()).toHaveLength(7);
    expect(readRunJson(join(cwd, 'out2')).totals).toMatchObject({ calls: 0, costUsd: 0 });
  });

  it('"Character sheet": one image per pose with the references, collected for export', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', join(examples, 'character-sheet.json'), '--out', 'out'], {
      cwd,
      env,
    });
    expect(result.stderr.join('\n')).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(imageCalls()).toHaveLength(4);
    expect(imagesIn(join(cwd, 'out')).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pose-1\./), expect.stringMatching(/^pose-4\./)]),
    );
  });
});

describe('batches of workflows with lists', () => {
  const briefCsv = (cwd: string) => {
    writeFileSync(join(cwd, 'briefs.csv'), 'brief\n"a lighthouse at dawn"\n"a bakery window at night"\n');
    return join(cwd, 'briefs.csv');
  };

  it('--batch runs every row with its elements (2 rows × (1 text + 5 variations + 1 edit))', async () => {
    const cwd = tempDir();
    const run = await runCli(
      ['run', join(examples, 'brief-to-variations.json'), '--batch', briefCsv(cwd), '--out', 'out'],
      { cwd, env },
    );
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(textCalls()).toHaveLength(2);
    expect(imageCalls()).toHaveLength(12);
  });

  it('--batch-api submits every element request, level by level (text lists first, then their images)', async () => {
    const cwd = tempDir();
    const run = await runCli(
      [
        'run',
        join(examples, 'product-x-scenes.json'),
        '--batch',
        writeProductsCsv(cwd),
        '--batch-api',
        '--out',
        'out',
      ],
      { cwd, env },
    );
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(0);
    const creates = fake.requests.filter(
      (r) => r.method === 'POST' && r.path.includes(':batchGenerateContent'),
    );
    const inlined = creates.flatMap(
      (create) =>
        (create.body as { batch: { inputConfig: { requests?: { requests: unknown[] } } } }).batch.inputConfig
          .requests?.requests ?? [],
    );
    // 2 rows (one product each) × 3 scenes: 6 element requests in one job.
    expect(inlined).toHaveLength(6);
    expect(imagesIn(join(cwd, 'out')).length).toBe(6);

    const brief = await runCli(
      [
        'run',
        join(examples, 'brief-to-variations.json'),
        '--batch',
        briefCsv(cwd),
        '--batch-api',
        '--out',
        'out2',
      ],
      { cwd, env },
    );
    expect(brief.stderr.join('\n')).not.toMatch(/error/);
    expect(brief.code).toBe(0);
    const all = fake.requests
      .filter((r) => r.method === 'POST' && r.path.includes(':batchGenerateContent'))
      .slice(creates.length);
    const counts = all.map(
      (create) =>
        (
          (create.body as { batch: { inputConfig: { requests?: { requests: unknown[] } } } }).batch
            .inputConfig.requests?.requests ?? []
        ).length,
    );
    // Level 1: the two text lists; level 2: 5 variations per row; level 3: the two edits.
    expect(counts).toEqual([2, 10, 2]);
  });
});

/** Two rows, one product photo each: 2 rows × 3 scenes. */
function writeProductsCsv(cwd: string): string {
  writeFileSync(join(cwd, 'mug.png'), tinyPng(7));
  writeFileSync(join(cwd, 'lamp.png'), tinyPng(8));
  writeFileSync(join(cwd, 'rows.csv'), 'products\nmug.png\nlamp.png\n');
  return join(cwd, 'rows.csv');
}

describe('peel run --reroll on one element', () => {
  it('--reroll shots[2] makes exactly one new call; the other elements come from the cache', async () => {
    const cwd = tempDir();
    const file = join(examples, 'product-x-scenes.json');
    expect((await runCli(['run', file, '--out', 'a'], { cwd, env })).code).toBe(0);
    expect(imageCalls()).toHaveLength(6);
    const again = await runCli(['run', file, '--out', 'b', '--reroll', 'shots[2,1]'], { cwd, env });
    expect(again.stderr.join('\n')).not.toMatch(/error/);
    expect(again.code).toBe(0);
    expect(imageCalls()).toHaveLength(7);
    expect(readRunJson(join(cwd, 'b')).totals).toMatchObject({ calls: 1 });
  });
});
