/**
 * Big batches: OUT/run.jsonl gets one whole line per finished row as rows finish (a SIGKILL
 * mid-batch leaves every finished row's line and no partial line), and running the same command
 * again skips those rows: no call, no second line, no second file. Progress off a terminal is
 * plain text.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { readRunRows } from '../helpers/run-rows';
import { promptGenerateExport } from '../helpers/workflows';

const root = resolve(__dirname, '../..');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ROWS = 8;
const HANGING = ['kite 6', 'kite 7', 'kite 8'];

function setup(): string {
  const cwd = tempDir('peel-resume-');
  const workflow = promptGenerateExport(['x']);
  const out = workflow.nodes.find((node) => node.id === 'out');
  if (out) out.params = { filename: 'kite-{row}' };
  writeFileSync(join(cwd, 'wf.json'), JSON.stringify(workflow));
  const rows = Array.from({ length: ROWS }, (_, i) => `kite ${i + 1}`);
  writeFileSync(join(cwd, 'rows.csv'), `prompt0\n${rows.join('\n')}\n`);
  return cwd;
}

const promptOf = (request: { body: unknown }) =>
  JSON.stringify((request.body as { contents: unknown }).contents).match(/kite \d+/)?.[0] ?? '';

// --no-cache: only run.jsonl can stop a finished row from being paid for again.
const ARGS = ['run', 'wf.json', '--batch', 'rows.csv', '--out', 'out', '--no-cache', '--concurrency', '2'];

async function waitFor(check: () => boolean, timeoutMs = 40_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 25));
  }
}

const lineCount = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;

describe('run.jsonl and resume', () => {
  it('a SIGKILL mid-batch leaves every finished row as one whole line; the same command then finishes without paying or writing twice', async () => {
    const cwd = setup();
    fake.addFault({ kind: 'hang', match: (request) => HANGING.includes(promptOf(request)) });
    const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/peel.mjs'), ...ARGS], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const journal = join(cwd, 'out/run.jsonl');
    try {
      // Rows 1-5 finish; 6-8 hang on the wire. Their lines appear while the batch is still running.
      await waitFor(() => lineCount(journal) >= 5);
      // Two call slots, both held by hanging rows: nothing else can finish.
      await waitFor(() => fake.generateRequests().filter((r) => HANGING.includes(promptOf(r))).length >= 2);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((done) => child.once('exit', done));
    const text = readFileSync(journal, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const killed = readRunRows(join(cwd, 'out'));
    expect(killed.map((row) => row.row)).toEqual([1, 2, 3, 4, 5]);
    expect(killed.every((row) => row.status === 'ok' && row.key.length === 64)).toBe(true);
    // Every line names files that are on disk.
    for (const row of killed)
      for (const file of row.nodes.flatMap((node) => node.files))
        expect(existsSync(join(cwd, 'out', file))).toBe(true);

    fake.reset();
    const resumed = await runCli([...ARGS, '--resume'], { cwd, env });
    const stderr = resumed.stderr.join('\n');
    expect(resumed.code).toBe(0);
    expect(stderr).toMatch(/resume: 5 of 8 rows already done/);
    // Only the three unfinished rows were asked for.
    expect(fake.generateRequests().map(promptOf).sort()).toEqual(HANGING);
    const rows = readRunRows(join(cwd, 'out'));
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The default model (3.1 Flash Image) answers JPEG.
    const images = readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.jpg'));
    expect(images.sort()).toEqual(Array.from({ length: ROWS }, (_, i) => `kite-${i + 1}.jpg`).sort());
    const run = JSON.parse(readFileSync(join(cwd, 'out/run.json'), 'utf8'));
    expect(run.rows).toMatchObject({ total: 8, ran: 3, ok: 3, alreadyDone: 5 });

    // And once more: everything is done, nothing is called or written again.
    fake.reset();
    const again = await runCli(ARGS, { cwd, env });
    expect(again.code).toBe(0);
    expect(again.stderr.join('\n')).toMatch(/resume: 8 of 8 rows already done/);
    expect(fake.generateRequests()).toHaveLength(0);
    expect(readRunRows(join(cwd, 'out'))).toHaveLength(8);
  }, 90_000);

  it('Ctrl+C mid-batch exits 130 with a consistent run.json and whole run.jsonl lines', async () => {
    const cwd = setup();
    fake.addFault({ kind: 'hang', match: (request) => HANGING.includes(promptOf(request)) });
    const child = spawn(process.execPath, [join(root, 'bin/peel.mjs'), ...ARGS], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const journal = join(cwd, 'out/run.jsonl');
    await waitFor(() => lineCount(journal) >= 5);
    await waitFor(() => fake.generateRequests().filter((r) => HANGING.includes(promptOf(r))).length >= 2);
    child.kill('SIGINT');
    const code = await new Promise((done) => child.once('exit', done));
    expect(code).toBe(130);
    const run = JSON.parse(readFileSync(join(cwd, 'out/run.json'), 'utf8'));
    expect(run.status).toBe('cancelled');
    const rows = readRunRows(join(cwd, 'out'));
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true);
    expect(rows.filter((row) => row.status === 'ok').map((row) => row.row)).toEqual([1, 2, 3, 4, 5]);
    // run.json's counts agree with run.jsonl.
    expect(run.rows.ran).toBe(rows.length);
    expect(run.rows.ok).toBe(5);
    expect(run.rows.cancelled).toBe(rows.length - 5);
  }, 90_000);

  it('a row changed in the file since (another prompt) is run again, its old line replaced', async () => {
    const cwd = setup();
    const first = await runCli(ARGS, { cwd, env });
    expect(first.code).toBe(0);
    writeFileSync(
      join(cwd, 'rows.csv'),
      `prompt0\n${Array.from({ length: ROWS }, (_, i) => (i === 2 ? 'a new kite' : `kite ${i + 1}`)).join('\n')}\n`,
    );
    fake.reset();
    const second = await runCli(ARGS, { cwd, env });
    expect(second.code).toBe(0);
    expect(second.stderr.join('\n')).toMatch(/resume: 7 of 8 rows already done/);
    expect(fake.generateRequests()).toHaveLength(1);
    const rows = readRunRows(join(cwd, 'out'));
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[2]?.inputs).toEqual({ prompt0: 'a new kite' });
  }, 60_000);

  it('a row that failed is run again on the next run, and listed once', async () => {
    const cwd = setup();
    fake.addFault({ kind: 'imageSafety', match: (request) => promptOf(request) === 'kite 4' });
    const first = await runCli(ARGS, { cwd, env });
    expect(first.code).toBe(1);
    expect(readRunRows(join(cwd, 'out')).find((row) => row.row === 4)?.status).toBe('failed');
    fake.reset();
    const second = await runCli(ARGS, { cwd, env });
    expect(second.code).toBe(0);
    expect(fake.generateRequests().map(promptOf)).toEqual(['kite 4']);
    const rows = readRunRows(join(cwd, 'out'));
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
  }, 60_000);

  it('progress off a terminal is plain lines: no control characters, and a final summary', async () => {
    const cwd = setup();
    const child = spawn(process.execPath, [join(root, 'bin/peel.mjs'), ...ARGS], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise((done) => child.once('exit', done));
    expect(code).toBe(0);
    expect(stderr).toMatch(/^done: 8 rows run, 8 calls, 0 cached, .*elapsed/m);
    // Only printable text, newlines and tabs: no cursor moves, no colours, no carriage returns.
    const controls = [...stderr].filter((char) => {
      const code = char.charCodeAt(0);
      return (code < 0x20 && char !== '\n' && char !== '\t') || (code >= 0x7f && code <= 0x9f);
    });
    expect(controls).toEqual([]);
    // No per-node lines without --verbose.
    expect(stderr).not.toMatch(/\[row \d+\]/);
  }, 60_000);
});
