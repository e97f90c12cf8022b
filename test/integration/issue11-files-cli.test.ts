/**
 * Issue 11, items 6 and 7 through the CLI: graphs at the node limit, and user-named paths that are
 * not regular files. Always a clear message and exit 2, promptly, with no call made.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../src/engine/schema';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const examples = resolve(__dirname, '../../examples');
const LIMIT = FILE_LIMITS.maxNodes;
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function editLineFile(cwd: string, closed: boolean): string {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < LIMIT; i++) {
    nodes.push({ id: `e${i}`, type: 'edit', position: { x: 0, y: 0 }, params: { instruction: 'x' } });
    if (i > 0) edges.push({ source: `e${i - 1}`, sourcePort: 'image', target: `e${i}`, targetPort: 'image' });
  }
  if (closed) edges.push({ source: `e${LIMIT - 1}`, sourcePort: 'image', target: 'e0', targetPort: 'image' });
  const path = join(cwd, closed ? 'cycle.json' : 'chain.json');
  writeFileSync(path, JSON.stringify({ format: 'peel.workflow', version: 1, name: 'big', nodes, edges }));
  return path;
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('peel validate at the node limit', () => {
  it('a cycle through all 5,000 nodes: exit 2, the cycle named, no crash', async () => {
    const cwd = tempDir();
    const result = await runCli(['validate', editLineFile(cwd, true)], { cwd, env });
    expect(result.code).toBe(2);
    const said = result.stderr.join('\n');
    expect(said).toMatch(/cycle through "e0" -> "e1" -> .*\(5,000 nodes\)/);
    expect(said).not.toMatch(/crashed|call stack/);
  });

  it('a chain of 5,000 nodes whose first edit has no image: exit 2 naming that input, no crash', async () => {
    const cwd = tempDir();
    const result = await runCli(['validate', editLineFile(cwd, false)], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/input "image" \(image\) is not connected/);
  });

  it('peel run on the 5,000-node cycle exits 2 before any call', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', editLineFile(cwd, true), '--out', 'o'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/cycle through/);
    expect(fake.generateRequests()).toHaveLength(0);
  });
});

describe('user-named files that are not regular files', () => {
  const product = join(examples, 'product-scenes.json');

  it('--input naming /dev/zero: exit 2, "a device", nothing read', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', product, '--input', 'product=/dev/zero', '--out', 'o'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toContain(
      'cannot read image /dev/zero (it is a device, not a regular file)',
    );
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('--input naming a FIFO: exit 2 at once, "a pipe", no hang', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'shoe.png'));
    const result = await runCli(['run', product, '--input', 'product=shoe.png', '--out', 'o'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/shoe\.png \(it is a pipe \(FIFO\), not a regular file\)/);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a CSV cell naming /dev/zero or a FIFO: exit 2 naming the row, before any call', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'pipe.png'));
    writeFileSync(join(cwd, 'rows.csv'), 'product\n/dev/zero\npipe.png\n');
    const result = await runCli(['run', product, '--batch', 'rows.csv', '--out', 'o'], { cwd, env });
    expect(result.code).toBe(2);
    const said = result.stderr.join('\n');
    expect(said).toMatch(/\/dev\/zero \(it is a device/);
    expect(said).toMatch(/pipe\.png \(it is a pipe/);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a batch file, or a workflow file, that is a FIFO or a device: exit 2 naming it', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'rows.csv'));
    mkfifo(join(cwd, 'wf.json'));
    const batch = await runCli(['run', product, '--batch', 'rows.csv', '--out', 'o'], { cwd, env });
    expect(batch.code).toBe(2);
    expect(batch.stderr.join('\n')).toMatch(/rows\.csv: cannot read the batch file \(it is a pipe/);
    for (const path of ['wf.json', '/dev/zero']) {
      const workflow = await runCli(['validate', path], { cwd, env });
      expect(workflow.code).toBe(2);
      expect(workflow.stderr.join('\n')).toMatch(/cannot read the file \(it is a (pipe|device)/);
    }
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a batch file over the size limit is refused by its size, unread', async () => {
    const { USER_FILE_LIMITS } = await import('../../src/cli/read-user-file');
    const cwd = tempDir();
    const big = join(cwd, 'big.csv');
    writeFileSync(big, 'product\n');
    // A sparse file: the size is what fstat reports, no disk is used.
    execFileSync('truncate', ['-s', String(USER_FILE_LIMITS.batch + 1), big]);
    const result = await runCli(['run', product, '--batch', 'big.csv', '--out', 'o'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(
      /big\.csv: cannot read the batch file \(it is 256\.0 MB; the limit is 256 MB\)/,
    );
  });
});

describe('export file names through the CLI', () => {
  const exportWorkflow = (cwd: string, name: string, filename: string): string => {
    const path = join(cwd, 'wf.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'peel.workflow',
        version: 1,
        name,
        nodes: [
          { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a cat' } },
          { id: 'g', type: 'generate', position: { x: 0, y: 0 }, params: {} },
          { id: 'out', type: 'export', position: { x: 0, y: 0 }, params: { filename } },
        ],
        edges: [
          { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
          { source: 'g', sourcePort: 'image', target: 'out', targetPort: 'images' },
        ],
      }),
    );
    return path;
  };

  it('a template of 150 CJK characters is refused before any call (exit 2), naming the byte limit', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', exportWorkflow(cwd, 'x', `${'猫'.repeat(150)}-{n}`), '--out', 'o'], {
      cwd,
      env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/the file name is 451 bytes .* limited to 200 bytes/);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a long CJK workflow name with a bidi control still writes a file within 255 bytes', async () => {
    const cwd = tempDir();
    const name = `\u202e${'ワークフロー'.repeat(30)}`;
    const result = await runCli(
      ['run', exportWorkflow(cwd, name, '{workflow}-{n}'), '--out', 'o', '--provider', 'preview'],
      { cwd, env },
    );
    expect(result.code).toBe(0);
    const files = readdirSync(join(cwd, 'o')).filter((file) => file.endsWith('.png'));
    expect(files).toHaveLength(1);
    const file = files[0] as string;
    expect(new TextEncoder().encode(file).length).toBeLessThanOrEqual(255);
    expect(file).not.toMatch(/\u202e/);
    expect(file.startsWith('ワークフロー')).toBe(true);
  });
});

describe('reference images counted from the file', () => {
  it('4 embedded reference images on a 3-image model: exit 2 before any call, naming the limit', async () => {
    const { tinyPng } = await import('../helpers/tiny-png');
    const cwd = tempDir();
    const images = [1, 2, 3, 4].map((seed) => ({
      name: `r${seed}.png`,
      mimeType: 'image/png',
      data: Buffer.from(tinyPng(seed)).toString('base64'),
    }));
    const path = join(cwd, 'refs.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'peel.workflow',
        version: 1,
        name: 'refs',
        nodes: [
          { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a cat' } },
          { id: 'refs', type: 'referenceSet', position: { x: 0, y: 0 }, params: { images } },
          {
            id: 'g',
            type: 'generate',
            position: { x: 0, y: 0 },
            params: { model: 'gemini-2.5-flash-image' },
          },
        ],
        edges: [
          { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
          { source: 'refs', sourcePort: 'images', target: 'g', targetPort: 'references' },
        ],
      }),
    );
    const result = await runCli(['run', path, '--out', 'o'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(
      /4 reference images, but gemini-2\.5-flash-image takes at most 3/,
    );
    expect(fake.generateRequests()).toHaveLength(0);
  });
});
