import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { readRunRows } from '../helpers/run-rows';
import { tinyPng } from '../helpers/tiny-png';

const root = resolve(__dirname, '../..');
const productScenes = join(root, 'examples/product-scenes.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const promptsSent = () =>
  fake.generateRequests().map((request) => {
    const contents = (request.body as { contents: Array<{ parts: Array<{ text?: string }> }> }).contents;
    return contents.at(-1)?.parts.find((part) => part.text)?.text ?? '';
  });

describe('peel run --batch', () => {
  it('runs one run per row; nodes that do not depend on the row run once for the whole batch', async () => {
    const cwd = tempDir();
    // scene2 stays the workflow's own value: its generate node is the same for every row.
    const rows = ['a red kite', 'a blue kite', 'a green kite', 'a yellow kite', 'a black kite'];
    writeFileSync(join(cwd, 'rows.csv'), `scene1\n${rows.map((r) => `"${r}, on a beach"`).join('\n')}\n`);
    const result = await runCli(['run', productScenes, '--batch', 'rows.csv', '--out', 'out'], { cwd, env });
    expect(result.stderr.join('\n')).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(6);
    expect(promptsSent().filter((p) => p.includes('golden hour'))).toHaveLength(1);
    const run = JSON.parse(readFileSync(join(cwd, 'out/run.json'), 'utf8'));
    const rowRecords = readRunRows(join(cwd, 'out'));
    expect(rowRecords.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(rowRecords[2]?.inputs).toEqual({ scene1: 'a green kite, on a beach' });
    expect(run.totals.calls).toBe(6);
    expect(run.rows).toMatchObject({ total: 5, ok: 5, failed: 0 });
    const files = readdirSync(join(cwd, 'out')).filter((f) => !f.startsWith('run.') && f !== 'index.html');
    // Two exported images per row, named by {row}, none overwritten.
    expect(files).toHaveLength(10);
    expect(files.filter((f) => f.startsWith('product-3-'))).toHaveLength(2);
    const again = await runCli(['run', productScenes, '--batch', 'rows.csv', '--out', 'out2'], { cwd, env });
    expect(again.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(6);
  });

  it('shares one concurrency limit across rows', async () => {
    const cwd = tempDir();
    fake.setLatency(60);
    writeFileSync(
      join(cwd, 'rows.jsonl'),
      Array.from({ length: 5 }, (_, i) => JSON.stringify({ scene1: `row ${i}`, scene2: `other ${i}` })).join(
        '\n',
      ),
    );
    const result = await runCli(
      ['run', productScenes, '--batch', 'rows.jsonl', '--concurrency', '2', '--out', 'o'],
      { cwd, env },
    );
    expect(result.code).toBe(0);
    const requests = fake.generateRequests();
    expect(requests).toHaveLength(10);
    // With 60 ms answers and 2 slots, no three requests can arrive within one answer's time.
    const times = requests.map((r) => r.receivedAt).sort((a, b) => a - b);
    for (let i = 2; i < times.length; i++)
      expect((times[i] as number) - (times[i - 2] as number)).toBeGreaterThanOrEqual(50);
  });

  it('isolates a failing row: the others finish, exit 1 names the row', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'rows.csv'), 'scene1\nfine one\nforbidden one\nfine two\n');
    fake.addFault({
      kind: 'imageSafety',
      match: (req) => JSON.stringify(req.body).includes('forbidden one'),
    });
    const result = await runCli(['run', productScenes, '--batch', 'rows.csv', '--out', 'o'], { cwd, env });
    expect(result.code).toBe(1);
    const stderr = result.stderr.join('\n');
    expect(stderr).toMatch(/row 2 failed: genStreet: .*safety/i);
    expect(readRunRows(join(cwd, 'o')).map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
    const run = JSON.parse(readFileSync(join(cwd, 'o/run.json'), 'utf8'));
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatchObject({ row: 2, inputs: { scene1: 'forbidden one' } });
    expect(run.failures[0].reasons[0]).toMatch(/^genStreet: .*safety/i);
    expect(readdirSync(join(cwd, 'o')).filter((f) => f.startsWith('product-3-'))).toHaveLength(2);
  });

  it('refuses an unknown column or a bad row before any call (exit 2)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad-column.csv'), 'scene1,colour\nx,red\n');
    const unknown = await runCli(['run', productScenes, '--batch', 'bad-column.csv'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.join('\n')).toMatch(
      /column "colour" match no exposed input; this workflow exposes: product, scene1, scene2/,
    );
    writeFileSync(join(cwd, 'shoe.png'), tinyPng(3));
    writeFileSync(join(cwd, 'missing-image.csv'), 'product,scene1\nshoe.png,x\nmissing.png,y\n');
    const missing = await runCli(['run', productScenes, '--batch', 'missing-image.csv'], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr.join('\n')).toMatch(/row 2: cannot read image .*missing\.png \(no such file\)/);
    expect(fake.generateRequests()).toHaveLength(0);
  });
});

describe('the peel binary', () => {
  it('npx peel --help works from the repository with no build step', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/peel.mjs'), '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/peel run <workflow\.json/);
  });

  it('a usage error exits 2 with a message and no stack trace', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/peel.mjs'), 'run', 'nowhere.json'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/nowhere\.json: cannot read the file \(no such file\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('SIGINT aborts in-flight calls, exits 130 and leaves no partial files', async () => {
    const cwd = tempDir();
    fake.addFault({ kind: 'hang' });
    const { spawn } = await import('node:child_process');
    const child = spawn(
      process.execPath,
      [join(root, 'bin/peel.mjs'), 'run', join(root, 'examples/text-to-image.json'), '--out', 'o'],
      {
        cwd,
        env: { ...process.env, ...env },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    await new Promise<void>((resolveWait) => {
      const poll = setInterval(() => {
        if (fake.generateRequests().length > 0) {
          clearInterval(poll);
          resolveWait();
        }
      }, 20);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    const left = readdirSync(join(cwd, 'o'));
    expect(left.filter((f) => f.endsWith('.tmp') || f.endsWith('.png'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(cwd, 'o/run.json'), 'utf8')).status).toBe('cancelled');
  });
});

describe('peel validate', () => {
  it('reports every problem with its path, as text or JSON, and exits 2', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'bad.json'),
      JSON.stringify({
        format: 'peel.workflow',
        version: 1,
        name: 'bad',
        nodes: [
          { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: '' } },
          { id: 'g', type: 'generate', position: { x: 0, y: 0 }, params: { aspectRatio: '7:3' } },
        ],
        edges: [],
      }),
    );
    const text = await runCli(['validate', 'bad.json'], { cwd });
    expect(text.code).toBe(2);
    expect(text.stderr.join('\n')).toMatch(/nodes\[0\]\.params\.text: the prompt is empty/);
    expect(text.stderr.join('\n')).toMatch(/nodes\[1\]: input "prompt" \(text\) is not connected/);
    const json = await runCli(['validate', 'bad.json', '--json'], { cwd });
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout[0] as string);
    expect(report.valid).toBe(false);
    expect(report.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['nodes[0].params.text', 'nodes[1].params.aspectRatio', 'nodes[1]']),
    );
    const good = await runCli(['validate', join(root, 'examples/text-to-image.json'), '--json'], { cwd });
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout[0] as string)).toMatchObject({ valid: true, problems: [] });
  });
});
